//! vCard import: never panics; every imported contact, exported as a vCard and imported
//! again, keeps its names, numbers and e-mail addresses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipgateio_contacts_format::parse_vcards;

fuzz_target!(|input: &str| {
    let Ok(contacts) = parse_vcards(input) else {
        return;
    };
    for contact in contacts {
        let card = contact.to_vcard();
        let again = parse_vcards(&card).expect("our own vCard parses");
        assert_eq!(again.len(), 1, "{card:?}");
        let again = &again[0];
        assert_eq!(
            (&again.given, &again.family),
            (&contact.given, &contact.family),
            "{card:?}"
        );
        assert_eq!(again.numbers, contact.numbers, "{card:?}");
        assert_eq!(again.emails, contact.emails, "{card:?}");
    }
});
