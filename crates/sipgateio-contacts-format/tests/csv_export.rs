//! Table tests for the CSV exports.

use sipgateio_contacts_format::{
    Address, Contact, ContactCsvWriter, ContactId, CsvImport, Email, ImportRow, InputProblem,
    PhoneNumber, Scope, contacts_to_csv, contacts_to_import_csv,
};

fn ustinov() -> Contact {
    let mut contact = Contact::new(ContactId::new("001"), "Peter Ustinov", Scope::Shared);
    contact.emails.push(Email::new("test@sipgate.de"));
    contact.numbers.push(PhoneNumber::new("+4912121212"));
    let mut address = Address::new("2 Enterprise Avenue", "01111", "Worktown", "USA");
    address.region = "NY".into();
    contact.addresses.push(address);
    contact
        .organization
        .push(vec!["Example.com Inc.".into(), "Dept".into()]);
    contact
}

const HEADER: &str =
    "\"id\",\"name\",\"emails\",\"numbers\",\"addresses\",\"organization\",\"scope\"\r\n";

/// The observed Node row of node-behaviour.md 7.6, plus the `scope` column; the address keys
/// follow the API's field order.
#[test]
fn node_example_row_7_6() {
    let csv = contacts_to_csv([&ustinov()], ',').expect("valid");
    assert_eq!(
        csv,
        format!(
            "{HEADER}\"001\",\"Peter Ustinov\",\"[\"\"test@sipgate.de\"\"]\",\"[\"\"+4912121212\"\"]\",\
             \"[{{\"\"poBox\"\":\"\"\"\",\"\"extendedAddress\"\":\"\"\"\",\"\"streetAddress\"\":\"\"2 Enterprise Avenue\"\",\
             \"\"locality\"\":\"\"Worktown\"\",\"\"region\"\":\"\"NY\"\",\"\"postalCode\"\":\"\"01111\"\",\"\"country\"\":\"\"USA\"\"}}]\",\
             \"[[\"\"Example.com Inc.\"\",\"\"Dept\"\"]]\",\"SHARED\"\r\n"
        )
    );
}

#[test]
fn empty_export_is_the_header_only() {
    assert_eq!(contacts_to_csv([], ',').expect("valid"), HEADER);
}

fn records(csv: &str, delimiter: char) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter as u8)
        .from_reader(csv.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV")
}

#[test]
fn any_delimiter_changes_only_the_separator() {
    let comma = contacts_to_csv([&ustinov()], ',').expect("valid");
    for delimiter in [';', '\t', '|', ' '] {
        let csv = contacts_to_csv([&ustinov()], delimiter).expect("valid");
        assert!(
            csv.starts_with(&format!("\"id\"{delimiter}\"name\"")),
            "{csv}"
        );
        assert_eq!(
            records(&csv, delimiter),
            records(&comma, ','),
            "{delimiter:?}"
        );
        assert_eq!(csv.len(), comma.len());
    }
}

#[test]
fn invalid_delimiters_are_rejected() {
    for delimiter in ['"', '\n', '\r', 'ä', '😀'] {
        assert_eq!(
            contacts_to_csv([&ustinov()], delimiter).map_err(|e| (e.field(), e.problem().cloned())),
            Err((
                Some("delimiter"),
                Some(InputProblem::InvalidDelimiter(delimiter))
            )),
            "{delimiter:?}"
        );
    }
}

#[test]
fn hostile_cells_are_quoted_rfc4180() {
    let mut contact = Contact::new(
        ContactId::new("a\"b"),
        "Line\nbreak, \"quoted\"; semi",
        Scope::Unknown("X".into()),
    );
    contact.numbers.push(PhoneNumber::new("+49\"1"));
    let csv = contacts_to_csv([&contact], ';').expect("valid");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.as_bytes());
    let record = reader.records().next().expect("a row").expect("valid");
    assert_eq!(&record[0], "a\"b");
    assert_eq!(&record[1], "Line\nbreak, \"quoted\"; semi");
    assert_eq!(&record[3], "[\"+49\\\"1\"]");
    assert_eq!(&record[6], "X");
}

#[test]
fn streaming_writer_matches_the_string_export() {
    let mut writer = ContactCsvWriter::new(Vec::new(), ',').expect("valid");
    for _ in 0..3 {
        writer.write(&ustinov()).expect("write");
    }
    let streamed = String::from_utf8(writer.finish().expect("flush")).expect("UTF-8");
    let contacts = vec![ustinov(); 3];
    assert_eq!(streamed, contacts_to_csv(&contacts, ',').expect("valid"));
}

#[test]
fn import_flavour_is_one_row_per_number_and_re_importable() {
    let mut ada = Contact::new(ContactId::new("1"), "Ada King Lovelace", Scope::Private);
    ada.numbers.push(PhoneNumber::new("+4921163553355"));
    ada.numbers.push(PhoneNumber::new("+4915799912345"));
    let no_number = Contact::new(ContactId::new("2"), "Nobody", Scope::Private);
    let mut known = Contact::new(ContactId::new("3"), "Dr. Alan Turing", Scope::Shared);
    known.given = Some("Alan".into());
    known.family = Some("Turing, OBE".into());
    known.numbers.push(PhoneNumber::new("+4921100000"));
    let csv = contacts_to_import_csv([&ada, &no_number, &known]);
    assert_eq!(
        csv,
        "firstname,lastname,number\r\nAda King,Lovelace,+4921163553355\r\n\
         Ada King,Lovelace,+4915799912345\r\nAlan,\"Turing, OBE\",+4921100000\r\n"
    );
    assert_eq!(
        CsvImport::parse(&csv).expect("re-importable").into_rows(),
        [
            ImportRow::new("Ada King", "Lovelace", "+4921163553355"),
            ImportRow::new("Ada King", "Lovelace", "+4915799912345"),
            ImportRow::new("Alan", "Turing, OBE", "+4921100000"),
        ]
    );
}
