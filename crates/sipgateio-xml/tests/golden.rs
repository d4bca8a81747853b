//! The rendered XML compared with sipgateio-node's outputs (node-behaviour.md 13.5), as parsed
//! XML trees and byte for byte.

mod tree;

use sipgateio_xml::{Dial, Gather, RejectReason, Response};
use tree::Element;

const HOOK: &str = "https://example.com/hook";

/// Node's output for a response with an answer and a hangup handler registered.
fn node(children: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Response onAnswer=\"{HOOK}\" onHangup=\"{HOOK}\">\n{children}\n</Response>"
    )
}

fn with_follow_ups(response: Response) -> Response {
    response
        .on_answer(HOOK)
        .and_then(|r| r.on_hangup(HOOK))
        .expect("valid follow-up URL")
}

/// Same tree as Node's document, and the same bytes apart from the declaration's `UTF-8`.
fn assert_matches_node(ours: &Response, node_xml: &str) {
    let xml = ours.to_xml();
    assert_eq!(
        Element::parse(&xml),
        Element::parse(node_xml),
        "\n{xml}\n---\n{node_xml}"
    );
    assert_eq!(
        xml,
        node_xml.replacen("encoding=\"utf-8\"", "encoding=\"UTF-8\"", 1)
    );
}

#[test]
fn redirect_with_caller_id_and_anonymous() {
    let response = Response::dial(
        Dial::numbers(["4921", "4922"])
            .caller_id("4923")
            .anonymous(true),
    )
    .map(with_follow_ups)
    .expect("valid dial");
    assert_matches_node(
        &response,
        &node(
            "    <Dial callerId=\"4923\" anonymous=\"true\">\n        <Number>4921</Number>\n        <Number>4922</Number>\n    </Dial>",
        ),
    );
}

#[test]
fn redirect_without_anonymous_omits_the_attribute() {
    // Node writes `anonymous="undefined"` here (bug #4); the fixed output has no attribute.
    let response = with_follow_ups(Response::redirect(["4921"]).expect("valid"));
    let node_buggy =
        node("    <Dial anonymous=\"undefined\">\n        <Number>4921</Number>\n    </Dial>");
    let fixed = node_buggy.replace(" anonymous=\"undefined\"", "");
    assert_matches_node(&response, &fixed);
    let dial = &Element::parse(&response.to_xml()).children[0];
    assert_eq!(dial.attribute("anonymous"), None);
}

#[test]
fn anonymous_false_is_written() {
    let xml = Response::dial(Dial::number("4921").anonymous(false))
        .expect("valid")
        .to_xml();
    assert_eq!(
        Element::parse(&xml).children[0].attribute("anonymous"),
        Some("false")
    );
}

#[test]
fn voicemail() {
    assert_matches_node(
        &with_follow_ups(Response::voicemail()),
        &node("    <Dial>\n        <Voicemail/>\n    </Dial>"),
    );
}

#[test]
fn reject_busy_and_rejected() {
    assert_matches_node(
        &with_follow_ups(Response::reject(RejectReason::Busy)),
        &node("    <Reject reason=\"busy\"/>"),
    );
    assert_matches_node(
        &with_follow_ups(Response::reject(RejectReason::default())),
        &node("    <Reject reason=\"rejected\"/>"),
    );
}

#[test]
fn hangup() {
    assert_matches_node(
        &with_follow_ups(Response::hang_up()),
        &node("    <Hangup/>"),
    );
}

#[test]
fn gather_without_announcement() {
    let response = Response::gather(Gather::new().max_digits(3).timeout_ms(2000))
        .and_then(|r| r.on_data(HOOK))
        .map(with_follow_ups)
        .expect("valid gather");
    assert_matches_node(
        &response,
        &node(&format!(
            "    <Gather maxDigits=\"3\" timeout=\"2000\" onData=\"{HOOK}\"/>"
        )),
    );
}

#[test]
fn gather_with_announcement() {
    let response = Response::gather(
        Gather::new()
            .max_digits(1)
            .timeout_ms(10)
            .play("https://a/b.wav"),
    )
    .and_then(|r| r.on_data(HOOK))
    .map(with_follow_ups)
    .expect("valid gather");
    assert_matches_node(
        &response,
        &node(&format!(
            "    <Gather maxDigits=\"1\" timeout=\"10\" onData=\"{HOOK}\">\n        <Play>\n            <Url>https://a/b.wav</Url>\n        </Play>\n    </Gather>"
        )),
    );
}

#[test]
fn gather_defaults_are_sipgates() {
    let xml = Response::gather(Gather::new()).expect("valid").to_xml();
    let gather = &Element::parse(&xml).children[0];
    assert_eq!(gather.attribute("maxDigits"), Some("1"));
    assert_eq!(gather.attribute("timeout"), Some("2000"));
    assert_eq!(gather.attribute("onData"), None);
}

#[test]
fn play() {
    assert_matches_node(
        &with_follow_ups(Response::play("https://a/b.wav").expect("valid")),
        &node("    <Play>\n        <Url>https://a/b.wav</Url>\n    </Play>"),
    );
}

#[test]
fn empty_response_without_handlers() {
    assert_matches_node(
        &Response::empty(),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Response/>",
    );
}

#[test]
fn empty_response_with_only_an_answer_handler() {
    let response = Response::empty()
        .on_answer("http://localhost:9999")
        .expect("valid");
    assert_matches_node(
        &response,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Response onAnswer=\"http://localhost:9999\"/>",
    );
}

#[test]
fn on_data_on_a_non_gather_response_is_an_error() {
    let error = Response::hang_up().on_data(HOOK).expect_err("refused");
    assert_eq!(error.field(), Some("onData"));
    assert_eq!(
        error.to_string(),
        "invalid `onData`: only a <Gather> takes an onData URL (this response carries a <Hangup>)"
    );
}

#[test]
fn rendering_is_deterministic_and_display_matches() {
    let response = with_follow_ups(Response::redirect(["4921", "4922"]).expect("valid"));
    assert_eq!(response.to_xml(), response.clone().to_xml());
    assert_eq!(response.to_string(), response.to_xml());
    assert!(
        response
            .to_xml()
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    );
    assert!(!response.to_xml().ends_with('\n'));
}
