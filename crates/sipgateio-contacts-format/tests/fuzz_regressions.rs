//! Reproducers of what the `vcard_import` fuzz target in `fuzz/` found (see BENCHMARKS.md,
//! "Fuzzing"): export → import round trips that changed the data. All are fixed; these tests
//! keep them fixed.

use sipgateio_contacts_format::parse_vcards;

/// `fuzz/` target `vcard_import`: a `TEL` value of `tel:tel:…` imports as `tel:…` (one `tel:`
/// prefix removed); our own export writes that back as `TEL:tel:…`, and importing the export
/// removes the second prefix: export → import is not stable.
#[test]
fn a_tel_uri_prefix_survives_export_and_reimport() {
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nTEL:tel:tel:+4921100000\r\nEND:VCARD\r\n";
    let first = parse_vcards(card).expect("imports");
    let again = parse_vcards(&first[0].to_vcard()).expect("our export imports");
    assert_eq!(again[0].numbers, first[0].numbers);
}

/// The same property on a plain `tel:` URI, which works: the prefix is removed once and the
/// export is stable.
#[test]
fn a_single_tel_uri_is_imported_as_the_number() {
    let card =
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nTEL;VALUE=uri:tel:+4921100000\r\nEND:VCARD\r\n";
    let first = parse_vcards(card).expect("imports");
    assert_eq!(first[0].numbers[0].number, "+4921100000");
    let again = parse_vcards(&first[0].to_vcard()).expect("our export imports");
    assert_eq!(again[0].numbers, first[0].numbers);
}

/// `fuzz/` target `vcard_import` (the inputs as found, `tests/data/vcard-type-*.vcf`):
/// `TYPE` values with control characters were imported with them or with what is left around
/// them (`hoel\x01gda@e \x00` → `"hoelgda@e "`, `w>>\x00>>…` → `"w>>\0>>…"`), while the
/// export dropped them (`TYPE=hoelgda@e`, `TYPE="w>>>>…"`), so export → import changed the
/// number's types. Likewise an escaped comma in a type (`TYPE=CTEL\,VFN` → one type
/// `"ctel,vfn"`) was exported unescaped (`TYPE=ctel,vfn`) and re-imported as two types
/// (`vcard-type-comma.vcf`).
#[test]
fn a_type_with_control_characters_or_commas_survives_export_and_reimport() {
    let inputs: [(&str, &[u8]); 3] = [
        (
            "vcard-type-roundtrip.vcf",
            include_bytes!("data/vcard-type-roundtrip.vcf"),
        ),
        (
            "vcard-type-nul.vcf",
            include_bytes!("data/vcard-type-nul.vcf"),
        ),
        (
            "vcard-type-comma.vcf",
            include_bytes!("data/vcard-type-comma.vcf"),
        ),
    ];
    for (name, bytes) in inputs {
        let input = String::from_utf8_lossy(bytes).into_owned();
        let contacts = parse_vcards(&input).unwrap_or_else(|e| panic!("{name} imports: {e}"));
        assert!(!contacts.is_empty(), "{name} has a contact");
        for contact in contacts {
            let card = contact.to_vcard();
            let again = parse_vcards(&card).expect("our export imports");
            assert_eq!(again[0].numbers, contact.numbers, "{name}: {card:?}");
        }
    }
}

/// Found by `vcard_import` (round two): a long name whose export is folded just before the
/// text `BEGIN:VCARD` made the continuation line look like a new card, and the re-import
/// reported the card as unterminated. Continuation lines are part of a value now.
#[test]
fn a_folded_value_that_reads_begin_vcard_is_not_a_new_card() {
    let bytes = include_bytes!("data/vcard-folded-begin.vcf");
    let input = String::from_utf8_lossy(bytes).into_owned();
    let contacts = parse_vcards(&input).expect("the input imports");
    for contact in contacts {
        let card = contact.to_vcard();
        let again =
            parse_vcards(&card).unwrap_or_else(|e| panic!("our export imports: {e}\n{card:?}"));
        assert_eq!(again.len(), 1, "{card:?}");
        assert_eq!(
            (&again[0].given, &again[0].family),
            (&contact.given, &contact.family)
        );
    }
    let folded = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\n BEGIN:VCARD\r\nN:A;;;;\r\nEND:VCARD\r\n";
    assert_eq!(parse_vcards(folded).map(|c| c.len()), Ok(1));
}
