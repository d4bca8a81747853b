//! Table tests for vCard import and export.

use sipgateio_contacts_format::{
    Address, CardError, CardProblem, Contact, ContactId, Email, InputProblem, NewContact,
    PhoneNumber, Scope, address_book, parse_vcards,
};

fn one(input: &str) -> NewContact {
    let mut contacts = parse_vcards(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    assert_eq!(contacts.len(), 1, "{input:?}");
    contacts.remove(0)
}

fn problems(input: &str) -> Vec<(usize, CardProblem)> {
    let error = parse_vcards(input).expect_err(input);
    match (error.field(), error.problem()) {
        (Some("vcard"), Some(InputProblem::InvalidCards(errors))) => errors
            .iter()
            .map(|CardError { card, problem, .. }| (*card, problem.clone()))
            .collect(),
        _ => panic!("{input:?}: expected invalid cards, got {error:?}"),
    }
}

const V4_CRLF: &str = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;John;;;\r\nFN:John Doe\r\n\
ORG:Example.com Inc.;Dept\r\nTEL;TYPE=work,voice:+1 202 555 1212\r\n\
EMAIL;TYPE=work:john@example.com\r\n\
ADR;TYPE=work:;;2 Enterprise Avenue;Worktown;NY;01111;USA\r\nEND:VCARD\r\n";

#[test]
fn imports_vcard_4_with_crlf() {
    let contact = one(V4_CRLF);
    assert_eq!(
        (contact.given.as_str(), contact.family.as_str()),
        ("John", "Doe")
    );
    assert_eq!(contact.name, None);
    assert_eq!(
        contact.numbers,
        [PhoneNumber::new("+1 202 555 1212").types(["work", "voice"])]
    );
    assert_eq!(
        contact.emails,
        [Email::new("john@example.com").types(["work"])]
    );
    let mut address = Address::new("2 Enterprise Avenue", "01111", "Worktown", "USA");
    address.region = "NY".into();
    assert_eq!(contact.addresses, [address]);
    assert_eq!(
        contact.organization,
        [vec!["Example.com Inc.".to_owned(), "Dept".to_owned()]]
    );
}

#[test]
fn lf_line_ends_are_the_same_as_crlf() {
    assert_eq!(one(&V4_CRLF.replace("\r\n", "\n")), one(V4_CRLF));
}

#[test]
fn imports_vcard_3_with_upper_case_and_bare_types_and_groups() {
    let input = "BEGIN:VCARD\nVERSION:3.0\nN:Gump;Forrest;;Mr.;\nFN:Forrest Gump\n\
                 TEL;TYPE=WORK,VOICE:(111) 555-1212\nTEL;TYPE=HOME;TYPE=VOICE:(404) 555-1212\n\
                 TEL;CELL:+49157\nitem1.TEL:+49211\n\
                 EMAIL;TYPE=PREF,INTERNET:forrestgump@example.com\n\
                 ADR;TYPE=WORK:;;100 Waters Edge;Baytown;LA;30314;United States of America\n\
                 ADR;TYPE=HOME:;;42 Plantation St.;Baytown;LA;30314;United States of America\n\
                 END:VCARD\n";
    let contact = one(input);
    assert_eq!(contact.given, "Forrest");
    let numbers: Vec<(&str, Vec<&str>)> = contact
        .numbers
        .iter()
        .map(|n| {
            (
                n.number.as_str(),
                n.types.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [
            ("(111) 555-1212", vec!["work", "voice"]),
            ("(404) 555-1212", vec!["home", "voice"]),
            ("+49157", vec!["cell"]),
            ("+49211", vec![]),
        ]
    );
    assert_eq!(contact.emails[0].types, ["pref", "internet"]);
    assert_eq!(contact.addresses.len(), 2);
    assert_eq!(contact.addresses[1].street_address, "42 Plantation St.");
    assert!(contact.organization.is_empty(), "no ORG is fine");
}

#[test]
fn folded_lines_are_unfolded() {
    let input = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Lovelace;Ada;;;\r\nNOTE:a\r\n  b\r\n\
                 ADR:Post Box;Extended\r\n  ADdress;Street;Locality;Region;PostalCode;Country\r\n\
                 EMAIL:ada@exa\r\n\tmple.com\r\nEND:VCARD\r\n";
    let contact = one(input);
    assert_eq!(contact.addresses[0].extended_address, "Extended ADdress");
    assert_eq!(contact.emails[0].email, "ada@example.com");
}

#[test]
fn many_cards_become_many_contacts() {
    let input = format!("{V4_CRLF}\r\n{}", V4_CRLF.replace("John", "Jane"));
    let contacts = parse_vcards(&input).expect("valid");
    let names: Vec<String> = contacts.iter().map(NewContact::full_name).collect();
    assert_eq!(names, ["John Doe", "Jane Doe"]);
}

#[test]
fn names_come_from_n_or_fn() {
    let card = |lines: &str| format!("BEGIN:VCARD\nVERSION:4.0\n{lines}END:VCARD\n");
    type Names<'a> = (&'a str, &'a str, Option<&'a str>);
    let table: &[(&str, Names<'_>)] = &[
        ("N:Lovelace;Ada;;;\n", ("Ada", "Lovelace", None)),
        ("N:Lovelace;Ada\n", ("Ada", "Lovelace", None)),
        ("FN:Ada King Lovelace\n", ("Ada King", "Lovelace", None)),
        ("FN:Cher\n", ("Cher", "", None)),
        (
            "FN:Dr. Ada Lovelace\nN:Lovelace;Ada;;Dr.;\n",
            ("Ada", "Lovelace", Some("Dr. Ada Lovelace")),
        ),
        ("N:;;;;\nFN:Alan Turing\n", ("Alan", "Turing", None)),
        (
            "N:Lovelace\\, Countess;Ada;;;\n",
            ("Ada", "Lovelace, Countess", None),
        ),
    ];
    for (lines, (given, family, name)) in table {
        let contact = one(&card(lines));
        assert_eq!(
            (
                contact.given.as_str(),
                contact.family.as_str(),
                contact.name.as_deref()
            ),
            (*given, *family, *name),
            "{lines:?}"
        );
    }
}

#[test]
fn every_bad_card_is_reported() {
    let input = "BEGIN:VCARD\nVERSION:4.0\nTEL:+49211\nEND:VCARD\n\
                 BEGIN:VCARD\nVERSION:4.0\nFN:Fine\nEND:VCARD\n\
                 BEGIN:VCARD\nVERSION:5.0\nFN:Future\nEND:VCARD\n\
                 BEGIN:VCARD\nFN:No version\nEND:VCARD\n\
                 BEGIN:VCARD\nVERSION:3.0\nFN:Cut off\n";
    assert_eq!(
        problems(input),
        [
            (1, CardProblem::MissingName),
            (3, CardProblem::UnsupportedVersion(Some("5.0".into()))),
            (4, CardProblem::UnsupportedVersion(None)),
            (5, CardProblem::Unterminated),
        ]
    );
}

#[test]
fn garbage_and_empty_input() {
    for input in ["", "\n\n", "   "] {
        let error = parse_vcards(input).expect_err(input);
        assert_eq!(
            (error.field(), error.problem()),
            (Some("vcard"), Some(&InputProblem::NoVCard)),
            "{input:?}"
        );
    }
    assert_eq!(
        problems("hello world\n"),
        [(1, CardProblem::InvalidLine("hello world".into()))]
    );
    assert!(parse_vcards("BEGIN:VCALENDAR\nEND:VCALENDAR\n").is_err());
}

/// node-behaviour.md 7.5 with our fixed behaviour.
#[test]
fn node_examples_7_5() {
    // Node rejects 3.0 ("Invalid VCard Version given") and LF-only input; we accept both.
    let v3 = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John\nTEL:+49211\nEND:VCARD\n";
    assert_eq!(one(v3).family, "Doe");
    // Node crashes without ORG; a card without ORG is fine.
    let no_org = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;John;;;\r\nTEL:+49211\r\nEND:VCARD";
    assert!(one(no_org).organization.is_empty());
    // Node: "Only one phone number/email/address is allowed"; we keep all of them.
    let many = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;John;;;\r\nTEL:+1\r\nTEL:+2\r\n\
                EMAIL:a@b\r\nEMAIL:c@d\r\nADR:;;a;b;c;d;e\r\nADR:;;f;g;h;i;j\r\nEND:VCARD";
    let contact = one(many);
    assert_eq!(
        (
            contact.numbers.len(),
            contact.emails.len(),
            contact.addresses.len()
        ),
        (2, 2, 2)
    );
    // Node: "Address Fields are invalid" with fewer than 7 components; missing ones are empty.
    let short_adr = "BEGIN:VCARD\nVERSION:4.0\nN:Doe;John;;;\nADR:;;Main St\nEND:VCARD\n";
    assert_eq!(one(short_adr).addresses[0].street_address, "Main St");
    // Two ORG lines stay two organisations, each split at `;`.
    let orgs = "BEGIN:VCARD\nVERSION:4.0\nN:Doe;John;;;\nORG:Firma\nORG:A;B;C\nEND:VCARD\n";
    assert_eq!(
        one(orgs).organization,
        [
            vec!["Firma".to_owned()],
            vec!["A".to_owned(), "B".to_owned(), "C".to_owned()]
        ]
    );
    // Node requires TEL ("No phone number given"); a contact may have none.
    assert!(
        one("BEGIN:VCARD\nVERSION:4.0\nN:Doe;John;;;\nEND:VCARD\n")
            .numbers
            .is_empty()
    );
    // Several concatenated cards: Node merges them into one and fails; we get two contacts.
    let two = "BEGIN:VCARD\nVERSION:4.0\nN:A;B;;;\nTEL:+1\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nN:C;D;;;\nTEL:+2\nEND:VCARD\n";
    assert_eq!(parse_vcards(two).expect("valid").len(), 2);
}

fn sample_contact() -> Contact {
    let mut contact = Contact::new(ContactId::new("001"), "Peter Ustinov", Scope::Shared);
    contact
        .emails
        .push(Email::new("test@sipgate.de").types(["work"]));
    contact
        .numbers
        .push(PhoneNumber::new("+4912121212").types(["cell"]));
    contact.numbers.push(PhoneNumber::new("+4921100000"));
    let mut address = Address::new("2 Enterprise Avenue", "01111", "Worktown", "USA");
    address.region = "NY".into();
    contact.addresses.push(address);
    contact
        .organization
        .push(vec!["Example.com Inc.".into(), "Dept".into()]);
    contact
}

/// node-behaviour.md 7.6 (vCard export) with our fixed behaviour: `FN`, a real `N`, `ADR`
/// instead of `ADDR`, no `TYPE=undefined`, CRLF after every line.
#[test]
fn exports_valid_vcard_4() {
    assert_eq!(
        sample_contact().to_vcard(),
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Peter Ustinov\r\nN:Ustinov;Peter;;;\r\n\
         TEL;TYPE=cell:+4912121212\r\nTEL:+4921100000\r\nEMAIL;TYPE=work:test@sipgate.de\r\n\
         ADR:;;2 Enterprise Avenue;Worktown;NY;01111;USA\r\nORG:Example.com Inc.;Dept\r\n\
         END:VCARD\r\n"
    );
}

#[test]
fn export_escapes_and_folds_at_75_octets() {
    let mut contact = Contact::new(
        ContactId::new("1"),
        "Müller, Jürgen; \"Jü\" \\ the\nsecond",
        Scope::Private,
    );
    contact.given = Some("Jürgen; \"Jü\"".into());
    contact.family = Some("Müller,".into());
    contact.addresses.push(Address::new(
        "Straße der Pariser Kommune 12345678901234567890 Hinterhaus links oben ÄÖÜ",
        "10243",
        "Berlin",
        "Deutschland",
    ));
    let card = contact.to_vcard();
    assert!(
        card.contains("FN:Müller\\, Jürgen\\; \"Jü\" \\\\ the\\nsecond\r\n"),
        "{card}"
    );
    assert!(
        card.contains("N:Müller\\,;Jürgen\\; \"Jü\";;;\r\n"),
        "{card}"
    );
    for line in card.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    assert!(card.contains("\r\n "), "the long ADR line is folded");
    assert!(card.ends_with("END:VCARD\r\n"));
    assert!(!card.replace("\r\n", "").contains('\n'), "no bare LF");
    let back = parse_vcards(&card).expect("re-import");
    assert_eq!(back[0].family, "Müller,");
    assert_eq!(back[0].full_name(), contact.name);
    assert_eq!(back[0].addresses, contact.addresses);
}

#[test]
fn a_type_list_in_one_type_is_written_as_separate_types() {
    let contact = NewContact::new("Ada", "Lovelace")
        .number(PhoneNumber::new("+4921163553355").types(["work, cell"]))
        .email(Email::new("ada@example.com").types(["home,", " "]));
    let card = contact.to_vcard();
    assert!(!card.contains("\"work"), "{card}");
    let back = one(&card);
    assert_eq!(back.numbers[0].types, ["work", "cell"], "{card}");
    assert_eq!(back.emails[0].types, ["home"], "{card}");
}

#[test]
fn export_then_import_keeps_the_contact() {
    let contact = sample_contact();
    let back = parse_vcards(&contact.to_vcard()).expect("valid");
    assert_eq!(back, [contact.to_new_contact()]);
}

#[test]
fn address_book_concatenates_cards() {
    let a = sample_contact();
    let b = Contact::new(ContactId::new("2"), "Ada Lovelace", Scope::Private);
    let book = address_book([&a, &b]);
    assert_eq!(book, format!("{}{}", a.to_vcard(), b.to_vcard()));
    assert_eq!(parse_vcards(&book).expect("valid").len(), 2);
    assert_eq!(address_book([]), "");
}

#[test]
fn imports_vcard_2_1_with_quoted_printable() {
    let input = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n\
                 TEL;WORK;VOICE:+4921100000\r\nEND:VCARD\r\n";
    let contact = one(input);
    assert_eq!(
        (contact.given.as_str(), contact.family.as_str()),
        ("Jürgen", "Müller")
    );
    assert_eq!(contact.numbers[0].types, ["work", "voice"]);
}

#[test]
fn tel_uris_of_vcard_4_become_plain_numbers() {
    let input = "BEGIN:VCARD\nVERSION:4.0\nFN:Ada\nTEL;VALUE=uri;TYPE=\"voice,home\":tel:+1-555-555-5555;ext=5555\nEND:VCARD\n";
    let contact = one(input);
    assert_eq!(contact.numbers[0].number, "+1-555-555-5555;ext=5555");
    assert_eq!(contact.numbers[0].types, ["voice", "home"]);
}

/// Found by fuzzing: repeated `tel:` prefixes, control characters and escaped commas in
/// `TYPE` values must not change on export → import.
#[test]
fn odd_tel_prefixes_and_type_values_survive_export_and_reimport() {
    let cards = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nTEL:tel:tel:+4921100000\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob\r\nTEL;TYPE=\"ho\u{1}me \":+4921100001\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy\r\nTEL;TYPE=CTEL\\,VFN:+4921100002\r\nEND:VCARD\r\n";
    let contacts = sipgateio_contacts_format::parse_vcards(cards).expect("imports");
    assert_eq!(contacts[0].numbers[0].number, "+4921100000");
    assert_eq!(contacts[1].numbers[0].types, ["home"]);
    for contact in &contacts {
        let again =
            sipgateio_contacts_format::parse_vcards(&contact.to_vcard()).expect("re-imports");
        assert_eq!(again[0].numbers, contact.numbers);
    }
}
