//! A small XML tree for comparing documents structurally, read with quick-xml's reader.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub(crate) name: String,
    /// In document order.
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) children: Vec<Element>,
    /// Text content with entities resolved; whitespace-only text is dropped.
    pub(crate) text: String,
}

impl Element {
    /// Parse a whole document; panics on anything that is not well-formed (tests only).
    pub(crate) fn parse(xml: &str) -> Element {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        let mut stack: Vec<(Element, String)> = Vec::new();
        let mut root = None;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Decl(_) => assert!(stack.is_empty() && root.is_none()),
                Event::Start(start) => stack.push((element(&start), String::new())),
                Event::Empty(start) => attach(&mut stack, &mut root, element(&start)),
                Event::Text(text) => {
                    if let Some((_, raw)) = stack.last_mut() {
                        raw.push_str(&text.xml_content(XmlVersion::Implicit1_0));
                    } else {
                        assert!(text.xml_content(XmlVersion::Implicit1_0).trim().is_empty());
                    }
                }
                Event::GeneralRef(reference) => {
                    let (_, raw) = stack.last_mut().expect("entity inside an element");
                    raw.push('&');
                    raw.push_str(&reference.xml_content(XmlVersion::Implicit1_0));
                    raw.push(';');
                }
                Event::End(_) => {
                    let (mut done, raw) = stack.pop().expect("balanced");
                    let text = unescape(&raw).expect("known entities").into_owned();
                    done.text = if text.trim().is_empty() {
                        String::new()
                    } else {
                        text
                    };
                    attach(&mut stack, &mut root, done);
                }
                Event::Eof => break,
                other => panic!("unexpected XML event {other:?}"),
            }
        }
        assert!(stack.is_empty(), "unclosed elements");
        root.expect("a root element")
    }

    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn element(start: &BytesStart<'_>) -> Element {
    let attributes = start
        .attributes()
        .map(|attribute| {
            let attribute = attribute.expect("well-formed attribute");
            let key = attribute.key.as_ref().to_owned();
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .expect("valid attribute value")
                .into_owned();
            (key, value)
        })
        .collect();
    Element {
        name: start.name().as_ref().to_owned(),
        attributes,
        children: Vec::new(),
        text: String::new(),
    }
}

fn attach(stack: &mut [(Element, String)], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some((parent, _)) => parent.children.push(element),
        None => {
            assert!(root.is_none(), "exactly one root element");
            *root = Some(element);
        }
    }
}
