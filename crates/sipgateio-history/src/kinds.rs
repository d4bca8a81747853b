//! The string enums of history entries, each with an `Unknown` fallback so new server values
//! never break decoding.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares a string enum with its wire values and an `Unknown(String)` fallback.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    };
}

string_enum! {
    /// The kind of a history entry (`type`).
    EntryType {
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

string_enum! {
    /// The direction of a history entry (`direction`).
    Direction {
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

string_enum! {
    /// How an entry ended (`status`).
    EntryStatus {
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

string_enum! {
    /// The outcome of a call (`callStatus` of call entries).
    CallStatus {
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

string_enum! {
    /// The state of a fax (`faxStatusType` on the wire).
    FaxStatus {
        /// Waiting to be sent.
        Pending = "PENDING",
        /// Being sent.
        Sending = "SENDING",
        /// Sending failed.
        Failed = "FAILED",
        /// Sent successfully.
        Sent = "SENT",
        /// Scheduled for later.
        Scheduled = "SCHEDULED",
    }
}

string_enum! {
    /// How an endpoint took part in an entry (`endpoints[].type`).
    RoutingType {
        /// The entry was forwarded to the endpoint.
        Forwarded = "FORWARDED",
        /// The entry was routed to the endpoint.
        Routed = "ROUTED",
        /// The endpoint picked up.
        Pickup = "PICKUP",
    }
}

string_enum! {
    /// The kind of an endpoint (`endpoints[].endpoint.type`).
    EndpointType {
        /// An SMS extension.
        Sms = "SMS",
        /// A registered VoIP device.
        Register = "REGISTER",
        /// An external device.
        External = "EXTERNAL",
        /// A fax line.
        Fax = "FAX",
        /// A mobile device.
        Mobile = "MOBILE",
        /// A group.
        Group = "GROUP",
        /// A voicemail.
        Voicemail = "VOICEMAIL",
        /// A phoneline.
        Phoneline = "PHONELINE",
        /// A user.
        User = "USER",
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
