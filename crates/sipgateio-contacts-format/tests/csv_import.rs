//! Table tests for the CSV import rules.

use sipgateio_contacts_format::{CsvImport, ImportRow, InputProblem, RowError, RowProblem};

/// The field and the problem of a failed parse.
fn failure(input: &str) -> Option<(Option<&'static str>, Option<InputProblem>)> {
    CsvImport::parse(input)
        .err()
        .map(|e| (e.field(), e.problem().cloned()))
}

fn rows(input: &str) -> Vec<ImportRow> {
    CsvImport::parse(input)
        .unwrap_or_else(|e| panic!("{input:?} should parse: {e}"))
        .into_rows()
}

fn row(first: &str, last: &str, number: &str) -> ImportRow {
    ImportRow::new(first, last, number)
}

fn bad_rows(input: &str) -> Vec<RowError> {
    match CsvImport::parse_with(input, &|n: &str| {
        if n.starts_with('+') {
            Ok(())
        } else {
            Err("must start with +".into())
        }
    }) {
        Err(error) => match (error.field(), error.problem()) {
            (Some("csv"), Some(InputProblem::InvalidRows(rows))) => rows.clone(),
            _ => panic!("{input:?}: expected invalid rows, got {error:?}"),
        },
        other => panic!("{input:?}: expected invalid rows, got {other:?}"),
    }
}

#[test]
fn columns_in_any_order_case_insensitive_trimmed_with_extras() {
    let table: &[(&str, Vec<ImportRow>)] = &[
        (
            "firstname,lastname,number\nAda,Lovelace,+49211\n",
            vec![row("Ada", "Lovelace", "+49211")],
        ),
        (
            "number,lastname,firstname\n+49211,Lovelace,Ada",
            vec![row("Ada", "Lovelace", "+49211")],
        ),
        (
            " FirstName , LASTNAME ,Number \nAda,Lovelace,+49211\n",
            vec![row("Ada", "Lovelace", "+49211")],
        ),
        (
            "id,firstname,notes,lastname,number,city\n7,Ada,x,Lovelace,+49211,London\n",
            vec![row("Ada", "Lovelace", "+49211")],
        ),
        (
            "firstname,lastname,number\r\nAda,Lovelace,+49211\r\nAlan,Turing,+49212\r\n",
            vec![
                row("Ada", "Lovelace", "+49211"),
                row("Alan", "Turing", "+49212"),
            ],
        ),
        (
            "\u{feff}firstname,lastname,number\nAda,Lovelace,+49211\n",
            vec![row("Ada", "Lovelace", "+49211")],
        ),
    ];
    for (input, expected) in table {
        assert_eq!(&rows(input), expected, "{input:?}");
    }
}

#[test]
fn rfc4180_quoting_and_trimmed_values() {
    let input = "firstname,lastname,number\n\
                 \"Lovelace, Ada\",\"King \"\"the Countess\"\"\",+49211\n\
                 \"multi\nline\",  Turing  ,\" +49212 \"\n";
    assert_eq!(
        rows(input),
        [
            row("Lovelace, Ada", "King \"the Countess\"", "+49211"),
            row("multi\nline", "Turing", "+49212"),
        ]
    );
}

#[test]
fn blank_and_separator_only_lines_are_ignored() {
    let input = "firstname,lastname,number\n\nAda,Lovelace,+49211\n   \n,,\n , , \n\nAlan,Turing,+49212\n\n";
    assert_eq!(
        rows(input),
        [
            row("Ada", "Lovelace", "+49211"),
            row("Alan", "Turing", "+49212")
        ]
    );
}

#[test]
fn utf8_names_survive_and_the_upload_is_base64_of_utf8() {
    let import = CsvImport::parse("firstname,lastname,number\nJürgen,Müller-Łukasz 李,+49211\n")
        .expect("valid");
    assert_eq!(import.rows()[0].lastname, "Müller-Łukasz 李");
    let decoded = base64_decode(&import.to_base64());
    assert_eq!(
        String::from_utf8(decoded).expect("UTF-8"),
        "firstname,lastname,number\nJürgen,Müller-Łukasz 李,+49211\n"
    );
}

#[test]
fn header_only_is_a_valid_empty_import() {
    for input in [
        "firstname,lastname,number",
        "firstname,lastname,number\n",
        "number,firstname,lastname\r\n\r\n\r\n",
    ] {
        let import = CsvImport::parse(input).expect("valid");
        assert!(import.is_empty(), "{input:?}");
        assert_eq!(import.to_csv(), "firstname,lastname,number\n");
    }
}

#[test]
fn empty_input_and_missing_columns() {
    for input in ["", "\n\n", "  \n"] {
        assert_eq!(
            failure(input),
            Some((Some("csv"), Some(InputProblem::EmptyCsv))),
            "{input:?}"
        );
    }
    let table: &[(&str, &[&str])] = &[
        ("firstname,lastname\nAda,Lovelace", &["number"]),
        (
            "name,phone\nAda,+49211",
            &["firstname", "lastname", "number"],
        ),
        ("first name,lastname,number\n", &["firstname"]),
        (
            "firstname;lastname;number\n",
            &["firstname", "lastname", "number"],
        ),
    ];
    for (input, missing) in table {
        assert_eq!(
            failure(input),
            Some((
                Some("csv"),
                Some(InputProblem::MissingColumns(missing.to_vec()))
            )),
            "{input:?}"
        );
    }
}

#[test]
fn every_bad_row_is_reported_at_once_with_its_line() {
    let input = "firstname,lastname,number\n\
                 Ada,Lovelace,+49211\n\
                 ,,+49212\n\
                 \n\
                 Alan,Turing,\n\
                 Grace,Hopper,0211 123\n\
                 \"multi\nline\",X,\n\
                 ,,nonsense\n\
                 Cher,,+49213\n";
    let errors = bad_rows(input);
    let summary: Vec<(u64, Vec<RowProblem>)> =
        errors.into_iter().map(|e| (e.line, e.problems)).collect();
    assert_eq!(
        summary,
        [
            (3, vec![RowProblem::MissingName]),
            (5, vec![RowProblem::MissingNumber]),
            (
                6,
                vec![RowProblem::InvalidNumber {
                    number: "0211 123".into(),
                    reason: "must start with +".into()
                }]
            ),
            (7, vec![RowProblem::MissingNumber]),
            (
                9,
                vec![
                    RowProblem::MissingName,
                    RowProblem::InvalidNumber {
                        number: "nonsense".into(),
                        reason: "must start with +".into()
                    }
                ]
            ),
        ]
    );
}

#[test]
fn line_numbers_with_any_line_ending() {
    for newline in ["\n", "\r\n", "\r"] {
        let input = [
            "firstname,lastname,number",
            "Ada,Lovelace,+49211",
            "",
            ",,+49212",
        ]
        .join(newline);
        let errors = bad_rows(&input);
        assert_eq!(errors.len(), 1, "{newline:?}");
        assert_eq!(errors[0].line, 4, "{newline:?}");
    }
}

#[test]
fn short_rows_count_as_missing_fields() {
    let errors = bad_rows("firstname,lastname,number\nAda\n");
    assert_eq!(errors[0].line, 2);
    assert_eq!(errors[0].problems, [RowProblem::MissingNumber]);
}

#[test]
fn error_messages_name_lines_and_problems() {
    let error = CsvImport::parse("firstname,lastname,number\n,,+49\nAda,,\n").expect_err("bad");
    assert_eq!(
        error.to_string(),
        "2 invalid CSV row(s): line 2: firstname and lastname are both empty; line 3: number is empty"
    );
    let error = CsvImport::parse("name\n").expect_err("bad");
    assert_eq!(
        error.to_string(),
        "the CSV header lacks the column(s) firstname, lastname, number"
    );
}

/// The example of node-behaviour.md 7.4, with our behaviour: the separator-only row is
/// skipped instead of becoming an empty line of the upload.
#[test]
fn node_example_7_4() {
    let input =
        "lastname,firstname,number\nTuring,Alan,+4921163553355\n,,\nLovelace,Ada,+4921163553355";
    let import = CsvImport::parse(input).expect("valid");
    assert_eq!(
        import.to_csv(),
        "firstname,lastname,number\nAlan,Turing,+4921163553355\nAda,Lovelace,+4921163553355\n"
    );
    // Node would split `"Lovelace, Ada"` at the comma and fail the column count.
    let quoted = "firstname,lastname,number\n\"Ada, Countess\",Lovelace,+49211\n";
    assert_eq!(
        CsvImport::parse(quoted).expect("valid").to_csv(),
        "firstname,lastname,number\n\"Ada, Countess\",Lovelace,+49211\n"
    );
}

#[test]
fn the_readme_example_parses() {
    let input =
        "lastname,firstname,number\nTuring,Alan,+4921163553355\nLovelace,Ada,+4921163553355\n";
    assert_eq!(rows(input).len(), 2);
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for byte in text.bytes().filter(|b| *b != b'=') {
        let value = ALPHABET
            .iter()
            .position(|a| *a == byte)
            .expect("base64 alphabet") as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}
