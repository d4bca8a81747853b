//! Property tests: arbitrary Unicode (with commas, quotes, semicolons, backslashes, colons
//! and line breaks) survives export and re-import unchanged.

use proptest::prelude::*;
use sipgateio_contacts_format::{
    Address, CsvImport, Email, ImportRow, NewContact, PhoneNumber, parse_vcards,
};

/// Text with a high share of the characters that CSV and vCard must escape.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => any::<char>(),
        1 => prop::sample::select(vec![',', '"', ';', '\\', '\n', '\r', ':', ' ', '\t', 'ä', '李', '😀']),
        2 => prop::char::range('a', 'z'),
    ];
    prop::collection::vec(ch, 0..24).prop_map(|chars| chars.into_iter().collect())
}

/// Text with at least one non-blank character.
fn filled() -> impl Strategy<Value = String> {
    text().prop_filter("has content", |s| !s.trim().is_empty())
}

/// Text without surrounding whitespace (CSV import trims fields) and with content.
fn trimmed() -> impl Strategy<Value = String> {
    text()
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("has content", |s| !s.is_empty())
}

fn types() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::sample::select(vec![
            "work", "home", "cell", "voice", "fax", "pager", "text", "x-custom",
        ]),
        0..3,
    )
    .prop_map(|t| t.into_iter().map(str::to_owned).collect())
}

fn address() -> impl Strategy<Value = Address> {
    prop::collection::vec(text(), 7)
        .prop_filter("has content", |parts| {
            parts.iter().any(|p| !p.trim().is_empty())
        })
        .prop_map(|parts| {
            let mut address = Address::default();
            let fields = [
                &mut address.po_box,
                &mut address.extended_address,
                &mut address.street_address,
                &mut address.locality,
                &mut address.region,
                &mut address.postal_code,
                &mut address.country,
            ];
            for (field, part) in fields.into_iter().zip(parts) {
                *field = part;
            }
            address
        })
}

fn new_contact() -> impl Strategy<Value = NewContact> {
    (
        (text(), text()).prop_filter("has a name", |(g, f)| {
            !g.trim().is_empty() || !f.trim().is_empty()
        }),
        prop::collection::vec(
            (
                filled().prop_filter("no tel: prefix", |n| !n.starts_with("tel:")),
                types(),
            ),
            0..3,
        ),
        prop::collection::vec((filled(), types()), 0..3),
        prop::collection::vec(address(), 0..3),
        prop::collection::vec(
            prop::collection::vec(text(), 1..3)
                .prop_filter("has content", |u| u.iter().any(|x| !x.trim().is_empty())),
            0..3,
        ),
    )
        .prop_map(
            |((given, family), numbers, emails, addresses, organization)| {
                let mut contact = NewContact::new(given, family);
                for (number, kinds) in numbers {
                    let mut number = PhoneNumber::new(number);
                    number.types = kinds;
                    contact = contact.number(number);
                }
                for (email, kinds) in emails {
                    let mut email = Email::new(email);
                    email.types = kinds;
                    contact = contact.email(email);
                }
                for address in addresses {
                    contact = contact.address(address);
                }
                contact.organization = organization;
                contact
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn contact_to_vcard_and_back_is_the_same(contact in new_contact()) {
        let card = contact.to_vcard();
        for line in card.split("\r\n") {
            prop_assert!(line.len() <= 75, "line of {} octets: {:?}", line.len(), line);
        }
        let back = parse_vcards(&card).map_err(|e| TestCaseError::fail(format!("{e}\n{card}")))?;
        prop_assert_eq!(back, vec![contact], "{}", card);
    }

    #[test]
    fn many_contacts_to_vcards_and_back(contacts in prop::collection::vec(new_contact(), 1..4)) {
        let book: String = contacts.iter().map(NewContact::to_vcard).collect();
        prop_assert_eq!(parse_vcards(&book).ok(), Some(contacts));
    }

    #[test]
    fn rows_to_import_csv_and_back_are_the_same(
        rows in prop::collection::vec(
            ((text().prop_map(|s| s.trim().to_owned()), text().prop_map(|s| s.trim().to_owned()))
                .prop_filter("has a name", |(f, l)| !f.is_empty() || !l.is_empty()),
             trimmed()),
            0..8,
        )
    ) {
        let rows: Vec<ImportRow> = rows
            .into_iter()
            .map(|((first, last), number)| ImportRow::new(first, last, number))
            .collect();
        let csv = CsvImport::from_rows(rows.clone()).to_csv();
        let back = CsvImport::parse(&csv).map_err(|e| TestCaseError::fail(format!("{e}\n{csv:?}")))?;
        prop_assert_eq!(back.into_rows(), rows, "{:?}", csv);
    }

    #[test]
    fn csv_import_never_panics(input in text()) {
        let _ = CsvImport::parse(&input);
    }

    #[test]
    fn vcard_import_never_panics(lines in prop::collection::vec(text(), 0..6)) {
        let input = format!("BEGIN:VCARD\nVERSION:4.0\n{}\nEND:VCARD\n", lines.join("\n"));
        let _ = parse_vcards(&input);
    }
}
