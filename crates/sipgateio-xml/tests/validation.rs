//! Every build-time rule: the error names the field, and valid edge values pass.

use sipgateio_xml::{Dial, Error, Gather, MAX_DIAL_TARGETS, Response};

fn rule(error: Error) -> (String, String) {
    let text = error.to_string();
    match error {
        Error::InvalidInput(invalid) => {
            assert_eq!(
                text,
                format!("invalid `{}`: {}", invalid.field(), invalid.rule())
            );
            (invalid.field().to_owned(), text)
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn dial_needs_one_to_five_numbers() {
    let (field, text) = rule(Response::redirect(Vec::<String>::new()).expect_err("rejected"));
    assert_eq!(field, "Number");
    assert!(text.contains("at least one"), "{text}");

    let six: Vec<String> = (0..6).map(|i| format!("+492110000{i}")).collect();
    let (field, text) = rule(Response::redirect(six.clone()).expect_err("rejected"));
    assert_eq!(field, "Number");
    assert!(
        text.contains("at most 5") && text.contains("was 6"),
        "{text}"
    );

    assert!(Response::redirect(six[..MAX_DIAL_TARGETS].to_vec()).is_ok());
    assert!(Response::redirect(["+1"]).is_ok());
}

#[test]
fn numbers_and_caller_id_must_be_digits_with_an_optional_plus() {
    for bad in [
        "",
        "+",
        "abc",
        "+49 211",
        "49-211",
        "++49",
        "123456789012345678901",
    ] {
        let (field, text) = rule(Response::redirect([bad]).expect_err("rejected"));
        assert_eq!(field, "Number", "{bad:?}");
        assert!(text.contains("phone number"), "{text}");
        let (field, _) =
            rule(Response::dial(Dial::number("+4921100000").caller_id(bad)).expect_err("rejected"));
        assert_eq!(field, "callerId", "{bad:?}");
    }
    assert!(Response::redirect(["12345678901234567890", "+4921100000"]).is_ok());
}

#[test]
fn voicemail_ignores_numbers_rules_but_checks_caller_id() {
    assert!(Response::dial(Dial::voicemail().caller_id("+4921100000")).is_ok());
    assert_eq!(
        Response::dial(Dial::voicemail().caller_id("x"))
            .expect_err("rejected")
            .field(),
        Some("callerId")
    );
}

#[test]
fn gather_bounds() {
    let (field, text) = rule(Response::gather(Gather::new().max_digits(0)).expect_err("rejected"));
    assert_eq!(
        (field.as_str(), text.as_str()),
        (
            "maxDigits",
            "invalid `maxDigits`: must be at least 1 (was 0)"
        )
    );
    assert!(Response::gather(Gather::new().max_digits(1).timeout_ms(0)).is_ok());
    assert!(Response::gather(Gather::new().timeout_ms(u64::from(u32::MAX))).is_ok());
    let (field, _) = rule(
        Response::gather(Gather::new().timeout_ms(u64::from(u32::MAX) + 1)).expect_err("rejected"),
    );
    assert_eq!(field, "timeout");
    let (field, _) = rule(Response::gather(Gather::new().play("not a url")).expect_err("rejected"));
    assert_eq!(field, "Url");
    let (field, _) =
        rule(Response::gather(Gather::new().on_data("/relative")).expect_err("rejected"));
    assert_eq!(field, "onData");
}

#[test]
fn urls_must_be_absolute_http_or_https() {
    for bad in [
        "",
        "example.com/a.wav",
        "ftp://e.com/a.wav",
        "https://",
        "http:///path",
        "file:///etc/passwd",
        "javascript:alert(1)",
    ] {
        assert_eq!(
            Response::play(bad).expect_err("rejected").field(),
            Some("Url"),
            "{bad:?}"
        );
    }
    for good in [
        "http://e.com/a.wav",
        "HTTPS://E.COM/A.WAV",
        "https://e.com:8443/a.wav?x=1&y=2",
    ] {
        assert!(Response::play(good).is_ok(), "{good}");
    }
}
