//! Id newtypes: one type per kind of id, so that two ids cannot be swapped.
//!
//! Every id is built explicitly from a string with `new` (there is no `From<String>` or
//! `From<&str>`, so a plain string never becomes an id by accident), and is written and read
//! on the wire as the plain string. The one id that is a number on the wire,
//! [`SmsCallerIdId`], is built the same way from an `i64`. Ids are not validated: sipgate
//! documents no format for most of them, and a wrong id is the server's 404.

/// Declares one id newtype with its docs.
macro_rules! id_type {
    (
        $(#[$meta:meta])*
        $name:ident, example = $example:literal
    ) => {
        $(#[$meta])*
        ///
        /// Built explicitly from a string; compared with a string for convenience:
        ///
        /// ```
        #[doc = concat!("use sipgateio_types::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id, \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(format!(\"{id:?}\"), r#\"", stringify!($name), "(\"", $example, "\")\"#);")]
        /// ```
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id from its string form, as sipgate writes it (not validated).
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as sipgate writes it.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(&self.0)
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type! {
    /// A web user: a person of the account (`userId` in the API), e.g. `w0`.
    ///
    /// Web users own devices, phonelines, fax lines, SMS extensions and voicemails.
    #[doc(alias = "userId")]
    #[doc(alias = "webuserId")]
    WebuserId, example = "w0"
}

id_type! {
    /// An SMS extension of a web user (`smsId` in the API), e.g. `s0`.
    #[doc(alias = "smsId")]
    SmsExtensionId, example = "s0"
}

id_type! {
    /// A fax line (`faxlineId` in the API), e.g. `f0`.
    #[doc(alias = "faxlineId")]
    FaxlineId, example = "f0"
}

id_type! {
    /// A phoneline: the line a web user's numbers and devices ring on (`phonelineId` in the
    /// API), e.g. `p0`.
    #[doc(alias = "phonelineId")]
    PhonelineId, example = "p0"
}

id_type! {
    /// A device (`deviceId` in the API): a registered VoIP phone (`e0`), a mobile phone
    /// (`y0`) or an external phone (`x0`).
    #[doc(alias = "deviceId")]
    DeviceId, example = "e0"
}

id_type! {
    /// A running call (`callId` in the API and the webhooks): an opaque string, e.g.
    /// `a1b2c3d4e5f6`.
    #[doc(alias = "callId")]
    CallId, example = "a1b2c3d4e5f6"
}

id_type! {
    /// A contact of the address book (`contactId` in the API): a UUID-like string.
    #[doc(alias = "contactId")]
    ContactId, example = "cf1f5d2e-6a63-4bd8-8d59-5d3d0b6bd2a4"
}

id_type! {
    /// An entry of the history — a call, fax, SMS or voicemail (`entryId` / `id` in the
    /// API), e.g. `12345678`. A fax session id is a history entry id.
    #[doc(alias = "entryId")]
    #[doc(alias = "sessionId")]
    HistoryEntryId, example = "12345678"
}

id_type! {
    /// A phone number of the account (`numberId` in the API), a number-like string, e.g.
    /// `1234`. Not the phone number itself.
    #[doc(alias = "numberId")]
    NumberId, example = "1234"
}

id_type! {
    /// A voicemail box (`voicemailId` in the API), e.g. `v0`.
    #[doc(alias = "voicemailId")]
    VoicemailId, example = "v0"
}

id_type! {
    /// An IVR, the voice menu of the account (an extension with the letter `h`), e.g. `h0`;
    /// the `targetId` of an IVR recording call.
    #[doc(alias = "ivrId")]
    IvrId, example = "h0"
}

id_type! {
    /// A stored recording of a voicemail box (`datadId` in the API), a number-like string,
    /// e.g. `1000171`: what a playback call plays. The API documents nothing more about it.
    #[doc(alias = "datadId")]
    RecordingId, example = "1000171"
}

id_type! {
    /// A group of web users (`groupId` in the API), e.g. `g0`.
    #[doc(alias = "groupId")]
    GroupId, example = "g0"
}

id_type! {
    /// Any extension of the account, where the API takes several kinds (`extension` in the
    /// API): a device `e0`/`x0`/`y0`, a phoneline `p0`, an SMS extension `s0`, a fax line `f0`,
    /// a group `g1`, a voicemail `v0` or a web user `w0`.
    #[doc(alias = "extension")]
    ExtensionId, example = "p0"
}

id_type! {
    /// A voicemail or auto-recording greeting (`greetingId` in the API), an opaque string.
    #[doc(alias = "greetingId")]
    GreetingId, example = "g4f8c2a"
}

id_type! {
    /// A notification setting of a web user (`notificationId` in the API), an opaque string.
    #[doc(alias = "notificationId")]
    NotificationId, example = "42"
}

id_type! {
    /// A parallel forwarding of a phoneline (`parallelForwardingId` in the API), e.g. `x0`.
    #[doc(alias = "parallelForwardingId")]
    ParallelForwardingId, example = "x0"
}

id_type! {
    /// An OAuth 2.0 client registered with sipgate (`clientId` in the API), an opaque string.
    #[doc(alias = "clientId")]
    OauthClientId, example = "2556404-0-dc848ec0-7e9e-11e9-b4ce-d38e0b3fa8a5"
}

id_type! {
    /// A postal address of the account (`addressId` in the API), a number-like string, e.g.
    /// `1234`: where a SIM card is sent, the emergency address of a device.
    #[doc(alias = "addressId")]
    #[doc(alias = "emergencyAddressId")]
    AddressId, example = "1234"
}

id_type! {
    /// A SIM card (`simId` in the API), the number printed on the card, e.g. `1234567`: what
    /// activates it for a mobile device.
    #[doc(alias = "simId")]
    SimId, example = "1234567"
}

/// A sender number registered for an SMS extension (`callerId` in the API: the numeric `id` of
/// an `SmsCallerId`), e.g. `7`.
///
/// Unlike the other ids it is a number on the wire (`{"id":7}`, `…/callerids/7`), so it is built
/// from an `i64`; like them it is built explicitly, so a list index or a count never becomes a
/// caller id by accident:
///
/// ```
/// use sipgateio_types::SmsCallerIdId;
///
/// let id = SmsCallerIdId::new(7);
/// assert_eq!(id.get(), 7);
/// assert_eq!(id, 7);
/// assert_eq!(id.to_string(), "7");
/// assert_eq!(format!("{id:?}"), "SmsCallerIdId(7)");
/// assert_eq!(serde_json::to_string(&id)?, "7");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[doc(alias = "callerId")]
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct SmsCallerIdId(i64);

impl SmsCallerIdId {
    /// The id from its numeric form, as sipgate writes it (not validated).
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    /// The id as sipgate writes it.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl ::std::fmt::Display for SmsCallerIdId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Display::fmt(&self.0, f)
    }
}

impl ::std::fmt::Debug for SmsCallerIdId {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_tuple("SmsCallerIdId").field(&self.0).finish()
    }
}

impl From<SmsCallerIdId> for i64 {
    fn from(id: SmsCallerIdId) -> i64 {
        id.0
    }
}

impl PartialEq<i64> for SmsCallerIdId {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn serde_is_transparent() {
        let id = WebuserId::new("w0");
        assert_eq!(serde_json::to_string(&id).expect("serializes"), r#""w0""#);
        let decoded: SmsExtensionId = serde_json::from_str(r#""s0""#).expect("a string");
        assert_eq!(decoded, SmsExtensionId::new("s0"));
        let list: Vec<DeviceId> = serde_json::from_str(r#"["e0","y1"]"#).expect("strings");
        assert_eq!(list, [DeviceId::new("e0"), DeviceId::new("y1")]);
        assert!(serde_json::from_str::<CallId>("42").is_err());
    }

    #[test]
    fn display_debug_and_conversions() {
        let id = FaxlineId::new(String::from("f0"));
        assert_eq!(id.to_string(), "f0");
        assert_eq!(format!("{id:>4}"), "  f0");
        assert_eq!(format!("{id:?}"), r#"FaxlineId("f0")"#);
        assert_eq!(format!("{:?}", WebuserId::new("w0")), r#"WebuserId("w0")"#);
        assert_eq!(id.as_ref(), "f0");
        assert_eq!(id, "f0");
        assert_eq!(id, *"f0");
        assert_eq!(String::from(id.clone()), "f0");
        assert_eq!(id.into_string(), "f0");
    }

    #[test]
    fn the_sms_caller_id_id_is_a_number_on_the_wire() {
        let id: SmsCallerIdId = serde_json::from_str("7").expect("a number");
        assert_eq!(id, SmsCallerIdId::new(7));
        assert_eq!(serde_json::to_string(&id).expect("serializes"), "7");
        assert!(serde_json::from_str::<SmsCallerIdId>(r#""7""#).is_err());
        assert_eq!(format!("{id:>3}"), "  7");
        assert_eq!(format!("{id:?}"), "SmsCallerIdId(7)");
        assert_eq!(i64::from(id), 7);
        assert!(SmsCallerIdId::new(2) < SmsCallerIdId::new(10));
    }

    #[test]
    fn ids_order_and_hash_as_strings() {
        let set: BTreeSet<HistoryEntryId> = ["2", "10", "2"]
            .into_iter()
            .map(HistoryEntryId::new)
            .collect();
        let ordered: Vec<&str> = set.iter().map(HistoryEntryId::as_str).collect();
        assert_eq!(ordered, ["10", "2"]);
    }
}
