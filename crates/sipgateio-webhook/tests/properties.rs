//! Parsing never panics, and user lists survive every key style and any value.

use proptest::prelude::*;
use sipgateio_webhook::Event;

/// Percent-encode like a browser form (the test builds bodies the way senders do).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

proptest! {
    #[test]
    fn arbitrary_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Event::from_form(&body);
    }

    #[test]
    fn arbitrary_form_text_never_panics(body in "[a-zA-Z%\\[\\]=&+0-9]{0,200}") {
        let _ = Event::from_form(body.as_bytes());
    }

    #[test]
    fn users_survive_every_key_style(users in proptest::collection::vec(any::<String>(), 0..6), style in 0usize..4) {
        let mut body = String::from("event=newCall");
        for (index, user) in users.iter().enumerate() {
            let key = match style {
                0 => "user%5B%5D".to_owned(),
                1 => format!("user%5B%5D%5B{index}%5D"),
                2 => format!("user%5B{index}%5D"),
                _ => "user[]".to_owned(),
            };
            body.push_str(&format!("&{key}={}", encode(user)));
        }
        let Event::NewCall(call) = Event::from_form(body.as_bytes()).expect("parses") else {
            panic!("newCall expected");
        };
        prop_assert_eq!(call.users, users);
    }
}
