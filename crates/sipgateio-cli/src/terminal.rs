//! Text from the API, the sandbox or a webhook made safe to show on a terminal: control
//! characters (C0, DEL, C1 — ESC and the one-character CSI among them), bidi controls and the
//! other invisible format characters are shown as `\u{…}`, so what a server or a caller sent
//! cannot move the cursor, recolour or retitle the terminal, overwrite a line with a bare
//! carriage return or reorder what is shown. Output that is not a terminal (a pipe, a file,
//! `--json` read by a script) is written as it came.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A character never written to a terminal as is.
fn hidden_effect(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// One value on one line (an event field, a table cell of the webhook log): every character of
/// [`hidden_effect`] escaped, `\n`, `\r` and `\t` as those two-character escapes, and `\`
/// doubled, so that a value cannot fake an escape.
pub(crate) fn escape_value(value: &str) -> Cow<'_, str> {
    if !value.chars().any(|c| c == '\\' || hidden_effect(c)) {
        return Cow::Borrowed(value);
    }
    let mut escaped = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if hidden_effect(c) => push_escaped(&mut escaped, c),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// Text of many lines (a table, a text body, a message): line breaks (`\n`, and `\r` right
/// before `\n`) and tabs kept, every other character of [`hidden_effect`] escaped as `\u{…}` —
/// a bare `\r` too, which would let the rest of a line overwrite its start.
pub(crate) fn safe_text(text: &str) -> Cow<'_, str> {
    made_safe(text, push_escaped)
}

/// JSON text written by serde_json (`--json`, a JSON body shown indented) made safe the same
/// way, with JSON's own escape `\u00XX`: serde_json writes control characters below U+0020
/// escaped already, so what is left to escape (DEL, C1, bidi and invisible format characters,
/// all in the Basic Multilingual Plane) can only stand inside a string, and there `\u009b`
/// means the character itself — the output stays valid JSON with the same value.
pub(crate) fn safe_json(json: &str) -> Cow<'_, str> {
    made_safe(json, |out, c| {
        let _ = write!(out, "\\u{:04x}", u32::from(c));
    })
}

fn made_safe(text: &str, escape: impl Fn(&mut String, char)) -> Cow<'_, str> {
    let mut chars = text.char_indices().peekable();
    let mut first_unsafe = None;
    while let Some((at, c)) = chars.next() {
        let kept = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek().is_some_and(|&(_, next)| next == '\n'),
            c => !hidden_effect(c),
        };
        if !kept {
            first_unsafe = Some(at);
            break;
        }
    }
    let Some(at) = first_unsafe else {
        return Cow::Borrowed(text);
    };
    let mut safe = String::with_capacity(text.len() + 8);
    safe.push_str(&text[..at]);
    let mut rest = text[at..].chars().peekable();
    while let Some(c) = rest.next() {
        match c {
            '\n' | '\t' => safe.push(c),
            '\r' if rest.peek() == Some(&'\n') => safe.push(c),
            c if hidden_effect(c) => escape(&mut safe, c),
            c => safe.push(c),
        }
    }
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_escaped_whole_and_backslashes_doubled() {
        assert!(matches!(escape_value("+4921100000"), Cow::Borrowed(_)));
        assert_eq!(escape_value("Ümlaut ok"), "Ümlaut ok");
        assert_eq!(
            escape_value("\u{1b}[2J\u{1b}]0;pwned\u{7}"),
            "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}"
        );
        assert_eq!(escape_value("a\nb\rc\td"), "a\\nb\\rc\\td");
        assert_eq!(escape_value("\u{9b}31m \u{7f}"), "\\u{9b}31m \\u{7f}");
        assert_eq!(escape_value("abc\u{202e}fed"), "abc\\u{202e}fed");
        // A literal `\u{1b}` cannot pass for an escape.
        assert_eq!(escape_value("\\u{1b}"), "\\\\u{1b}");
    }

    #[test]
    fn text_keeps_its_lines_and_tabs_and_nothing_that_acts_on_the_terminal() {
        let plain = "a,b\r\n\tc\nÜmlaut, 東京, emoji 📞, back\\slash";
        assert!(matches!(safe_text(plain), Cow::Borrowed(_)));
        assert_eq!(safe_text("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(safe_text("ok\n\u{9b}2J"), "ok\n\\u{9b}2J");
        // A bare carriage return would let "evil" overwrite "good" on the screen.
        assert_eq!(safe_text("good\revil\r\nnext"), "good\\u{d}evil\r\nnext");
        assert_eq!(safe_text("end\r"), "end\\u{d}");
        // Bidi overrides and invisible characters (Trojan Source).
        assert_eq!(
            safe_text("user\u{202e}gnp.exe\u{2066}\u{200b}"),
            "user\\u{202e}gnp.exe\\u{2066}\\u{200b}"
        );
        assert_eq!(safe_text("\u{feff}bom"), "\\u{feff}bom");
        // Everything before the first unsafe character is kept as it was.
        assert_eq!(safe_text("a\tb\r\nc\u{7}"), "a\tb\r\nc\\u{7}");
    }

    #[test]
    fn json_stays_json_with_the_same_value_and_nothing_that_acts_on_the_terminal() {
        let value = serde_json::json!({
            "name": "user\u{202e}gnp.exe",
            "note": "csi \u{9b}2J, del \u{7f}, esc \u{1b}[31m, cr \r, lines a\nb",
            "plain": "Ümlaut 東京 📞",
            "n": [1, 2],
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
        let safe = safe_json(&pretty);
        assert!(
            !safe.chars().any(|c| c != '\n' && hidden_effect(c)),
            "{safe}"
        );
        assert!(safe.contains("user\\u202egnp.exe"), "{safe}");
        assert!(
            safe.contains("csi \\u009b2J, del \\u007f, esc \\u001b[31m"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, value);
        let plain =
            serde_json::to_string_pretty(&serde_json::json!({"a": "b"})).unwrap_or_default();
        assert!(matches!(safe_json(&plain), Cow::Borrowed(_)));
    }
}
