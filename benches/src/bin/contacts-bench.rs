//! `contacts-bench <command> ...`: the Rust side of the contacts benchmark. Each measuring
//! command prints one JSON line (seconds of the conversion alone, output size, peak RSS).
//!
//! * `gen <rows> <dir>`: writes `contacts-<rows>.csv` (`firstname,lastname,number` plus an
//!   extra column), `contacts-<rows>.json` (a JSON array of API contacts) and
//!   `contacts-<rows>.jsonl` (one contact per line) — the same inputs for Rust and Node.
//! * `csv-import <file.csv>`: CSV → the `POST /contacts/import/csv` JSON payload.
//! * `vcard-export <file.json>`: all contacts in memory → one vCard address book.
//! * `vcard-export-stream <file.jsonl>`: contact by contact → vCards written to stdout's
//!   sink as they are made (memory independent of the number of contacts).

#![allow(
    clippy::print_stdout,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use sipgateio_contacts_format::{Contact, CsvImport, address_book};

type Fallible<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn report(kind: &str, rows: usize, bytes: usize, seconds: f64) {
    println!(
        "{}",
        serde_json::json!({"impl": "rust", "kind": kind, "rows": rows, "bytes": bytes,
            "seconds": seconds, "peak_rss_kib": sipgateio_benchmarks::peak_rss_kib("self")})
    );
}

fn contact_json(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("c{i}"),
        "name": format!("Given{i} Family{i}"),
        "picture": null,
        "emails": [{"email": format!("person{i}@example.com"), "type": ["work"]}],
        "numbers": [{"number": format!("+49211{i:08}"), "type": ["cell"]}],
        "addresses": [{"poBox": "", "extendedAddress": "", "streetAddress": format!("Gladbacher Str. {i}"),
            "locality": "Düsseldorf", "region": "NRW", "postalCode": "40219", "country": "Germany"}],
        "organization": [["sipgate", "Support"]],
        "scope": "PRIVATE"
    })
}

fn generate(rows: usize, dir: &str) -> Fallible {
    let mut csv = BufWriter::new(File::create(format!("{dir}/contacts-{rows}.csv"))?);
    writeln!(csv, "firstname,lastname,number,notes")?;
    for i in 0..rows {
        writeln!(
            csv,
            "Given{i},Family{i},+49211{i:08},customer since {}",
            2000 + i % 25
        )?;
    }
    csv.flush()?;
    let mut json = BufWriter::new(File::create(format!("{dir}/contacts-{rows}.json"))?);
    let mut lines = BufWriter::new(File::create(format!("{dir}/contacts-{rows}.jsonl"))?);
    write!(json, "[")?;
    for i in 0..rows {
        let contact = contact_json(i);
        if i > 0 {
            write!(json, ",")?;
        }
        serde_json::to_writer(&mut json, &contact)?;
        serde_json::to_writer(&mut lines, &contact)?;
        writeln!(lines)?;
    }
    write!(json, "]")?;
    json.flush()?;
    lines.flush()?;
    Ok(())
}

fn csv_import(path: &str) -> Fallible {
    let input = std::fs::read_to_string(path)?;
    let started = Instant::now();
    let import = CsvImport::parse(&input)?;
    let payload = serde_json::json!({ "base64Content": import.to_base64() }).to_string();
    let seconds = started.elapsed().as_secs_f64();
    report("csv-import", import.rows().len(), payload.len(), seconds);
    Ok(())
}

fn vcard_export(path: &str) -> Fallible {
    let contacts: Vec<Contact> = serde_json::from_reader(BufReader::new(File::open(path)?))?;
    let started = Instant::now();
    let book = address_book(&contacts);
    let seconds = started.elapsed().as_secs_f64();
    report("vcard-export", contacts.len(), book.len(), seconds);
    Ok(())
}

fn vcard_export_stream(path: &str) -> Fallible {
    let input = BufReader::new(File::open(path)?);
    let mut out = BufWriter::new(std::io::sink());
    let started = Instant::now();
    let (mut rows, mut bytes) = (0, 0);
    for line in input.lines() {
        let contact: Contact = serde_json::from_str(&line?)?;
        let card = contact.to_vcard();
        bytes += card.len();
        out.write_all(card.as_bytes())?;
        rows += 1;
    }
    out.flush()?;
    report(
        "vcard-export-stream",
        rows,
        bytes,
        started.elapsed().as_secs_f64(),
    );
    Ok(())
}

fn main() -> Fallible {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    match arg(0) {
        "gen" => generate(arg(1).parse()?, arg(2)),
        "csv-import" => csv_import(arg(1)),
        "vcard-export" => vcard_export(arg(1)),
        "vcard-export-stream" => vcard_export_stream(arg(1)),
        other => Err(format!("unknown command {other:?}").into()),
    }
}
