//! What the simulated caller and callee do.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Direction of a simulated call, as in the push API's `direction` field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Direction {
    /// An incoming call (`newCall` goes to the incoming URL).
    #[default]
    In,
    /// An outgoing call (`newCall` goes to the outgoing URL).
    Out,
}

impl Direction {
    /// The wire value (`in`/`out`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::In => "in",
            Self::Out => "out",
        }
    }
}

/// How the dialled side reacts when the call rings there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Pickup {
    /// Someone answers (see [`CallScenario::answered_by`]).
    #[default]
    Answer,
    /// Nobody answers (hangup cause `noAnswer`).
    NoAnswer,
    /// The line is busy (hangup cause `busy`).
    Busy,
}

/// A simulated call: who calls whom, who picks up, which digits the caller types.
///
/// ```
/// use std::time::Duration;
/// use sipgateio_sandbox::CallScenario;
///
/// let scenario = CallScenario::incoming("+4915790000001", "+4921100000000")
///     .digits(["1"])
///     .answered_by("+4921100000001")
///     .talk_time(Duration::from_millis(50));
/// assert_eq!(scenario.dtmf, ["1"]);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct CallScenario {
    /// The calling number (`anonymous` for a hidden number).
    pub from: String,
    /// The called number.
    pub to: String,
    /// Incoming or outgoing.
    pub direction: Direction,
    /// Where `newCall` goes; default: the account's incoming/outgoing URL from
    /// `/settings/sipgateio`.
    pub webhook_url: Option<String>,
    /// Which number answers a `<Dial>` (or the normal routing); default: the first target.
    /// A number that is not dialled never answers.
    pub answered_by: Option<String>,
    /// What the dialled side does.
    pub pickup: Pickup,
    /// Digits typed for each `<Gather>` in turn (an exhausted list types nothing: `dtmf=`).
    pub dtmf: Vec<String>,
    /// How long an answered call stays established (RTCM can act on it meanwhile) before
    /// the caller hangs up.
    #[serde(with = "millis")]
    pub talk_time: Duration,
    /// The `diversion` field (originally dialled number), if any.
    pub diversion: Option<String>,
}

mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

impl Default for CallScenario {
    fn default() -> Self {
        Self {
            from: String::new(),
            to: String::new(),
            direction: Direction::In,
            webhook_url: None,
            answered_by: None,
            pickup: Pickup::Answer,
            dtmf: Vec::new(),
            talk_time: Duration::ZERO,
            diversion: None,
        }
    }
}

impl CallScenario {
    /// An incoming call from `from` to one of the account's numbers.
    pub fn incoming(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            ..Self::default()
        }
    }

    /// An outgoing call from one of the account's numbers to `to`.
    pub fn outgoing(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            direction: Direction::Out,
            ..Self::incoming(from, to)
        }
    }

    /// Sends `newCall` here instead of the account's configured URL.
    #[must_use]
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// The number that picks up.
    #[must_use]
    pub fn answered_by(mut self, number: impl Into<String>) -> Self {
        self.answered_by = Some(number.into());
        self.pickup = Pickup::Answer;
        self
    }

    /// Nobody picks up.
    #[must_use]
    pub fn not_answered(mut self) -> Self {
        self.pickup = Pickup::NoAnswer;
        self
    }

    /// The dialled side is busy.
    #[must_use]
    pub fn busy(mut self) -> Self {
        self.pickup = Pickup::Busy;
        self
    }

    /// Digits for successive `<Gather>`s.
    #[must_use]
    pub fn digits<I, S>(mut self, digits: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.dtmf = digits.into_iter().map(Into::into).collect();
        self
    }

    /// How long an answered call lasts.
    #[must_use]
    pub fn talk_time(mut self, duration: Duration) -> Self {
        self.talk_time = duration;
        self
    }

    /// Sets the `diversion` field.
    #[must_use]
    pub fn diversion(mut self, number: impl Into<String>) -> Self {
        self.diversion = Some(number.into());
        self
    }
}
