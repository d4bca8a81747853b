//! Body parsing as node-behaviour.md 13.3, without Node's bugs #9 and #10.

use sipgateio_test_support::webhook::sipgate_vector;
use sipgateio_webhook::{CallDirection, CallId, Error, Event, HangupCause, WebuserId};

fn parse(body: &str) -> Event {
    Event::from_form(body.as_bytes()).expect("a valid event")
}

#[test]
fn node_new_call_example() {
    let body = "callId=c1&direction=in&event=newCall&from=4912354678&to=49999999&user%5B%5D=A&user%5B%5D=B&userId%5B%5D=w0&userId%5B%5D=w1&fullUserId%5B%5D=1w0&fullUserId%5B%5D=1w1&origCallId=o1&xcid=x";
    let Event::NewCall(call) = parse(body) else {
        panic!("newCall expected")
    };
    assert_eq!(call.call_id, "c1");
    assert_eq!(call.direction, CallDirection::In);
    assert_eq!(call.from, "+4912354678");
    assert_eq!(call.to, "+49999999");
    assert_eq!(call.users, ["A", "B"]);
    assert_eq!(call.user_ids, [WebuserId::new("w0"), WebuserId::new("w1")]);
    assert_eq!(call.full_user_ids, ["1w0", "1w1"]);
    assert_eq!(call.original_call_id, Some(CallId::new("o1")));
    assert_eq!(call.xcid, "x");
    assert_eq!(call.diversion, None);
}

#[test]
fn node_dtmf_example_keeps_leading_zero() {
    let Event::Dtmf(dtmf) = parse("event=dtmf&callId=1&dtmf=0123&origCallId=abc") else {
        panic!("dtmf expected")
    };
    assert_eq!((dtmf.call_id.as_str(), dtmf.digits.as_str()), ("1", "0123"));
    assert_eq!(dtmf.original_call_id, Some(CallId::new("abc")));
    // No input: empty digits, also when the field is missing.
    for body in ["event=dtmf&callId=1&dtmf=", "event=dtmf&callId=1"] {
        let Event::Dtmf(dtmf) = parse(body) else {
            panic!("dtmf expected")
        };
        assert_eq!(dtmf.digits, "");
    }
}

#[test]
fn the_signed_vector_body_has_indexed_keys() {
    let Event::NewCall(call) = parse(sipgate_vector().valid_body) else {
        panic!("newCall expected")
    };
    assert_eq!(call.users, ["TestUser"]);
    assert_eq!(call.user_ids, ["123456789"]);
    assert_eq!(call.full_user_ids, ["123456789"]);
    assert_eq!(call.from, "+4912354678");
    assert_eq!(call.to, "+49999999");
    // The vector sends `callId=` and `originalCallId=`: an empty call id, no original one.
    assert_eq!(call.call_id, CallId::new(""));
    assert_eq!(call.original_call_id, None);
}

#[test]
fn every_array_key_form_becomes_one_list_in_order() {
    let body = "event=newCall&user%5B%5D=A&user%5B%5D%5B1%5D=B&user%5B2%5D=C&user[]=D&user=E\
        &userId%5B0%5D=w0&userId%5B%5D%5B1%5D=w1&fullUserId%5B%5D=1w0";
    let Event::NewCall(call) = parse(body) else {
        panic!("newCall expected")
    };
    assert_eq!(call.users, ["A", "B", "C", "D", "E"]);
    assert_eq!(call.user_ids, ["w0", "w1"]);
    assert_eq!(call.full_user_ids, ["1w0"]);
}

#[test]
fn single_and_empty_users() {
    let Event::NewCall(call) = parse("event=newCall&user%5B%5D=Only") else {
        panic!()
    };
    assert_eq!(call.users, ["Only"]);
    // A real payload carried an empty `user[]=`.
    let Event::NewCall(call) = parse("event=newCall&user%5B%5D=") else {
        panic!()
    };
    assert_eq!(call.users, [""]);
    let Event::NewCall(call) = parse("event=newCall") else {
        panic!()
    };
    assert!(call.users.is_empty() && call.user_ids.is_empty());
}

#[test]
fn values_are_decoded_once_and_never_rewritten() {
    // Node replaces `origCallId` anywhere in the raw body, values included (bug #10).
    let body = "event=newCall&user%5B%5D=origCallId+%26+Co&origCallId=o%2B1&xcid=a%3Db";
    let Event::NewCall(call) = parse(body) else {
        panic!()
    };
    assert_eq!(call.users, ["origCallId & Co"]);
    assert_eq!(call.original_call_id, Some(CallId::new("o+1")));
    assert_eq!(call.xcid, "a=b");
}

#[test]
fn orig_call_id_and_original_call_id_both_name_the_original_call() {
    for body in [
        "event=hangup&origCallId=o1",
        "event=hangup&originalCallId=o1",
        "event=hangup&originalCallId=o1&origCallId=o2",
    ] {
        assert_eq!(
            match parse(body) {
                Event::Hangup(hangup) => hangup.original_call_id,
                other => panic!("{other:?}"),
            },
            Some(CallId::new("o1")),
            "{body}"
        );
    }
    // Missing or empty: no original call.
    for body in [
        "event=hangup",
        "event=hangup&origCallId=",
        "event=hangup&originalCallId=",
    ] {
        let Event::Hangup(hangup) = parse(body) else {
            panic!("hangup expected")
        };
        assert_eq!(hangup.original_call_id, None, "{body}");
    }
}

#[test]
fn plus_prefix_rules() {
    let body = "event=answer&from=anonymous&to=4921100000&answeringNumber=4921100001&diversion=4921100002&user=Alice&userId=w0&fullUserId=1w0&direction=out";
    let Event::Answer(answer) = parse(body) else {
        panic!()
    };
    assert_eq!(answer.from, "anonymous");
    assert_eq!(answer.to, "+4921100000");
    assert_eq!(answer.answering_number, "+4921100001");
    assert_eq!(answer.diversion.as_deref(), Some("+4921100002"));
    assert_eq!(answer.user.as_deref(), Some("Alice"));
    assert_eq!(answer.user_id, Some(WebuserId::new("w0")));
    assert_eq!(answer.full_user_id.as_deref(), Some("1w0"));
    assert_eq!(answer.direction, CallDirection::Out);

    // Empty stays empty (Node makes it `+`), an existing `+` is not doubled.
    let Event::Answer(answer) = parse("event=answer&from=&to=%2B4921100000&diversion=") else {
        panic!()
    };
    assert_eq!(answer.from, "");
    assert_eq!(answer.to, "+4921100000");
    assert_eq!(answer.diversion, None);
    assert_eq!(answer.user, None);
    assert_eq!(answer.user_id, None);
    assert_eq!(answer.full_user_id, None);
}

#[test]
fn hangup_causes() {
    let causes = [
        ("normalClearing", HangupCause::NormalClearing),
        ("busy", HangupCause::Busy),
        ("cancel", HangupCause::Cancel),
        ("noAnswer", HangupCause::NoAnswer),
        ("congestion", HangupCause::Congestion),
        ("notFound", HangupCause::NotFound),
        ("forwarded", HangupCause::Forwarded),
        ("somethingNew", HangupCause::Unknown("somethingNew".into())),
        ("", HangupCause::Unknown(String::new())),
    ];
    for (wire, cause) in causes {
        let body = format!(
            "event=hangup&cause={wire}&callId=c&from=491&to=492&direction=in&answeringNumber=493"
        );
        let Event::Hangup(hangup) = parse(&body) else {
            panic!()
        };
        assert_eq!(hangup.cause, cause, "{wire}");
        assert_eq!(hangup.answering_number, "+493");
    }
}

#[test]
fn unknown_events_including_object_prototype_names() {
    for name in ["toString", "constructor", "__proto__", "NEWCALL", "data"] {
        let event = parse(&format!("event={name}&callId=c9"));
        let Event::Unknown(unknown) = &event else {
            panic!("{name} must be unknown, got {event:?}")
        };
        assert_eq!(unknown.event, name);
        assert_eq!(event.call_id(), "c9");
        assert_eq!(event.name(), name);
    }
}

#[test]
fn direction_values() {
    let direction = |body: &str| match parse(body) {
        Event::NewCall(call) => call.direction,
        other => panic!("{other:?}"),
    };
    assert_eq!(direction("event=newCall&direction=in"), CallDirection::In);
    assert_eq!(direction("event=newCall&direction=out"), CallDirection::Out);
    assert_eq!(
        direction("event=newCall&direction=sideways"),
        CallDirection::Unknown("sideways".into())
    );
    assert_eq!(
        direction("event=newCall"),
        CallDirection::Unknown(String::new())
    );
}

#[test]
fn only_event_is_required() {
    for body in ["", "callId=1", "event=", "event=&callId=1", "&&&"] {
        assert!(
            matches!(Event::from_form(body.as_bytes()), Err(Error::Malformed(_))),
            "{body:?}"
        );
    }
    assert!(matches!(
        Event::from_form(b"event=newCall&from=\xff"),
        Err(Error::Malformed(_))
    ));
    // Unknown fields are ignored.
    assert!(matches!(
        parse("event=newCall&surprise=1&a%5Bb%5D=2"),
        Event::NewCall(_)
    ));
}
