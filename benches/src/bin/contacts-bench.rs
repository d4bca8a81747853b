//! `contacts-bench <command> ...`: the Rust side of the contacts benchmark. Each measuring
//! command prints one JSON line (seconds of the conversion alone, output size, peak RSS).
//!
//! * `gen <rows> <dir>`: writes `contacts-<rows>.csv` (`firstname,lastname,number` plus an
//!   extra column), `contacts-<rows>.json` (a JSON array of API contacts) and
//!   `contacts-<rows>.jsonl` (one contact per line) — the same inputs for Rust and Node.
//! * `csv-import <file.csv>`: the CSV file, read through `CsvUpload::from_reader` → the
//!   `POST /contacts/import/csv` JSON payload (time from opening the file).
//! * `vcard-export <file.json>`: all contacts in memory → one vCard address book.
//! * `vcard-export-stream <file.jsonl>`: contact by contact → `Contact::write_vcard` into a
//!   buffered sink as they are read, one line buffer for the whole file (memory independent of
//!   the number of contacts).

#![allow(
    clippy::print_stdout,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use sipgateio_contacts_format::{Contact, CsvUpload, address_book};

type Fallible<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn report(kind: &str, rows: usize, bytes: usize, seconds: f64) {
    println!(
        "{}",
        serde_json::json!({"impl": "rust", "kind": kind, "rows": rows, "bytes": bytes,
            "seconds": seconds, "peak_rss_kib": sipgateio_benchmarks::peak_rss_kib("self")})
    );
}

fn generate(rows: usize, dir: &str) -> Fallible {
    let mut csv = BufWriter::new(File::create(format!("{dir}/contacts-{rows}.csv"))?);
    csv.write_all(sipgateio_benchmarks::contacts_csv(rows).as_bytes())?;
    csv.flush()?;
    let mut json = BufWriter::new(File::create(format!("{dir}/contacts-{rows}.json"))?);
    let mut lines = BufWriter::new(File::create(format!("{dir}/contacts-{rows}.jsonl"))?);
    write!(json, "[")?;
    for i in 0..rows {
        let contact = sipgateio_benchmarks::contact_json(i);
        if i > 0 {
            write!(json, ",")?;
        }
        json.write_all(contact.as_bytes())?;
        writeln!(lines, "{contact}")?;
    }
    write!(json, "]")?;
    json.flush()?;
    lines.flush()?;
    Ok(())
}

fn csv_import(path: &str) -> Fallible {
    let started = Instant::now();
    let upload = CsvUpload::from_reader(File::open(path)?, &|_| Ok(()))?;
    let rows = upload.len();
    // The request body: base64 needs no JSON escaping.
    let mut payload = upload.into_base64();
    payload.insert_str(0, "{\"base64Content\":\"");
    payload.push_str("\"}");
    let seconds = started.elapsed().as_secs_f64();
    report("csv-import", rows, payload.len(), seconds);
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
    let mut input = BufReader::new(File::open(path)?);
    // The count sits below the buffer: it sees the buffer's 8 KiB writes, not every piece.
    let mut out = BufWriter::new(Counted(std::io::sink(), 0));
    let started = Instant::now();
    let mut rows = 0;
    // One line buffer for the whole input.
    let mut line = String::new();
    while input.read_line(&mut line)? > 0 {
        let contact: Contact = serde_json::from_str(&line)?;
        contact.write_vcard(&mut out)?;
        rows += 1;
        line.clear();
    }
    out.flush()?;
    let bytes = out.get_ref().1;
    report(
        "vcard-export-stream",
        rows,
        bytes,
        started.elapsed().as_secs_f64(),
    );
    Ok(())
}

/// A writer that counts what passes through.
struct Counted<W>(W, usize);

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        self.1 += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
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
