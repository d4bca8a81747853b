//! `CsvUpload::from_reader`: the same upload and the same errors (with the same line numbers)
//! as `CsvImport::parse_with`, whatever the reads look like; I/O errors and non-UTF-8 input.

use std::io;

use proptest::prelude::*;
use sipgateio_contacts_format::{CsvImport, CsvUpload, Error, InputProblem, RowProblem};

/// Hands out its input `step` bytes per read, so that records, line ends and the byte order
/// mark are cut at every place.
struct Trickle<'a> {
    input: &'a [u8],
    step: usize,
}

impl io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.input.len());
        buf[..n].copy_from_slice(&self.input[..n]);
        self.input = &self.input[n..];
        Ok(n)
    }
}

fn no_plus(number: &str) -> Result<(), String> {
    if number.starts_with('+') {
        Ok(())
    } else {
        Err("no leading +".to_owned())
    }
}

fn upload(input: &str, step: usize) -> Result<CsvUpload, Error> {
    CsvUpload::from_reader(
        Trickle {
            input: input.as_bytes(),
            step,
        },
        &no_plus,
    )
}

/// One line of a generated CSV: what it is, and its text.
#[derive(Clone, Debug)]
enum Row {
    Valid(String),
    Invalid(String, Vec<RowProblem>),
    Blank(String),
}

fn row() -> impl Strategy<Value = Row> {
    let name = "[A-Za-zäß ]{0,6}";
    prop_oneof![
        4 => (name, name, "\\+[0-9]{1,8}", "[a-z\"]{0,4}").prop_map(|(f, l, n, extra)| {
            if f.trim().is_empty() && l.trim().is_empty() {
                Row::Invalid(format!("{f},{l},{n}"), vec![RowProblem::MissingName])
            } else {
                Row::Valid(format!("\"{f}\",{l} , {n},\"{}\"", extra.replace('"', "\"\"")))
            }
        }),
        1 => ("[A-Za-z]{1,5}", "[0-9]{1,5}").prop_map(|(f, n)| Row::Invalid(
            format!("{f},,{n}"),
            vec![RowProblem::InvalidNumber { number: n, reason: "no leading +".into() }],
        )),
        1 => "[A-Za-z]{1,5}".prop_map(|f| Row::Invalid(format!("{f},x"), vec![RowProblem::MissingNumber])),
        1 => "[ ,]{0,3}".prop_map(Row::Blank),
        // A quoted field over two lines: the row starts on the first.
        1 => "[a-z]{1,4}".prop_map(|f| Row::Valid(format!("\"{f}\nsecond\",L,+49"))),
    ]
}

fn line_end() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])
}

/// The line a row appended to `before` starts on: line ends are LF, CRLF or a lone CR.
fn line_of(before: &str) -> u64 {
    let bytes = before.as_bytes();
    let ends = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    1 + ends as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn from_reader_is_parse_with_then_base64(
        bom in any::<bool>(),
        rows in prop::collection::vec((row(), line_end()), 0..12),
        step in 1usize..9,
    ) {
        let mut input = String::from(if bom { "\u{feff}firstname,Lastname , number,notes\n" } else { "firstname,Lastname , number,notes\n" });
        let mut expected_errors = Vec::new();
        for (row, end) in &rows {
            let text = match row {
                Row::Valid(text) | Row::Blank(text) => text,
                Row::Invalid(text, problems) => {
                    expected_errors.push((line_of(&input), problems.clone()));
                    text
                }
            };
            input.push_str(text);
            input.push_str(end);
        }
        let parsed = CsvImport::parse_with(&input, &no_plus);
        let streamed = upload(&input, step);
        match (&parsed, &streamed) {
            (Ok(import), Ok(upload)) => {
                prop_assert!(expected_errors.is_empty());
                prop_assert_eq!(upload.base64(), import.to_base64());
                prop_assert_eq!(upload.len(), import.rows().len());
            }
            (Err(parsed), Err(streamed)) => {
                prop_assert_eq!(parsed, streamed);
                let Some(InputProblem::InvalidRows(rows)) = parsed.problem() else {
                    return Err(TestCaseError::fail(format!("{parsed:?} for {input:?}")));
                };
                let rows: Vec<(u64, Vec<RowProblem>)> =
                    rows.iter().map(|row| (row.line, row.problems.clone())).collect();
                prop_assert_eq!(rows, expected_errors, "{:?}", input);
            }
            _ => prop_assert!(false, "{parsed:?} vs {streamed:?} for {input:?}"),
        }
    }
}

#[test]
fn line_numbers_are_right_far_beyond_the_kept_window() {
    // 300,000 rows (about 9 MB) with CRLF, blank lines every 1,000 rows and a lone CR once;
    // two bad rows near the end.
    let mut input = String::from("firstname,lastname,number\r\n");
    let mut line = 2;
    let mut bad = Vec::new();
    for i in 0..300_000u32 {
        if i == 150_000 {
            input.push_str("Lone,CR,+49\r");
            line += 1;
        }
        if i % 1000 == 0 {
            input.push_str("\r\n,,\r\n");
            line += 2;
        }
        if i == 299_000 || i == 299_998 {
            input.push_str(&format!("Given{i},Family,4921{i}\r\n"));
            bad.push(line);
        } else {
            input.push_str(&format!("Given{i},Family{i},+4921{i}\r\n"));
        }
        line += 1;
    }
    for step in [4096, 65_537] {
        let error = upload(&input, step).expect_err("two bad rows");
        let Some(InputProblem::InvalidRows(rows)) = error.problem() else {
            panic!("{error}");
        };
        let lines: Vec<u64> = rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, bad);
    }
    assert_eq!(
        CsvImport::parse_with(&input, &no_plus).err(),
        upload(&input, 8192).err()
    );
}

#[test]
fn a_failing_read_is_a_write_error_not_malformed_csv() {
    struct Broken(usize);
    impl io::Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::other("disk on fire"));
            }
            let header = b"firstname,lastname,number\nAda,L,+49\n";
            let n = header.len().min(buf.len());
            buf[..n].copy_from_slice(&header[..n]);
            self.0 -= 1;
            Ok(n)
        }
    }
    for reads in [0, 1] {
        let error = CsvUpload::from_reader(Broken(reads), &|_| Ok(())).expect_err("the read fails");
        let Error::Write(write) = &error else {
            panic!("{error:?}");
        };
        assert_eq!(write.message(), "disk on fire");
    }
}

#[test]
fn input_that_is_not_utf8_is_malformed_with_its_line() {
    let input: &[u8] = b"firstname,lastname,number\nAda,Lovelace,+49\n\n\xff\xfe,x,+49\n";
    let error = CsvUpload::from_reader(input, &|_| Ok(())).expect_err("not UTF-8");
    assert_eq!(
        error.problem(),
        Some(&InputProblem::MalformedCsv {
            line: 4,
            message: "the text is not valid UTF-8".into()
        })
    );
    let error = CsvUpload::from_reader(&b"first\xffname,lastname,number\n"[..], &|_| Ok(()))
        .expect_err("not UTF-8");
    assert!(matches!(
        error.problem(),
        Some(InputProblem::MalformedCsv { line: 1, .. })
    ));
}

/// Found by the `csv_import` fuzz target: a second byte order mark is skipped by the csv
/// reader when it reads a whole `&str`, so from a reader too, whatever the read sizes.
#[test]
fn two_byte_order_marks_read_in_small_pieces() {
    let input = "\u{feff}\u{feff}Number , LASTNAME,firstname\n+49211,Lovelace,Ada\n";
    let parsed = CsvImport::parse(input).expect("both marks are skipped");
    for step in 1..8 {
        let upload = upload(input, step).expect("both marks are skipped");
        assert_eq!(upload.base64(), parsed.to_base64(), "{step}");
    }
    for input in ["\u{feff}", "\u{feff}a", "\u{feff}\u{feff}"] {
        for step in 1..8 {
            assert_eq!(
                upload(input, step).err(),
                CsvImport::parse(input).err(),
                "{input:?} {step}"
            );
        }
    }
}

#[test]
fn header_only_and_empty_input() {
    let upload = upload("\u{feff}number,lastname,firstname", 1).expect("header only");
    assert!(upload.is_empty());
    assert_eq!(upload.into_base64(), CsvImport::default().to_base64());
    assert_eq!(
        CsvUpload::from_reader(io::empty(), &|_| Ok(())).err(),
        CsvImport::parse("").err()
    );
}
