//! Reads a webhook's XML answer with quick-xml, the way sipgate.io interprets it.
//!
//! Root `<Response onAnswer? onHangup?>` with at most one action: `<Dial callerId? anonymous?>`
//! (1–5 `<Number>` or one `<Voicemail/>`), `<Play><Url>…</Url></Play>`,
//! `<Gather onData maxDigits? timeout?>` (optional `<Play>`), `<Reject reason?>`, `<Hangup/>`.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};

/// The most `<Number>` targets sipgate dials for one `<Dial>`.
pub const MAX_DIAL_TARGETS: usize = 5;

/// A parsed `<Response>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct XmlAnswer {
    /// `onAnswer`: where sipgate posts the `answer` event.
    pub on_answer: Option<String>,
    /// `onHangup`: where sipgate posts the `hangup` event.
    pub on_hangup: Option<String>,
    /// The action (`None` for an empty `<Response/>`: the call proceeds normally).
    pub action: Option<Action>,
}

/// One action of a `<Response>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verb", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Action {
    /// `<Dial>`: redirect to numbers or to the voicemail.
    #[serde(rename_all = "camelCase")]
    Dial {
        /// `<Number>` targets in order.
        numbers: Vec<String>,
        /// `<Voicemail/>` instead of numbers.
        voicemail: bool,
        /// `callerId` attribute.
        caller_id: Option<String>,
        /// `anonymous` attribute.
        anonymous: Option<bool>,
    },
    /// `<Play><Url>…</Url></Play>`.
    Play {
        /// The audio URL.
        url: String,
    },
    /// `<Gather>`: collect DTMF digits.
    #[serde(rename_all = "camelCase")]
    Gather {
        /// `onData`: where the `dtmf` event goes.
        on_data: String,
        /// `maxDigits` (default 1).
        max_digits: u32,
        /// `timeout` in ms (default 2000).
        timeout_ms: u32,
        /// Optional prompt URL.
        play: Option<String>,
    },
    /// `<Reject reason="rejected|busy"/>`.
    Reject {
        /// `rejected` (default) or `busy`.
        reason: String,
    },
    /// `<Hangup/>`.
    Hangup,
}

/// A tiny element tree: enough for sipgate's answer format.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn start(e: &BytesStart<'_>) -> Result<Element, String> {
    let name = e.name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attribute in e.attributes() {
        let attribute =
            attribute.map_err(|err| format!("malformed attribute in <{name}>: {err}"))?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad value of {key} in <{name}>: {err}"))?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element {
        name,
        attributes,
        ..Element::default()
    })
}

/// Parses the document into its root element.
fn tree(xml: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => stack.push(start(&e)?),
            Event::Empty(e) => {
                let element = start(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None if root.is_none() => root = Some(element),
                    None => return Err("more than one root element".into()),
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None if root.is_none() => root = Some(element),
                    None => return Err("more than one root element".into()),
                }
            }
            Event::Text(t) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&t.xml10_content());
                } else if !t.xml10_content().trim().is_empty() {
                    return Err("text outside the root element".into());
                }
            }
            Event::CData(t) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| format!("bad character reference: {e}"))?
                        .map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned)
                };
                let text = resolved.ok_or_else(|| format!("unknown entity &{};", &*r))?;
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&text);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    root.ok_or_else(|| "no root element".into())
}

fn play_url(play: &Element) -> Result<String, String> {
    let url = play
        .children
        .iter()
        .find(|c| c.name == "Url")
        .map(|u| u.text.trim().to_owned())
        .filter(|u| !u.is_empty())
        .ok_or("<Play> needs a non-empty <Url>")?;
    Ok(url)
}

fn number_attribute(element: &Element, name: &str, default: u32, min: u32) -> Result<u32, String> {
    match element.attribute(name) {
        None => Ok(default),
        Some(raw) => match raw.trim().parse::<u32>() {
            Ok(v) if v >= min => Ok(v),
            _ => Err(format!(
                "<{}> attribute {name}=\"{raw}\" must be an integer ≥ {min}",
                element.name
            )),
        },
    }
}

fn action(element: &Element) -> Result<Action, String> {
    match element.name.as_str() {
        "Dial" => {
            let numbers: Vec<String> = element
                .children
                .iter()
                .filter(|c| c.name == "Number")
                .map(|c| c.text.trim().to_owned())
                .collect();
            let voicemail = element.children.iter().any(|c| c.name == "Voicemail");
            if let Some(other) = element
                .children
                .iter()
                .find(|c| c.name != "Number" && c.name != "Voicemail")
            {
                return Err(format!("<Dial> may not contain <{}>", other.name));
            }
            if numbers.iter().any(String::is_empty) {
                return Err("<Number> must not be empty".into());
            }
            if voicemail != numbers.is_empty() {
                return Err("<Dial> needs either 1–5 <Number> or one <Voicemail/>".into());
            }
            if numbers.len() > MAX_DIAL_TARGETS {
                return Err(format!(
                    "<Dial> has {} numbers, at most {MAX_DIAL_TARGETS} are dialled",
                    numbers.len()
                ));
            }
            let anonymous = match element.attribute("anonymous") {
                None => None,
                Some("true") => Some(true),
                Some("false") => Some(false),
                Some(other) => {
                    return Err(format!(
                        "<Dial anonymous=\"{other}\"> must be true or false"
                    ));
                }
            };
            Ok(Action::Dial {
                numbers,
                voicemail,
                caller_id: element.attribute("callerId").map(str::to_owned),
                anonymous,
            })
        }
        "Play" => Ok(Action::Play {
            url: play_url(element)?,
        }),
        "Gather" => {
            let on_data = element
                .attribute("onData")
                .filter(|u| !u.trim().is_empty())
                .ok_or("<Gather> needs an onData URL")?
                .to_owned();
            let play = match element.children.iter().find(|c| c.name == "Play") {
                Some(p) => Some(play_url(p)?),
                None => None,
            };
            if let Some(other) = element.children.iter().find(|c| c.name != "Play") {
                return Err(format!("<Gather> may not contain <{}>", other.name));
            }
            if let Some(kind) = element.attribute("type")
                && kind != "dtmf"
            {
                return Err(format!(
                    "<Gather type=\"{kind}\"> is not supported (only dtmf)"
                ));
            }
            Ok(Action::Gather {
                on_data,
                max_digits: number_attribute(element, "maxDigits", 1, 1)?,
                timeout_ms: number_attribute(element, "timeout", 2000, 1)?,
                play,
            })
        }
        "Reject" => {
            let reason = element.attribute("reason").unwrap_or("rejected");
            if reason != "rejected" && reason != "busy" {
                return Err(format!(
                    "<Reject reason=\"{reason}\"> must be rejected or busy"
                ));
            }
            Ok(Action::Reject {
                reason: reason.to_owned(),
            })
        }
        "Hangup" => Ok(Action::Hangup),
        other => Err(format!("unknown action <{other}>")),
    }
}

/// Parses a webhook answer. Errors describe what sipgate would reject; sipgate then lets the
/// call proceed as if the answer were empty. A second action is reported in `warnings`.
pub(crate) fn parse(xml: &str, warnings: &mut Vec<String>) -> Result<XmlAnswer, String> {
    let root = tree(xml)?;
    if root.name != "Response" {
        return Err(format!(
            "the root element must be <Response>, not <{}>",
            root.name
        ));
    }
    if root.children.len() > 1 {
        warnings.push(format!(
            "<Response> has {} actions; only the first is executed",
            root.children.len()
        ));
    }
    Ok(XmlAnswer {
        on_answer: root.attribute("onAnswer").map(str::to_owned),
        on_hangup: root.attribute("onHangup").map(str::to_owned),
        action: root.children.first().map(action).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(xml: &str) -> XmlAnswer {
        parse(xml, &mut Vec::new()).unwrap_or_else(|e| panic!("{e}: {xml}"))
    }

    #[test]
    fn reads_every_verb() {
        let a = parse_ok(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response onAnswer="http://h/a?x=1&amp;y=2" onHangup="http://h/h"><Dial callerId="492111" anonymous="true"><Number>4921</Number><Number>4922</Number></Dial></Response>"#,
        );
        assert_eq!(a.on_answer.as_deref(), Some("http://h/a?x=1&y=2"));
        assert_eq!(a.on_hangup.as_deref(), Some("http://h/h"));
        assert_eq!(
            a.action,
            Some(Action::Dial {
                numbers: vec!["4921".into(), "4922".into()],
                voicemail: false,
                caller_id: Some("492111".into()),
                anonymous: Some(true)
            })
        );
        assert_eq!(parse_ok("<Response/>").action, None);
        assert_eq!(
            parse_ok("<Response><Hangup/></Response>").action,
            Some(Action::Hangup)
        );
        assert_eq!(
            parse_ok("<Response><Reject/></Response>").action,
            Some(Action::Reject {
                reason: "rejected".into()
            })
        );
        assert_eq!(
            parse_ok("<Response>\n    <Play>\n        <Url>https://a/b.wav?a=1&amp;b=2</Url>\n    </Play>\n</Response>").action,
            Some(Action::Play { url: "https://a/b.wav?a=1&b=2".into() })
        );
        assert_eq!(
            parse_ok(r#"<Response><Gather onData="http://h/d" maxDigits="3" timeout="5000"><Play><Url>https://a/p.wav</Url></Play></Gather></Response>"#).action,
            Some(Action::Gather { on_data: "http://h/d".into(), max_digits: 3, timeout_ms: 5000, play: Some("https://a/p.wav".into()) })
        );
        assert_eq!(
            parse_ok("<Response><Dial><Voicemail/></Dial></Response>").action,
            Some(Action::Dial {
                numbers: vec![],
                voicemail: true,
                caller_id: None,
                anonymous: None
            })
        );
    }

    #[test]
    fn rejects_what_sipgate_rejects() {
        for bad in [
            "<Response><Gather maxDigits=\"1\"/></Response>",
            "<Response><Gather onData=\"http://h\" maxDigits=\"0\"/></Response>",
            "<Response><Dial anonymous=\"undefined\"><Number>1</Number></Dial></Response>",
            "<Response><Dial/></Response>",
            "<Response><Dial><Number>1</Number><Number>2</Number><Number>3</Number><Number>4</Number><Number>5</Number><Number>6</Number></Dial></Response>",
            "<Response><Reject reason=\"maybe\"/></Response>",
            "<Response><Dance/></Response>",
            "<Answer/>",
            "<Response><Hangup></Response>",
            "not xml",
            "",
        ] {
            assert!(parse(bad, &mut Vec::new()).is_err(), "accepted {bad}");
        }
    }

    #[test]
    fn warns_about_a_second_action() {
        let mut warnings = Vec::new();
        let a = parse(
            "<Response><Play><Url>u</Url></Play><Hangup/></Response>",
            &mut warnings,
        );
        assert!(matches!(
            a,
            Ok(XmlAnswer {
                action: Some(Action::Play { .. }),
                ..
            })
        ));
        assert_eq!(warnings.len(), 1);
    }
}
