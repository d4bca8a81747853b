//! Events serialize as one JSON object tagged with the wire event name.

use serde_json::json;
use sipgateio_webhook::{CallDirection, Event, HangupCause};

fn to_json(body: &str) -> serde_json::Value {
    let event = Event::from_form(body.as_bytes()).expect("valid body");
    serde_json::to_value(&event).expect("serializes")
}

#[test]
fn new_call_serializes_with_its_wire_name_and_camel_case_fields() {
    let value = to_json(
        "event=newCall&direction=in&from=4921100000&to=4915700000&callId=c1&origCallId=o1\
         &xcid=x1&user%5B%5D=Alice&userId%5B%5D=w0&fullUserId%5B%5D=1234567w0&diversion=4930000",
    );
    assert_eq!(
        value,
        json!({
            "event": "newCall",
            "direction": "in",
            "from": "+4921100000",
            "to": "+4915700000",
            "callId": "c1",
            "originalCallId": "o1",
            "xcid": "x1",
            "users": ["Alice"],
            "userIds": ["w0"],
            "fullUserIds": ["1234567w0"],
            "diversion": "+4930000",
        })
    );
}

#[test]
fn answer_hangup_dtmf_and_unknown_events_serialize() {
    let answer = to_json(
        "event=answer&direction=out&callId=c1&answeringNumber=4921100000&user=Bob&from=anonymous",
    );
    assert_eq!(answer["event"], "answer");
    assert_eq!(answer["direction"], "out");
    assert_eq!(answer["answeringNumber"], "+4921100000");
    assert_eq!(answer["user"], "Bob");
    assert_eq!(answer["from"], "anonymous");
    assert_eq!(answer["diversion"], serde_json::Value::Null);
    // A missing original call id is `null`, not an empty string.
    assert!(
        answer
            .as_object()
            .is_some_and(|object| object.contains_key("originalCallId"))
    );
    assert_eq!(answer["originalCallId"], serde_json::Value::Null);

    let hangup = to_json("event=hangup&callId=c1&cause=notFound&direction=sideways");
    assert_eq!(hangup["event"], "hangup");
    assert_eq!(hangup["cause"], "notFound");
    assert_eq!(hangup["direction"], "sideways");
    let odd = to_json("event=hangup&callId=c1&cause=meteorStrike");
    assert_eq!(odd["cause"], "meteorStrike");

    assert_eq!(
        to_json("event=dtmf&callId=c1&origCallId=o1&dtmf=007"),
        json!({"event": "dtmf", "callId": "c1", "originalCallId": "o1", "digits": "007"})
    );
    assert_eq!(
        to_json("event=transfer&callId=c9"),
        json!({"event": "transfer", "callId": "c9"})
    );
}

#[test]
fn enum_wire_values() {
    assert_eq!(CallDirection::In.as_str(), "in");
    assert_eq!(CallDirection::Out.as_str(), "out");
    let causes = [
        (HangupCause::NormalClearing, "normalClearing"),
        (HangupCause::Busy, "busy"),
        (HangupCause::Cancel, "cancel"),
        (HangupCause::NoAnswer, "noAnswer"),
        (HangupCause::Congestion, "congestion"),
        (HangupCause::NotFound, "notFound"),
        (HangupCause::Forwarded, "forwarded"),
    ];
    for (cause, wire) in causes {
        assert_eq!(cause.as_str(), wire);
        let parsed = Event::from_form(format!("event=hangup&cause={wire}").as_bytes());
        let Ok(Event::Hangup(hangup)) = parsed else {
            panic!("a hangup event")
        };
        assert_eq!(hangup.cause, cause, "{wire} round-trips");
        assert_eq!(cause.to_string(), wire);
        assert_eq!(wire.parse::<HangupCause>(), Ok(cause.clone()));
        let json = serde_json::to_string(&cause).expect("serializes");
        assert_eq!(serde_json::from_str::<HangupCause>(&json).ok(), Some(cause));
    }
    // Values this version does not know survive a round trip.
    let unknown = HangupCause::from("meteorStrike");
    assert_eq!(unknown, HangupCause::Unknown("meteorStrike".into()));
    assert_eq!(
        serde_json::to_string(&unknown).expect("serializes"),
        r#""meteorStrike""#
    );
    assert_eq!(
        serde_json::from_str::<CallDirection>(r#""sideways""#).ok(),
        Some(CallDirection::Unknown("sideways".into()))
    );
    assert_eq!(CallDirection::In.to_string(), "in");
    assert_eq!("out".parse::<CallDirection>(), Ok(CallDirection::Out));
}
