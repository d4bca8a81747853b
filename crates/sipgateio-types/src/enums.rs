//! Wire enums that mean the same in several parts of the API.

crate::wire_enum! {
    /// The state of a sent fax (`faxStatusType` of its history entry, and what the fax
    /// status endpoint reports).
    ///
    /// ```
    /// use sipgateio_types::FaxStatus;
    ///
    /// assert_eq!(FaxStatus::from("SENT"), FaxStatus::Sent);
    /// assert!(FaxStatus::Failed.is_final());
    /// assert!(!FaxStatus::Scheduled.is_final());
    /// assert_eq!(FaxStatus::from("RETRYING"), FaxStatus::Unknown("RETRYING".into()));
    /// assert_eq!(FaxStatus::Pending.as_str(), "PENDING");
    /// ```
    #[doc(alias = "faxStatusType")]
    pub enum FaxStatus {
        /// Accepted, waiting to be sent.
        Pending = "PENDING",
        /// Being transmitted.
        Sending = "SENDING",
        /// Transmission failed (final).
        Failed = "FAILED",
        /// Transmitted (final).
        Sent = "SENT",
        /// Scheduled for later.
        Scheduled = "SCHEDULED",
    }
}

impl FaxStatus {
    /// Whether the fax is done: [`Sent`](Self::Sent) or [`Failed`](Self::Failed). Unknown
    /// values are not treated as final.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Sent | Self::Failed)
    }
}

crate::wire_enum! {
    /// The kind of an endpoint: an extension of the account together with what it is
    /// (`belongsToEndpoint.type` of a voicemail, `endpoints[].endpoint.type` of a history
    /// entry). The extension's first letter matches it (`p0` is a phoneline).
    ///
    /// ```
    /// use sipgateio_types::EndpointType;
    ///
    /// let kinds: Vec<EndpointType> = serde_json::from_str(r#"["USER", "CONFERENCEROOM"]"#)?;
    /// assert_eq!(kinds, [EndpointType::User, EndpointType::Unknown("CONFERENCEROOM".into())]);
    /// assert_eq!(EndpointType::Phoneline.as_str(), "PHONELINE");
    /// assert_eq!(kinds[1].to_string(), "CONFERENCEROOM");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum EndpointType {
        /// An SMS extension (`s…`).
        Sms = "SMS",
        /// A registered VoIP device (`e…`).
        Register = "REGISTER",
        /// An external device (`x…`).
        External = "EXTERNAL",
        /// A fax line (`f…`).
        Fax = "FAX",
        /// A mobile device (`y…`).
        Mobile = "MOBILE",
        /// A group (`g…`).
        Group = "GROUP",
        /// A voicemail box (`v…`).
        Voicemail = "VOICEMAIL",
        /// A phoneline (`p…`).
        Phoneline = "PHONELINE",
        /// A web user (`w…`).
        User = "USER",
    }
}

crate::wire_enum! {
    /// The kind of a device (`type` of a device: `GET /{userId}/devices`, the devices of a
    /// phoneline or group).
    ///
    /// ```
    /// use sipgateio_types::DeviceType;
    ///
    /// let kinds: Vec<DeviceType> = serde_json::from_str(r#"["MOBILE", "DESKTOP_APP"]"#)?;
    /// assert_eq!(kinds, [DeviceType::Mobile, DeviceType::Unknown("DESKTOP_APP".into())]);
    /// assert_eq!(DeviceType::Register.as_str(), "REGISTER");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum DeviceType {
        /// A VoIP phone or softphone registered over SIP (`e…`).
        Register = "REGISTER",
        /// A mobile phone (`y…`).
        Mobile = "MOBILE",
        /// An external phone reached by its number (`x…`).
        External = "EXTERNAL",
    }
}

crate::wire_enum! {
    /// The kind of a phone number of the account (`type` of a number: `GET /numbers`,
    /// the numbers of an address).
    ///
    /// ```
    /// use sipgateio_types::NumberType;
    ///
    /// let kinds: Vec<NumberType> = serde_json::from_str(r#"["LANDLINE", "SATELLITE"]"#)?;
    /// assert_eq!(kinds, [NumberType::Landline, NumberType::Unknown("SATELLITE".into())]);
    /// assert_eq!(NumberType::Quickdial.as_str(), "QUICKDIAL");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum NumberType {
        /// A mobile number.
        Mobile = "MOBILE",
        /// A landline number.
        Landline = "LANDLINE",
        /// A quick-dial (short) number.
        Quickdial = "QUICKDIAL",
        /// An international number.
        International = "INTERNATIONAL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fax_status_round_trips_and_finality() {
        for (status, is_final) in [
            (FaxStatus::Pending, false),
            (FaxStatus::Sending, false),
            (FaxStatus::Failed, true),
            (FaxStatus::Sent, true),
            (FaxStatus::Scheduled, false),
            (FaxStatus::Unknown("SHREDDED".into()), false),
        ] {
            assert_eq!(status.is_final(), is_final, "{status}");
            let json = serde_json::to_string(&status).expect("serializes");
            assert_eq!(serde_json::from_str::<FaxStatus>(&json).ok(), Some(status));
        }
    }

    #[test]
    fn endpoint_device_and_number_types_round_trip() {
        let wire = r#"["SMS","REGISTER","EXTERNAL","FAX","MOBILE","GROUP","VOICEMAIL","PHONELINE","USER","TRUNK"]"#;
        let kinds: Vec<EndpointType> = serde_json::from_str(wire).expect("strings");
        assert_eq!(kinds[8], EndpointType::User);
        assert_eq!(kinds[9], EndpointType::Unknown("TRUNK".into()));
        assert_eq!(serde_json::to_string(&kinds).expect("serializes"), wire);

        let wire = r#"["REGISTER","MOBILE","EXTERNAL","TRUNK"]"#;
        let kinds: Vec<DeviceType> = serde_json::from_str(wire).expect("strings");
        assert_eq!(kinds[2], DeviceType::External);
        assert_eq!(serde_json::to_string(&kinds).expect("serializes"), wire);

        let wire = r#"["MOBILE","LANDLINE","QUICKDIAL","INTERNATIONAL","SATELLITE"]"#;
        let kinds: Vec<NumberType> = serde_json::from_str(wire).expect("strings");
        assert_eq!(kinds[3], NumberType::International);
        assert_eq!(serde_json::to_string(&kinds).expect("serializes"), wire);
    }
}
