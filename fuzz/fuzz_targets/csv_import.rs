//! CSV import: never panics; an accepted input's normalised CSV reads back to the same rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipgateio_contacts_format::CsvImport;

fuzz_target!(|input: &str| {
    let Ok(import) = CsvImport::parse(input) else {
        return;
    };
    let csv = import.to_csv();
    let _ = import.to_base64();
    let again = CsvImport::parse(&csv).expect("the normalised CSV parses");
    assert_eq!(import.rows(), again.rows(), "normalised: {csv:?}");
});
