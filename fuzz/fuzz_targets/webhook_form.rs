//! Webhook form parsing and event typing.
//!
//! Any body: parsing never panics. Bodies built from arbitrary field values: the values come
//! back unchanged (call id, xcid, the `user[]` list in order) and the event gets its type.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipgateio_webhook::Event;

fuzz_target!(|input: (&[u8], u8, String, String, Vec<String>)| {
    let (raw, kind, call_id, xcid, users) = input;
    if let Ok(event) = Event::from_form(raw) {
        let _ = (event.name(), event.call_id());
    }

    let name = ["newCall", "answer", "hangup", "dtmf"][usize::from(kind % 4)];
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("event", name)
        .append_pair("callId", &call_id)
        .append_pair("xcid", &xcid);
    for user in &users {
        form.append_pair("user[]", user);
    }
    let body = form.finish();
    let event = Event::from_form(body.as_bytes()).expect("a well-formed body parses");
    assert_eq!(event.name(), name);
    assert_eq!(event.call_id().as_str(), call_id);
    if let Event::NewCall(call) = &event {
        assert_eq!(call.xcid, xcid);
        assert_eq!(call.users, users);
    }
});
