//! The oracle of the renderer: quick-xml's indenting writer, which rendered every answer before
//! the renderer wrote the bytes itself. The property test below renders responses of every
//! shape, with values of any characters (also ones validation refuses), both ways and compares
//! the bytes.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::dial::{Dial, DialTarget};
use crate::gather::Gather;
use crate::play::Play;
use crate::response::{Action, Response};

type XmlWriter = Writer<Vec<u8>>;

fn quick_xml_to_xml(response: &Response) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 4);
    match write_document(&mut writer, response) {
        // Every value is a `&str`, so the bytes are UTF-8; lossless in practice.
        Ok(()) => String::from_utf8_lossy(&writer.into_inner()).into_owned(),
        // Writing into a `Vec` cannot fail; stay total anyway.
        Err(_) => String::from(EMPTY_DOCUMENT),
    }
}

const EMPTY_DOCUMENT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response/>";

fn write_document(writer: &mut XmlWriter, response: &Response) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("Response");
    if let Some(url) = &response.on_answer {
        root.push_attribute(("onAnswer", url.as_str()));
    }
    if let Some(url) = &response.on_hangup {
        root.push_attribute(("onHangup", url.as_str()));
    }
    match &response.action {
        None => writer.write_event(Event::Empty(root)),
        Some(action) => {
            writer.write_event(Event::Start(root))?;
            write_action(writer, action)?;
            writer.write_event(Event::End(BytesEnd::new("Response")))
        }
    }
}

fn write_action(writer: &mut XmlWriter, action: &Action) -> io::Result<()> {
    match action {
        Action::Dial(dial) => write_dial(writer, dial),
        Action::Play(play) => write_play(writer, play),
        Action::Gather(gather) => write_gather(writer, gather),
        Action::Reject(reject) => {
            let element =
                BytesStart::new("Reject").with_attributes([("reason", reject.reason.as_str())]);
            writer.write_event(Event::Empty(element))
        }
        Action::Hangup(_) => writer.write_event(Event::Empty(BytesStart::new("Hangup"))),
    }
}

fn write_dial(writer: &mut XmlWriter, dial: &Dial) -> io::Result<()> {
    let mut element = BytesStart::new("Dial");
    if let Some(caller_id) = &dial.caller_id {
        element.push_attribute(("callerId", caller_id.as_str()));
    }
    if let Some(anonymous) = dial.anonymous {
        element.push_attribute(("anonymous", if anonymous { "true" } else { "false" }));
    }
    writer.write_event(Event::Start(element))?;
    match &dial.target {
        DialTarget::Numbers(numbers) => {
            for number in numbers {
                write_text_element(writer, "Number", number)?;
            }
        }
        DialTarget::Voicemail => {
            writer.write_event(Event::Empty(BytesStart::new("Voicemail")))?;
        }
    }
    writer.write_event(Event::End(BytesEnd::new("Dial")))
}

fn write_play(writer: &mut XmlWriter, play: &Play) -> io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new("Play")))?;
    write_text_element(writer, "Url", &play.url)?;
    writer.write_event(Event::End(BytesEnd::new("Play")))
}

fn write_gather(writer: &mut XmlWriter, gather: &Gather) -> io::Result<()> {
    let max_digits = gather.max_digits.to_string();
    let timeout = gather.timeout_ms.to_string();
    let mut element = BytesStart::new("Gather").with_attributes([
        ("maxDigits", max_digits.as_str()),
        ("timeout", timeout.as_str()),
    ]);
    if let Some(url) = &gather.on_data {
        element.push_attribute(("onData", url.as_str()));
    }
    match &gather.play {
        None => writer.write_event(Event::Empty(element)),
        Some(play) => {
            writer.write_event(Event::Start(element))?;
            write_play(writer, play)?;
            writer.write_event(Event::End(BytesEnd::new("Gather")))
        }
    }
}

fn write_text_element(writer: &mut XmlWriter, name: &str, text: &str) -> io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    writer.write_event(Event::Text(BytesText::new(text)))?;
    writer.write_event(Event::End(BytesEnd::new(name)))
}

mod compare {
    use proptest::prelude::*;

    use super::quick_xml_to_xml;
    use crate::dial::{Dial, DialTarget};
    use crate::gather::Gather;
    use crate::play::Play;
    use crate::reject::{Hangup, Reject, RejectReason};
    use crate::response::{Action, Response};

    /// Any text, weighted towards what XML escapes.
    fn value() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                prop::sample::select(vec!['<', '>', '&', '"', '\'', '\r', '\n', '\t', ' ', ';']),
                proptest::char::range('a', 'z'),
                any::<char>(),
            ],
            0..24,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn play() -> impl Strategy<Value = Play> {
        value().prop_map(|url| Play { url })
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            (
                prop_oneof![
                    proptest::collection::vec(value(), 0..6).prop_map(DialTarget::Numbers),
                    Just(DialTarget::Voicemail),
                ],
                proptest::option::of(value()),
                any::<Option<bool>>(),
            )
                .prop_map(|(target, caller_id, anonymous)| Action::Dial(Dial {
                    target,
                    caller_id,
                    anonymous,
                })),
            play().prop_map(Action::Play),
            (
                any::<u32>(),
                any::<u64>(),
                proptest::option::of(play()),
                proptest::option::of(value()),
            )
                .prop_map(|(max_digits, timeout_ms, play, on_data)| Action::Gather(
                    Gather {
                        max_digits,
                        timeout_ms,
                        play,
                        on_data,
                    }
                )),
            prop_oneof![Just(RejectReason::Busy), Just(RejectReason::Rejected)]
                .prop_map(|reason| Action::Reject(Reject::new(reason))),
            Just(Action::Hangup(Hangup)),
        ]
    }

    proptest! {
        #[test]
        fn the_same_bytes_as_quick_xml(
            on_answer in proptest::option::of(value()),
            on_hangup in proptest::option::of(value()),
            action in proptest::option::of(action()),
        ) {
            let response = Response { on_answer, on_hangup, action };
            prop_assert_eq!(super::super::render::to_xml(&response), quick_xml_to_xml(&response));
        }
    }
}
