//! Any accepted value comes back unchanged from the parsed XML: nothing can be injected.

mod tree;

use proptest::prelude::*;
use sipgateio_xml::{Dial, Gather, Response};
use tree::Element;

/// URL tails made of every printable character XML cares about, and then some.
fn url_tail() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('<'),
            Just('>'),
            Just('&'),
            Just('"'),
            Just('\''),
            Just(';'),
            Just('/'),
            Just('='),
            Just(']'),
            Just('!'),
            Just('?'),
            Just('#'),
            proptest::char::range('a', 'z'),
            proptest::char::range('\u{a1}', '\u{167f}'),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn urls_round_trip_through_attributes_and_text(tail in url_tail(), max_digits in 1u32..100, timeout in 0u64..100_000) {
        let url = format!("https://e.com/{tail}");
        let response = Response::gather(Gather::new().max_digits(max_digits).timeout_ms(timeout).play(url.as_str()).on_data(url.as_str()))
            .and_then(|r| r.on_answer(url.as_str()))
            .and_then(|r| r.on_hangup(url.as_str()))
            .expect("accepted");
        let root = Element::parse(&response.to_xml());
        prop_assert_eq!(root.attributes.len(), 2);
        prop_assert_eq!(root.attribute("onAnswer"), Some(url.as_str()));
        prop_assert_eq!(root.attribute("onHangup"), Some(url.as_str()));
        prop_assert_eq!(root.children.len(), 1);
        let gather = &root.children[0];
        prop_assert_eq!(gather.attributes.len(), 3);
        let max_digits_text = max_digits.to_string();
        prop_assert_eq!(gather.attribute("maxDigits"), Some(max_digits_text.as_str()));
        prop_assert_eq!(gather.attribute("onData"), Some(url.as_str()));
        prop_assert_eq!(gather.children.len(), 1);
        prop_assert_eq!(gather.children[0].children.len(), 1);
        prop_assert_eq!(&gather.children[0].children[0].text, &url);
    }

    #[test]
    fn numbers_round_trip(numbers in proptest::collection::vec("\\+?[0-9]{1,20}", 1..=5), anonymous in any::<Option<bool>>()) {
        let mut dial = Dial::numbers(numbers.clone());
        if let Some(anonymous) = anonymous {
            dial = dial.anonymous(anonymous);
        }
        let root = Element::parse(&Response::dial(dial).expect("valid").to_xml());
        let dial = &root.children[0];
        let texts: Vec<&str> = dial.children.iter().map(|number| number.text.as_str()).collect();
        prop_assert_eq!(texts, numbers.iter().map(String::as_str).collect::<Vec<_>>());
        let anonymous_text = anonymous.map(|a| a.to_string());
        prop_assert_eq!(dial.attribute("anonymous"), anonymous_text.as_deref());
    }
}

/// Any character at all, weighted towards the ones XML 1.0 cannot carry.
fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::char::range('\u{0}', '\u{20}'),
            Just('\u{7f}'),
            Just('\u{85}'),
            Just('\u{FFFE}'),
            Just('\u{FFFF}'),
            Just('\u{FFFD}'),
            Just('<'),
            Just('&'),
            Just('"'),
            proptest::char::any(),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

proptest! {
    #[test]
    fn whatever_is_accepted_is_xml_and_whatever_xml_cannot_carry_is_refused(tail in any_text(), number in any_text()) {
        let url = format!("https://e.com/{tail}");
        let built = Response::gather(Gather::new().play(url.as_str()).on_data(url.as_str()))
            .and_then(|r| r.on_answer(url.as_str()))
            .and_then(|r| r.on_hangup(url.as_str()));
        let dial = Response::dial(Dial::number(number.as_str()).caller_id(number.as_str()));
        for (value, result) in [(&url, built), (&number, dial)] {
            match result {
                Ok(response) => {
                    let xml = response.to_xml();
                    prop_assert!(xml.chars().all(is_xml_char), "{:?}", xml);
                    let root = Element::parse(&xml);
                    prop_assert_eq!(root.name.as_str(), "Response");
                }
                Err(error) => {
                    let field = error.field();
                    prop_assert!(field.is_some());
                    if !value.chars().all(is_xml_char) {
                        prop_assert!(error.to_string().contains("XML 1.0"), "{}", error);
                    }
                }
            }
        }
    }
}
