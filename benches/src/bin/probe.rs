//! `probe <case> <iterations>`: runs one hot path `iterations` times and nothing else, for
//! instruction counts under `valgrind --tool=callgrind` (repeatable on a busy machine, where
//! wall-clock time is not): the count of a run with N iterations minus that of a run with 0,
//! divided by N, is the path's cost per iteration. `benches/run.sh probe` does that for every
//! case.
//!
//! Cases: `webhook-parse` (sipgate's `newCall` body → `Event`), `vcard` (one contact →
//! vCard), `csv-import` (a 1,000-row CSV → `CsvImport` → base64; per iteration = per 1,000
//! rows), `csv-upload` (the same through `CsvUpload::from_reader`), `phone-number` (core's
//! phone-number check; the first call loads libphonenumber's metadata).

use std::hint::black_box;

use sipgateio_contacts_format::{Contact, CsvImport, CsvUpload};
use sipgateio_webhook::Event;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let case = args.first().map(String::as_str).unwrap_or_default();
    let iterations: usize = args.get(1).map_or(Ok(1000), |n| n.parse())?;
    match case {
        "webhook-parse" => {
            let body = sipgateio_benchmarks::signed_new_call_body().as_bytes();
            for _ in 0..iterations {
                black_box(Event::from_form(black_box(body))?);
            }
        }
        "vcard" => {
            let contact: Contact = serde_json::from_str(&sipgateio_benchmarks::contact_json(7))?;
            for _ in 0..iterations {
                black_box(black_box(&contact).to_vcard());
            }
        }
        "csv-import" => {
            let csv = sipgateio_benchmarks::contacts_csv(1000);
            for _ in 0..iterations {
                let import = CsvImport::parse(black_box(&csv))?;
                black_box(import.to_base64());
            }
        }
        "csv-upload" => {
            let csv = sipgateio_benchmarks::contacts_csv(1000);
            for _ in 0..iterations {
                let upload = CsvUpload::from_reader(black_box(csv.as_bytes()), &|_| Ok(()))?;
                black_box(upload.into_base64());
            }
        }
        "phone-number" => {
            for _ in 0..iterations {
                black_box(sipgateio_core::validate::phone_number(
                    "to",
                    black_box("+4915739777777"),
                ))?;
            }
        }
        other => return Err(format!("unknown case {other:?}").into()),
    }
    Ok(())
}
