//! Rendering straight into one `String`: the declaration, each element on its own line
//! indented by 4 spaces per level, `<Name>text</Name>` on one line, every attribute value and
//! text escaped (`<`, `>`, `&`, `'`, `"`, and `\r`; in attributes also `\n` and `\t`). These are
//! the bytes quick-xml's indenting writer produced before (a property test in
//! `tests/properties.rs` compares the two), written without its event objects, indentation
//! buffer and final UTF-8 pass.

use crate::dial::{Dial, DialTarget};
use crate::gather::Gather;
use crate::play::Play;
use crate::response::{Action, Response};

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

pub(crate) fn to_xml(response: &Response) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(DECLARATION);
    out.push_str("\n<Response");
    if let Some(url) = &response.on_answer {
        attribute(&mut out, " onAnswer=\"", url);
    }
    if let Some(url) = &response.on_hangup {
        attribute(&mut out, " onHangup=\"", url);
    }
    match &response.action {
        None => out.push_str("/>"),
        Some(action) => {
            out.push('>');
            write_action(&mut out, action);
            out.push_str("\n</Response>");
        }
    }
    out
}

/// Indentation of the elements one level below `<Response>` (`\n` and 4 spaces per level).
const LEVEL1: &str = "\n    ";
const LEVEL2: &str = "\n        ";
const LEVEL3: &str = "\n            ";

fn write_action(out: &mut String, action: &Action) {
    match action {
        Action::Dial(dial) => write_dial(out, dial),
        Action::Play(play) => write_play(out, play, LEVEL1, LEVEL2),
        Action::Gather(gather) => write_gather(out, gather),
        Action::Reject(reject) => {
            out.push_str(LEVEL1);
            out.push_str("<Reject reason=\"");
            out.push_str(reject.reason.as_str());
            out.push_str("\"/>");
        }
        Action::Hangup(_) => {
            out.push_str(LEVEL1);
            out.push_str("<Hangup/>");
        }
    }
}

fn write_dial(out: &mut String, dial: &Dial) {
    out.push_str(LEVEL1);
    out.push_str("<Dial");
    if let Some(caller_id) = &dial.caller_id {
        attribute(out, " callerId=\"", caller_id);
    }
    match dial.anonymous {
        Some(true) => out.push_str(" anonymous=\"true\""),
        Some(false) => out.push_str(" anonymous=\"false\""),
        None => {}
    }
    out.push('>');
    match &dial.target {
        DialTarget::Numbers(numbers) => {
            for number in numbers {
                out.push_str(LEVEL2);
                out.push_str("<Number>");
                text(out, number);
                out.push_str("</Number>");
            }
        }
        DialTarget::Voicemail => {
            out.push_str(LEVEL2);
            out.push_str("<Voicemail/>");
        }
    }
    out.push_str(LEVEL1);
    out.push_str("</Dial>");
}

fn write_play(out: &mut String, play: &Play, indent: &str, inner: &str) {
    out.push_str(indent);
    out.push_str("<Play>");
    out.push_str(inner);
    out.push_str("<Url>");
    text(out, &play.url);
    out.push_str("</Url>");
    out.push_str(indent);
    out.push_str("</Play>");
}

fn write_gather(out: &mut String, gather: &Gather) {
    out.push_str(LEVEL1);
    out.push_str("<Gather maxDigits=\"");
    decimal(out, u64::from(gather.max_digits));
    out.push_str("\" timeout=\"");
    decimal(out, gather.timeout_ms);
    out.push('"');
    if let Some(url) = &gather.on_data {
        attribute(out, " onData=\"", url);
    }
    match &gather.play {
        None => out.push_str("/>"),
        Some(play) => {
            out.push('>');
            write_play(out, play, LEVEL2, LEVEL3);
            out.push_str(LEVEL1);
            out.push_str("</Gather>");
        }
    }
}

/// `start` (` name="`), the escaped value and the closing quote.
fn attribute(out: &mut String, start: &str, value: &str) {
    out.push_str(start);
    escape(out, value, |b| {
        matches!(b, b'<' | b'>' | b'&' | b'\'' | b'"' | b'\r' | b'\n' | b'\t')
    });
    out.push('"');
}

fn text(out: &mut String, value: &str) {
    escape(out, value, |b| {
        matches!(b, b'<' | b'>' | b'&' | b'\'' | b'"' | b'\r')
    });
}

/// Append `value`, each byte for which `special` holds replaced by its entity. The special
/// bytes are ASCII, so every piece between them is whole UTF-8.
fn escape(out: &mut String, value: &str, special: impl Fn(u8) -> bool) {
    let mut from = 0;
    for (at, &byte) in value.as_bytes().iter().enumerate() {
        if !special(byte) {
            continue;
        }
        out.push_str(&value[from..at]);
        out.push_str(match byte {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'\'' => "&apos;",
            b'"' => "&quot;",
            b'\t' => "&#9;",
            b'\n' => "&#10;",
            _ => "&#13;",
        });
        from = at + 1;
    }
    out.push_str(&value[from..]);
}

/// `value` in decimal, without going through `fmt`.
fn decimal(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `value % 10` is below 10: the cast cannot truncate.
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}
