//! Values that try to break out of their attribute or element stay inside it.

mod tree;

use sipgateio_xml::{Gather, Response};
use tree::Element;

const HOSTILE_URLS: &[&str] = &[
    r#"https://e.com/a"/><Hangup/><Play/><x="1"#,
    "https://e.com/a'/><Hangup/>",
    "https://e.com/?a=1&b=2&amp;c=<3>",
    "https://e.com/]]><!--x--><![CDATA[y]]>",
    "https://e.com/&#x3C;Hangup/&#x3E;",
    "https://e.com/<?pi?>&lt;",
    "https://e.com/ünïcödé/😀",
];

#[test]
fn hostile_urls_in_attributes_stay_one_attribute_value() {
    for &url in HOSTILE_URLS {
        let response = Response::hang_up()
            .on_answer(url)
            .and_then(|r| r.on_hangup(url))
            .expect("a URL without whitespace is accepted");
        let root = Element::parse(&response.to_xml());
        assert_eq!(root.name, "Response");
        assert_eq!(
            root.attributes,
            vec![
                ("onAnswer".to_owned(), url.to_owned()),
                ("onHangup".to_owned(), url.to_owned())
            ],
            "{url}"
        );
        assert_eq!(root.children.len(), 1, "{url}");
        assert_eq!(root.children[0].name, "Hangup");
    }
}

#[test]
fn hostile_urls_in_text_stay_one_text_node() {
    for &url in HOSTILE_URLS {
        let response = Response::gather(Gather::new().play(url).on_data(url)).expect("accepted");
        let root = Element::parse(&response.to_xml());
        let gather = &root.children[0];
        assert_eq!(root.children.len(), 1);
        assert_eq!(gather.name, "Gather");
        assert_eq!(gather.attributes.len(), 3, "{url}");
        assert_eq!(gather.attribute("onData"), Some(url));
        let play = &gather.children[0];
        assert_eq!(gather.children.len(), 1);
        assert_eq!(play.children.len(), 1, "{url}");
        assert_eq!(play.children[0].name, "Url");
        assert_eq!(play.children[0].text, url, "{url}");
        assert!(play.children[0].children.is_empty());
    }
}

#[test]
fn control_characters_and_whitespace_are_rejected_before_rendering() {
    for url in [
        "https://e.com/a\u{0}b",
        "https://e.com/a\u{1b}b",
        "https://e.com/a\nb",
        "https://e.com/a\tb",
        "https://e.com/a b",
        "https://e.com/a\u{85}b",
    ] {
        assert_eq!(
            Response::play(url).expect_err("rejected").field(),
            Some("Url"),
            "{url:?}"
        );
        assert_eq!(
            Response::empty()
                .on_answer(url)
                .expect_err("rejected")
                .field(),
            Some("onAnswer")
        );
        assert_eq!(
            Response::empty()
                .on_hangup(url)
                .expect_err("rejected")
                .field(),
            Some("onHangup")
        );
        let gather = Response::gather(Gather::new()).expect("valid");
        assert_eq!(
            gather.on_data(url).expect_err("rejected").field(),
            Some("onData")
        );
    }
}
