//! The string enums of history entries, each with an `Unknown` fallback so new server values
//! never break decoding. [`FaxStatus`] and [`EndpointType`] are shared with other parts of
//! the SDK (`sipgateio-types`).

pub use sipgateio_types::{EndpointType, FaxStatus};

sipgateio_types::wire_enum! {
    /// The kind of a history entry (`type`).
    pub enum EntryType {
        /// A phone call.
        Call = "CALL",
        /// A voicemail message.
        Voicemail = "VOICEMAIL",
        /// A text message.
        Sms = "SMS",
        /// A fax.
        Fax = "FAX",
    }
}

sipgateio_types::wire_enum! {
    /// The direction of a history entry (`direction`).
    pub enum Direction {
        /// Received.
        Incoming = "INCOMING",
        /// Sent or dialled.
        Outgoing = "OUTGOING",
        /// An incoming call nobody answered.
        MissedIncoming = "MISSED_INCOMING",
        /// An outgoing call nobody answered.
        MissedOutgoing = "MISSED_OUTGOING",
    }
}

sipgateio_types::wire_enum! {
    /// How an entry ended (`status`).
    pub enum EntryStatus {
        /// Nobody picked up.
        NoPickup = "NOPICKUP",
        /// The line was busy.
        Busy = "BUSY",
        /// Somebody picked up.
        Pickup = "PICKUP",
        /// The call was forwarded.
        Forward = "FORWARD",
    }
}

sipgateio_types::wire_enum! {
    /// The outcome of a call (`callStatus` of call entries).
    pub enum CallStatus {
        /// The call was connected.
        Success = "SUCCESS",
        /// The call failed.
        Failure = "FAILURE",
        /// The call was rejected.
        Rejected = "REJECTED",
        /// The call was rejected because of "do not disturb".
        RejectedDnd = "REJECTED_DND",
        /// The call went to a voicemail but no message was left.
        VoicemailNoMessage = "VOICEMAIL_NO_MESSAGE",
        /// Busy on busy was active.
        BusyOnBusy = "BUSY_ON_BUSY",
        /// The line was busy.
        Busy = "BUSY",
        /// Nobody answered.
        Missed = "MISSED",
    }
}

sipgateio_types::wire_enum! {
    /// How an endpoint took part in an entry (`endpoints[].type`).
    pub enum RoutingType {
        /// The entry was forwarded to the endpoint.
        Forwarded = "FORWARDED",
        /// The entry was routed to the endpoint.
        Routed = "ROUTED",
        /// The endpoint picked up.
        Pickup = "PICKUP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_values_round_trip() {
        let known: Direction = serde_json::from_str(r#""MISSED_INCOMING""#).expect("string");
        assert_eq!(known, Direction::MissedIncoming);
        let unknown: FaxStatus = serde_json::from_str(r#""SHREDDED""#).expect("string");
        assert_eq!(unknown, FaxStatus::Unknown("SHREDDED".into()));
        assert_eq!(
            serde_json::to_string(&unknown).expect("serializes"),
            r#""SHREDDED""#
        );
        assert_eq!(EntryType::Sms.to_string(), "SMS");
        assert_eq!(CallStatus::from("REJECTED_DND"), CallStatus::RejectedDnd);
        assert_eq!(EntryStatus::NoPickup.as_str(), "NOPICKUP");
        assert_eq!(RoutingType::from("PICKUP"), RoutingType::Pickup);
        assert_eq!(EndpointType::from("USER"), EndpointType::User);
    }
}
