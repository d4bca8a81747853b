//! What commands print: JSON for scripts, tables and short lines for people, progress bars on
//! stderr.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use comfy_table::{ContentArrangement, Table, presets};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::exit::Failure;
use crate::terminal::{safe_json, safe_text};

/// How results are printed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Output {
    json: bool,
}

impl Output {
    /// `json`: machine-readable output (and no progress bars).
    pub(crate) fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether `--json` was given.
    pub(crate) fn is_json(self) -> bool {
        self.json
    }

    /// Prints `value` as pretty JSON (with `--json`) or `human()` otherwise.
    pub(crate) fn show<T: Serialize + ?Sized>(
        self,
        value: &T,
        human: impl FnOnce() -> String,
    ) -> Result<(), Failure> {
        if self.json {
            self.json_value(value)
        } else {
            write_stdout(&human())
        }
    }

    /// Prints `value` as pretty JSON.
    pub(crate) fn json_value<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Failure> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
        write_stdout_json(&text)
    }

    /// Prints a list: JSON array with `--json`, a table otherwise.
    pub(crate) fn list<T: Serialize>(
        self,
        items: &[T],
        header: &[&str],
        row: impl Fn(&T) -> Vec<String>,
    ) -> Result<(), Failure> {
        if self.json {
            return self.json_value(items);
        }
        if items.is_empty() {
            return write_stdout("(none)");
        }
        write_stdout(&table(header, items.iter().map(row)))
    }

    /// A progress bar on stderr for `len` steps (a spinner for `None`); hidden with `--json`
    /// or when stderr is not a terminal.
    pub(crate) fn progress(self, len: Option<u64>, message: &str) -> ProgressBar {
        if self.json || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = match len {
            Some(len) => {
                let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
                if let Ok(style) =
                    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
                {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar
            }
            None => {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                    bar.set_style(style);
                }
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
        };
        bar.set_message(message.to_owned());
        bar
    }
}

/// Renders rows as a table for people.
pub(crate) fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    // Cells escaped before the table is laid out: their shown width is the escaped one.
    for row in rows {
        table.add_row(row.iter().map(|cell| safe_text(cell).into_owned()));
    }
    table.to_string()
}

/// Key/value lines for one record.
pub(crate) fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| format!("{k:<width$}  {}", safe_text(v)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `text` and a newline to stdout; on a terminal, made safe for it first
/// ([`safe_text`]: what the API sent cannot act on the terminal), elsewhere as it is.
pub(crate) fn write_stdout(text: &str) -> Result<(), Failure> {
    write_stdout_made_safe(text, safe_text)
}

/// Writes JSON text and a newline to stdout; on a terminal with [`safe_json`] (still valid
/// JSON, the same value), elsewhere as it is.
pub(crate) fn write_stdout_json(json: &str) -> Result<(), Failure> {
    write_stdout_made_safe(json, safe_json)
}

fn write_stdout_made_safe(
    text: &str,
    made_safe: impl FnOnce(&str) -> Cow<'_, str>,
) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let text = if out.is_terminal() {
        made_safe(text)
    } else {
        Cow::Borrowed(text)
    };
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("cannot write to stdout", &e))
}

/// Writes raw bytes to stdout (exports).
pub(crate) fn write_stdout_raw(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("cannot write to stdout", &e))
}

/// `text` without the line ends (`\n` or `\r\n`) it ends with, for [`write_stdout`], which adds
/// its own: a CRLF cut at its `\n` would leave a bare `\r`, shown escaped on a terminal.
pub(crate) fn without_final_line_ends(mut text: &str) -> &str {
    while let Some(rest) = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
    {
        text = rest;
    }
    text
}

/// What an export is, for showing it on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExportText {
    /// CSV or vCard: shown with [`safe_text`].
    Text,
    /// JSON: shown with [`safe_json`].
    Json,
}

/// Writes an export to `path` as it is, or to stdout without one: as it is when stdout is not a
/// terminal, made safe for it when it is.
pub(crate) fn write_export(
    path: Option<&std::path::Path>,
    text: &str,
    kind: ExportText,
) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Failure::io(&format!("cannot write {}", path.display()), &e)),
        None if std::io::stdout().is_terminal() => {
            let text = without_final_line_ends(text);
            match kind {
                ExportText::Text => write_stdout(text),
                ExportText::Json => write_stdout_json(text),
            }
        }
        None => write_stdout_raw(text.as_bytes()),
    }
}

/// The wire value of a serde enum (`"MOBILE"` → `MOBILE`), for tables.
pub(crate) fn wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// `yes`/`no` for tables.
pub(crate) fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// An optional value for tables (`-` when absent).
pub(crate) fn or_dash(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("-").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_fields_render() {
        let text = table(&["id", "name"], [vec!["w0".into(), "Ada".into()]]);
        assert!(text.contains("w0") && text.contains("Ada") && text.contains("name"));
        assert_eq!(
            fields(&[("id", "w0".into()), ("email", "a@b".into())]),
            "id     w0\nemail  a@b"
        );
        assert_eq!(or_dash(Some("")), "-");
        assert_eq!(without_final_line_ends("END:VCARD\r\n"), "END:VCARD");
        assert_eq!(without_final_line_ends("a\nb\n\r\n\n"), "a\nb");
        assert_eq!(without_final_line_ends("bare\r"), "bare\r");
        assert_eq!(without_final_line_ends(""), "");
    }

    #[test]
    fn tables_and_fields_show_what_the_api_sent_without_letting_it_act_on_the_terminal() {
        let text = table(
            &["id", "name"],
            [vec!["c1".into(), "Ada\u{1b}[2J\u{202e}gnp.exe\rX".into()]],
        );
        assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\r'));
        assert!(
            text.contains("Ada\\u{1b}[2J\\u{202e}gnp.exe\\u{d}X"),
            "{text}"
        );
        let lines = fields(&[("name", "\u{9b}31mred".into())]);
        assert_eq!(lines, "name  \\u{9b}31mred");
        assert_eq!(yes_no(true), "yes");
    }
}
