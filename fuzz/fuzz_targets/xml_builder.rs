//! XML builder with arbitrary strings: whatever the builder accepts renders to XML that
//! parses back with exactly the values that went in (attributes and text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use sipgateio_xml::{Gather, Response};

fn urls(xml: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut reader = Reader::from_str(xml);
    let (mut attributes, mut texts) = (Vec::new(), Vec::new());
    let mut current = String::new();
    loop {
        match reader.read_event().expect("our XML is well-formed") {
            Event::Start(element) | Event::Empty(element) => {
                current.clear();
                for attribute in element.attributes() {
                    let attribute = attribute.expect("well-formed attribute");
                    let key = attribute.key.into_inner().to_owned();
                    let value = attribute
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("escaped value")
                        .into_owned();
                    attributes.push((key, value));
                }
            }
            Event::Text(text) => {
                current.push_str(&text.xml_content(XmlVersion::Implicit1_0));
            }
            Event::GeneralRef(reference) => match reference.resolve_char_ref().expect("char ref") {
                Some(c) => current.push(c),
                None => {
                    let name = reference.xml_content(XmlVersion::Implicit1_0);
                    let entity = format!("&{name};");
                    current.push_str(&quick_xml::escape::unescape(&entity).expect("known entity"));
                }
            },
            Event::End(_) => {
                if !current.trim().is_empty() {
                    texts.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (attributes, texts)
}

fuzz_target!(|input: (bool, String, String, String, String)| {
    let (raw, play, on_data, on_answer, on_hangup) = input;
    // Half the time the strings are taken as they are (mostly rejected), half the time behind
    // a valid prefix (mostly accepted, so the escaping is exercised).
    let url = |s: &str| {
        if raw {
            s.to_owned()
        } else {
            format!("https://h/{s}")
        }
    };
    let (play, on_data, on_answer, on_hangup) =
        (url(&play), url(&on_data), url(&on_answer), url(&on_hangup));
    let Ok(response) = Response::gather(Gather::new().play(play.clone()).on_data(on_data.clone()))
        .and_then(|r| r.on_answer(on_answer.clone()))
        .and_then(|r| r.on_hangup(on_hangup.clone()))
    else {
        return;
    };
    let xml = response.to_xml();
    let (attributes, texts) = urls(&xml);
    let attribute = |name: &str| {
        attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        attribute("onAnswer").as_deref(),
        Some(on_answer.as_str()),
        "{xml}"
    );
    assert_eq!(
        attribute("onHangup").as_deref(),
        Some(on_hangup.as_str()),
        "{xml}"
    );
    assert_eq!(
        attribute("onData").as_deref(),
        Some(on_data.as_str()),
        "{xml}"
    );
    assert_eq!(texts, vec![play], "{xml}");
});
