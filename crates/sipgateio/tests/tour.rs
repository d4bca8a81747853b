//! The README's main job: `cargo run --example tour`. Runs the example's own code (the file
//! is included as a module) against a fresh sandbox, in both of its modes, and checks what
//! it did on sipgate's side.

mod common;

// The example's `main` is not called here; its `pub` items are what this test calls.
#[allow(dead_code, unreachable_pub)]
#[path = "../../../examples/tour.rs"]
mod tour;

use sipgateio::sandbox::Action;

#[tokio::test]
async fn the_offline_tour_walks_through_the_whole_sdk() {
    let sandbox = tour::start_sandbox().await.expect("sandbox");
    let contacts_before = sandbox.contacts().len();
    let history_before = sandbox.history().len();
    let transcripts = tour::offline(&sandbox).await.expect("the tour succeeds");

    // SMS now and later, the fax sent byte for byte, a call, three imported contacts.
    let sms = sandbox.sent_sms();
    assert_eq!(sms.len(), 2);
    assert_eq!(sms[0].send_at, None);
    assert!(sms[1].send_at.is_some());
    let faxes = sandbox.faxes();
    assert_eq!(faxes.len(), 1);
    assert_eq!(
        (faxes[0].status.as_str(), faxes[0].content.as_slice()),
        ("SENT", tour::LETTER_PDF)
    );
    assert_eq!(sandbox.initiated_calls().len(), 1);
    assert_eq!(sandbox.contacts().len(), contacts_before + 3);
    assert!(
        sandbox
            .webhook_settings()
            .incoming_url
            .starts_with("http://127.0.0.1:")
    );

    // Two simulated calls through the IVR: 1 → the colleague, 2 → goodbye and hang-up.
    assert_eq!(transcripts.len(), 2);
    let [press_1, press_2] = &transcripts[..] else {
        unreachable!()
    };
    assert_eq!(press_1.events(), ["newCall", "dtmf", "answer", "hangup"]);
    assert_eq!(press_1.answered_by.as_deref(), Some("+4921100000001"));
    assert!(matches!(
        press_2.step("dtmf").and_then(|s| s.action()),
        Some(Action::Play { .. })
    ));
    assert_eq!(press_2.played.len(), 2);
    for step in transcripts.iter().flat_map(|t| &t.steps) {
        assert_eq!(
            step.status,
            Some(200),
            "signed, accepted and answered: {step:?}"
        );
    }
    // 2 SMS + 1 fax + 1 call + 2 simulated calls.
    assert_eq!(sandbox.history().len(), history_before + 6);
}

#[tokio::test]
async fn the_read_only_tour_changes_nothing() {
    // What SIPGATE_TOKEN_ID/SIPGATE_TOKEN/SIPGATE_BASE_URL select, pointed at a sandbox.
    let (sandbox, client) = common::start().await;
    let (contacts, history) = (sandbox.contacts().len(), sandbox.history().len());
    tour::read_only(&client).await.expect("the tour succeeds");
    assert!(sandbox.sent_sms().is_empty());
    assert!(sandbox.faxes().is_empty());
    assert!(sandbox.initiated_calls().is_empty());
    assert_eq!(sandbox.contacts().len(), contacts);
    assert_eq!(sandbox.history().len(), history);
    assert_eq!(sandbox.webhook_settings().incoming_url, "");
}

#[test]
fn the_embedded_letter_is_a_well_formed_pdf() {
    let pdf = std::str::from_utf8(tour::LETTER_PDF).expect("ASCII");
    assert!(pdf.starts_with("%PDF-1.4\n") && pdf.ends_with("%%EOF\n"));
    // startxref points at the xref table, and each entry at its object.
    let startxref = pdf.rsplit("startxref\n").next().expect("startxref");
    let xref: usize = startxref
        .lines()
        .next()
        .expect("offset")
        .parse()
        .expect("number");
    assert!(pdf[xref..].starts_with("xref\n0 6\n"));
    let entries: Vec<&str> = pdf[xref..].lines().skip(3).take(5).collect();
    for (number, entry) in (1..).zip(entries) {
        assert_eq!(entry.len(), 19, "20 bytes with the newline: {entry:?}");
        let offset: usize = entry[..10].parse().expect("offset");
        assert!(
            pdf[offset..].starts_with(&format!("{number} 0 obj\n")),
            "object {number}"
        );
    }
    let stream = pdf.split(">>\nstream\n").nth(1).expect("content stream");
    let content = stream.split("\nendstream").next().expect("end");
    assert!(pdf.contains(&format!("<< /Length {} >>", content.len())));
}
