//! Characters XML 1.0 cannot carry (its `Char` production) are refused in every text and URL
//! the crate accepts, naming the field; what the crate accepts renders to a document that
//! quick-xml's reader parses, made only of characters XML can carry.

mod tree;

use sipgateio_xml::{Dial, Error, Gather, Play, RejectReason, Response};
use tree::Element;

/// Characters outside XML 1.0's `Char` production.
const FORBIDDEN: &[char] = &[
    '\u{0}', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
];

/// Characters XML 1.0 can carry, at the edges of its `Char` ranges and beyond the BMP.
const ALLOWED: &[char] = &[
    '\t',
    '\n',
    '\r',
    '\u{FFFD}',
    '😀',
    '\u{D7FF}',
    '\u{E000}',
    '\u{10000}',
    '\u{10FFFF}',
];

/// Whitespace: XML can carry it, but a URL must not contain it.
fn is_url_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
}

/// XML 1.0's `Char` production, written out independently of the crate.
fn is_xml_char(c: char) -> bool {
    let c = u32::from(c);
    c == 0x9
        || c == 0xA
        || c == 0xD
        || (0x20..=0xD7FF).contains(&c)
        || (0xE000..=0xFFFD).contains(&c)
        || (0x10000..=0x10FFFF).contains(&c)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Url,
    Number,
}

type Build = fn(&str) -> Result<Response, Error>;

/// Every place a text or URL goes into a response: (field, kind, how it is set).
const FIELDS: &[(&str, Kind, Build)] = &[
    ("Url", Kind::Url, |url| Response::play(url)),
    ("Url", Kind::Url, |url| {
        Response::with_action(Play::new(url))
    }),
    ("Url", Kind::Url, |url| {
        Response::gather(Gather::new().max_digits(2).play(url))
    }),
    ("onAnswer", Kind::Url, |url| {
        Response::hang_up().on_answer(url)
    }),
    ("onAnswer", Kind::Url, |url| {
        Response::empty().on_answer(url)
    }),
    ("onHangup", Kind::Url, |url| {
        Response::reject(RejectReason::Busy).on_hangup(url)
    }),
    ("onHangup", Kind::Url, |url| {
        Response::voicemail().on_hangup(url)
    }),
    ("onData", Kind::Url, |url| {
        Response::gather(Gather::new().on_data(url))
    }),
    ("onData", Kind::Url, |url| {
        Response::gather(Gather::new().play("https://e.com/menu.wav"))?.on_data(url)
    }),
    ("Number", Kind::Number, |number| {
        Response::redirect([number])
    }),
    ("Number", Kind::Number, |number| {
        Response::dial(Dial::numbers(["+4921100000", number]).anonymous(true))
    }),
    ("callerId", Kind::Number, |number| {
        Response::dial(Dial::number("+4921100000").caller_id(number))
    }),
    ("callerId", Kind::Number, |number| {
        Response::dial(Dial::voicemail().caller_id(number))
    }),
];

/// Values for `kind` with `c` at the start, inside and at the end.
fn values_with(kind: Kind, c: char) -> [String; 3] {
    match kind {
        Kind::Url => [
            format!("{c}https://e.com/a"),
            format!("https://e.com/a{c}b?x=1"),
            format!("https://e.com/a{c}"),
        ],
        Kind::Number => [
            format!("{c}+4921100000"),
            format!("+49211{c}00000"),
            format!("4921100000{c}"),
        ],
    }
}

fn invalid(error: Error) -> (&'static str, String, String) {
    let text = error.to_string();
    match error {
        Error::InvalidInput(invalid) => (invalid.field(), invalid.rule().to_owned(), text),
        other => panic!("unexpected error {other:?}"),
    }
}

/// Parse `xml` with quick-xml's reader (panics on anything not well-formed) and check every
/// character against the `Char` production, which the reader does not enforce.
fn parse_checked(xml: &str) -> Element {
    if let Some(bad) = xml.chars().find(|&c| !is_xml_char(c)) {
        panic!("U+{:04X} in rendered XML: {xml:?}", u32::from(bad));
    }
    Element::parse(xml)
}

#[test]
fn characters_xml_cannot_carry_are_refused_in_every_field() {
    for &(field, kind, build) in FIELDS {
        for &c in FORBIDDEN {
            for value in values_with(kind, c) {
                let error = build(&value).expect_err(&format!("{field}: {value:?} refused"));
                let (named, rule, text) = invalid(error);
                assert_eq!(named, field, "{value:?}");
                let code = format!("U+{:04X}", u32::from(c));
                assert!(
                    rule.contains(&code) && rule.contains("XML 1.0"),
                    "{field} {value:?}: {rule}"
                );
                assert_eq!(text, format!("invalid `{field}`: {rule}"));
                // The message names the character, it does not carry it.
                assert!(!text.contains(c), "{text:?}");
            }
        }
    }
}

#[test]
fn characters_xml_can_carry_pass_the_character_check() {
    for &(field, kind, build) in FIELDS {
        for &c in ALLOWED {
            for value in values_with(kind, c) {
                let result = build(&value);
                match (kind, is_url_whitespace(c)) {
                    // Inside a URL, these are refused by the URL rule, never the XML one.
                    (Kind::Url, true) | (Kind::Number, _) => {
                        let (named, rule, _) =
                            invalid(result.expect_err(&format!("{field}: {value:?} refused")));
                        assert_eq!(named, field, "{value:?}");
                        assert!(!rule.contains("XML 1.0"), "{field} {value:?}: {rule}");
                    }
                    (Kind::Url, false) if value.starts_with(c) => {
                        let (named, rule, _) = invalid(result.expect_err("no scheme"));
                        assert_eq!(named, field, "{value:?}");
                        assert!(rule.contains("http"), "{rule}");
                    }
                    (Kind::Url, false) => {
                        let response =
                            result.unwrap_or_else(|e| panic!("{field}: {value:?} accepted: {e}"));
                        let xml = response.to_xml();
                        let root = parse_checked(&xml);
                        let found = find_value(&root, field);
                        assert_eq!(found.as_deref(), Some(value.as_str()), "{xml}");
                    }
                }
            }
        }
    }
}

/// The value of `field` in a parsed document: an attribute anywhere, or the text of an element.
fn find_value(element: &Element, field: &str) -> Option<String> {
    if element.name == field && !element.text.is_empty() {
        return Some(element.text.clone());
    }
    if let Some(value) = element.attribute(field) {
        return Some(value.to_owned());
    }
    element
        .children
        .iter()
        .find_map(|child| find_value(child, field))
}

#[test]
fn the_error_names_the_first_offending_character_and_where_it_is() {
    let error = Response::play("https://e.com/a\u{FFFE}b").expect_err("refused");
    assert_eq!(
        error.to_string(),
        "invalid `Url`: must not contain U+FFFE (at byte 15): XML 1.0 cannot carry that character"
    );
    let error = Response::redirect(["+49\u{1}2\u{FFFF}"]).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "invalid `Number`: must not contain U+0001 (at byte 3): XML 1.0 cannot carry that character"
    );
}

#[test]
fn the_parts_check_themselves_like_the_response_does() {
    let bad = "https://e.com/\u{FFFF}";
    assert_eq!(
        Play::new(bad)
            .validate()
            .map_err(invalid)
            .err()
            .map(|e| e.0),
        Some("Url")
    );
    assert_eq!(
        Gather::new()
            .on_data(bad)
            .validate()
            .map_err(invalid)
            .err()
            .map(|e| e.0),
        Some("onData")
    );
    assert_eq!(
        Dial::number("+49")
            .caller_id("\u{0}")
            .validate()
            .map_err(invalid)
            .err()
            .map(|e| e.0),
        Some("callerId")
    );
    assert!(Dial::voicemail().validate().is_ok());
    assert!(Gather::new().play("https://e.com/😀").validate().is_ok());
}

#[test]
fn on_data_is_refused_on_anything_but_a_gather() {
    const URL: &str = "https://e.com/dtmf";
    let others: [(&str, Result<Response, Error>); 7] = [
        ("no action", Ok(Response::empty())),
        ("a <Dial>", Response::redirect(["+4921100000"])),
        ("a <Dial>", Ok(Response::voicemail())),
        ("a <Play>", Response::play("https://e.com/a.wav")),
        ("a <Reject>", Ok(Response::reject(RejectReason::Rejected))),
        ("a <Hangup>", Ok(Response::hang_up())),
        (
            "a <Hangup>",
            Response::hang_up()
                .on_answer(URL)
                .and_then(|r| r.on_hangup(URL)),
        ),
    ];
    for (carried, response) in others {
        let response = response.expect("valid");
        let before = response.clone();
        let (field, rule, text) = invalid(response.on_data(URL).expect_err("refused"));
        assert_eq!(field, "onData");
        assert_eq!(
            rule,
            format!("only a <Gather> takes an onData URL (this response carries {carried})")
        );
        assert_eq!(text, format!("invalid `onData`: {rule}"));
        // Nothing about the response it was called on changes or renders differently.
        parse_checked(&before.to_xml());
    }
    let gather = Response::gather(Gather::new())
        .and_then(|r| r.on_data(URL))
        .expect("a gather takes onData");
    let root = parse_checked(&gather.to_xml());
    assert_eq!(root.children[0].attribute("onData"), Some(URL));
}

#[test]
fn every_kind_of_response_renders_parseable_xml() {
    let hook = "https://e.com/h?a=1&b=<2>&c=\"3\"&d='4'&e=\u{FFFD}😀";
    let responses = [
        Response::empty(),
        Response::voicemail(),
        Response::hang_up(),
        Response::reject(RejectReason::Busy),
        Response::reject(RejectReason::Rejected),
        Response::redirect([
            "+4921100000",
            "4921100001",
            "1",
            "12345678901234567890",
            "+2",
        ])
        .expect("valid"),
        Response::dial(Dial::voicemail().caller_id("+4921100000").anonymous(false)).expect("valid"),
        Response::play(hook).expect("valid"),
        Response::gather(Gather::new()).expect("valid"),
        Response::gather(
            Gather::new()
                .max_digits(u32::MAX)
                .timeout_ms(u64::from(u32::MAX)),
        )
        .expect("valid"),
        Response::gather(Gather::new().play(hook).on_data(hook))
            .and_then(|r| r.on_answer(hook))
            .and_then(|r| r.on_hangup(hook))
            .expect("valid"),
    ];
    for response in responses {
        let xml = response.to_xml();
        let root = parse_checked(&xml);
        assert_eq!(root.name, "Response", "{xml}");
        assert_eq!(response.to_string(), xml);
    }
}
