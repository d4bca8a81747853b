//! [`FaxStatus`]: where a sent fax is.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The state of a sent fax (`faxStatusType` of its history entry).
///
/// New values the API may add decode as [`FaxStatus::Unknown`] instead of failing.
///
/// ```
/// use sipgateio_fax::FaxStatus;
///
/// assert_eq!(FaxStatus::from("SENT"), FaxStatus::Sent);
/// assert!(FaxStatus::Failed.is_final());
/// assert!(!FaxStatus::Scheduled.is_final());
/// assert_eq!(FaxStatus::from("RETRYING"), FaxStatus::Unknown("RETRYING".into()));
/// assert_eq!(FaxStatus::Pending.as_str(), "PENDING");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaxStatus {
    /// Accepted, waiting to be sent.
    Pending,
    /// Being transmitted.
    Sending,
    /// Transmission failed (final).
    Failed,
    /// Transmitted (final).
    Sent,
    /// Scheduled for later.
    Scheduled,
    /// A value this SDK does not know yet.
    Unknown(String),
}

impl FaxStatus {
    /// The wire value (`PENDING`, `SENDING`, …).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pending => "PENDING",
            Self::Sending => "SENDING",
            Self::Failed => "FAILED",
            Self::Sent => "SENT",
            Self::Scheduled => "SCHEDULED",
            Self::Unknown(other) => other,
        }
    }

    /// Whether the fax is done: [`Sent`](Self::Sent) or [`Failed`](Self::Failed). Unknown
    /// values are not treated as final.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Sent | Self::Failed)
    }
}

impl From<&str> for FaxStatus {
    fn from(value: &str) -> Self {
        match value {
            "PENDING" => Self::Pending,
            "SENDING" => Self::Sending,
            "FAILED" => Self::Failed,
            "SENT" => Self::Sent,
            "SCHEDULED" => Self::Scheduled,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for FaxStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FaxStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FaxStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Self::from(value.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_value_round_trips() {
        for status in [
            FaxStatus::Pending,
            FaxStatus::Sending,
            FaxStatus::Failed,
            FaxStatus::Sent,
            FaxStatus::Scheduled,
            FaxStatus::Unknown("NEW".into()),
        ] {
            let json = serde_json::to_string(&status).expect("serializes");
            assert_eq!(serde_json::from_str::<FaxStatus>(&json).ok(), Some(status));
        }
    }
}
