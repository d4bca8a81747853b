//! CSV import: never panics; an accepted input's normalised CSV reads back to the same rows;
//! the streaming `CsvUpload::from_reader` agrees with `CsvImport::parse` on every input (the
//! same upload, or the same error), read in small pieces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipgateio_contacts_format::{CsvImport, CsvUpload};

/// Hands out its input `step` bytes per read.
struct Pieces<'a>(&'a [u8], usize);

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|input: &str| {
    let parsed = CsvImport::parse(input);
    let step = 1 + input.len() % 7;
    let streamed = CsvUpload::from_reader(Pieces(input.as_bytes(), step), &|_| Ok(()));
    match (&parsed, &streamed) {
        (Ok(import), Ok(upload)) => {
            assert_eq!(upload.base64(), import.to_base64(), "{input:?}");
            assert_eq!(upload.len(), import.rows().len(), "{input:?}");
        }
        (Err(parsed), Err(streamed)) => assert_eq!(parsed, streamed, "{input:?}"),
        _ => panic!("parse {parsed:?} vs from_reader {streamed:?} for {input:?}"),
    }
    let Ok(import) = parsed else {
        return;
    };
    let csv = import.to_csv();
    let again = CsvImport::parse(&csv).expect("the normalised CSV parses");
    assert_eq!(import.rows(), again.rows(), "normalised: {csv:?}");
});
