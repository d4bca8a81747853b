//! `<Response>`: the root of every answer, holding at most one action.

use std::fmt;

use crate::dial::Dial;
use crate::error::{Error, Result};
use crate::gather::Gather;
use crate::play::Play;
use crate::reject::{Hangup, Reject, RejectReason};
use crate::{render, validate};

/// The one action a [`Response`] carries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// `<Dial>`
    Dial(Dial),
    /// `<Play>`
    Play(Play),
    /// `<Gather>`
    Gather(Gather),
    /// `<Reject>`
    Reject(Reject),
    /// `<Hangup/>`
    Hangup(Hangup),
}

impl Action {
    fn validate(&self) -> Result<()> {
        match self {
            Self::Dial(dial) => dial.validate(),
            Self::Play(play) => play.validate(),
            Self::Gather(gather) => gather.validate(),
            Self::Reject(_) | Self::Hangup(_) => Ok(()),
        }
    }
}

macro_rules! action_from {
    ($($verb:ident),*) => {$(
        impl From<$verb> for Action {
            fn from(verb: $verb) -> Self {
                Self::$verb(verb)
            }
        }
    )*};
}
action_from!(Dial, Play, Gather, Reject, Hangup);

/// The XML answer to a sipgate.io webhook: `<Response>` with an optional action and the
/// optional follow-up URLs `onAnswer` and `onHangup`.
///
/// Every constructor that takes free-form values checks them and returns an [`Error`](crate::Error)
/// naming the field, so a `Response` that exists always renders to valid XML that sipgate
/// accepts. Rendering ([`Response::to_xml`], or `Display`) does no I/O and cannot fail.
///
/// ```
/// use sipgateio_xml::{Response, RejectReason};
///
/// assert_eq!(
///     Response::reject(RejectReason::Busy).to_xml(),
///     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n    <Reject reason=\"busy\"/>\n</Response>"
/// );
/// assert_eq!(
///     Response::empty().to_xml(),
///     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response/>"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[doc(alias = "WebhookResponse")]
pub struct Response {
    pub(crate) on_answer: Option<String>,
    pub(crate) on_hangup: Option<String>,
    pub(crate) action: Option<Action>,
}

impl Response {
    /// `<Response/>`: no action, the call proceeds as it would without the webhook.
    pub fn empty() -> Self {
        Self::default()
    }

    /// A response carrying `action`, after checking it.
    pub fn with_action(action: impl Into<Action>) -> Result<Self> {
        let action = action.into();
        action.validate()?;
        Ok(Self {
            action: Some(action),
            ..Self::default()
        })
    }

    /// `<Dial>` as configured.
    pub fn dial(dial: Dial) -> Result<Self> {
        Self::with_action(dial)
    }

    /// Redirect the call to these numbers (1 to 5).
    #[doc(alias = "redirectCall")]
    pub fn redirect<I, S>(numbers: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::dial(Dial::numbers(numbers))
    }

    /// Send the call to the voicemail.
    #[doc(alias = "sendToVoicemail")]
    pub fn voicemail() -> Self {
        Self::from_valid(Action::Dial(Dial::voicemail()))
    }

    /// Play an announcement. Building does no I/O; `sipgateio-webhook` has an explicit helper
    /// that checks the audio file's format.
    #[doc(alias = "playAudio")]
    pub fn play(url: impl Into<String>) -> Result<Self> {
        Self::with_action(Play::new(url))
    }

    /// Collect DTMF digits.
    #[doc(alias = "gatherDTMF")]
    pub fn gather(gather: Gather) -> Result<Self> {
        Self::with_action(gather)
    }

    /// Reject the call.
    #[doc(alias = "rejectCall")]
    pub fn reject(reason: RejectReason) -> Self {
        Self::from_valid(Action::Reject(Reject::new(reason)))
    }

    /// Hang up.
    #[doc(alias = "hangUpCall")]
    pub fn hang_up() -> Self {
        Self::from_valid(Action::Hangup(Hangup))
    }

    fn from_valid(action: Action) -> Self {
        Self {
            action: Some(action),
            ..Self::default()
        }
    }

    /// Ask sipgate to post an `answer` event for this call to `url`.
    pub fn on_answer(mut self, url: impl Into<String>) -> Result<Self> {
        let url = url.into();
        validate::url("onAnswer", &url)?;
        self.on_answer = Some(url);
        Ok(self)
    }

    /// Ask sipgate to post a `hangup` event for this call to `url`.
    pub fn on_hangup(mut self, url: impl Into<String>) -> Result<Self> {
        let url = url.into();
        validate::url("onHangup", &url)?;
        self.on_hangup = Some(url);
        Ok(self)
    }

    /// Set the `onData` URL of the [`Gather`] this response carries.
    ///
    /// Only a `<Gather>` has an `onData` URL: on any other response this is an
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming `onData`, so a URL never goes
    /// missing unnoticed.
    ///
    /// ```
    /// use sipgateio_xml::{Gather, Response};
    ///
    /// let menu = Response::gather(Gather::new())?.on_data("https://example.com/dtmf")?;
    /// assert!(menu.to_xml().contains(r#"onData="https://example.com/dtmf""#));
    ///
    /// let error = Response::hang_up().on_data("https://example.com/dtmf").unwrap_err();
    /// assert_eq!(error.field(), Some("onData"));
    /// # Ok::<(), sipgateio_xml::Error>(())
    /// ```
    pub fn on_data(mut self, url: impl Into<String>) -> Result<Self> {
        let Some(Action::Gather(gather)) = &mut self.action else {
            let carried = match &self.action {
                None => "no action",
                Some(Action::Dial(_)) => "a <Dial>",
                Some(Action::Play(_)) => "a <Play>",
                Some(Action::Gather(_)) => "a <Gather>",
                Some(Action::Reject(_)) => "a <Reject>",
                Some(Action::Hangup(_)) => "a <Hangup>",
            };
            return Err(Error::invalid_input(
                "onData",
                format!("only a <Gather> takes an onData URL (this response carries {carried})"),
            ));
        };
        let url = url.into();
        validate::url("onData", &url)?;
        gather.on_data = Some(url);
        Ok(self)
    }

    /// The `onAnswer` URL, if set.
    pub fn on_answer_url(&self) -> Option<&str> {
        self.on_answer.as_deref()
    }

    /// The `onHangup` URL, if set.
    pub fn on_hangup_url(&self) -> Option<&str> {
        self.on_hangup.as_deref()
    }

    /// The action, if any.
    pub fn action(&self) -> Option<&Action> {
        self.action.as_ref()
    }

    /// Render the XML document: the declaration, then `<Response>` indented by 4 spaces per
    /// level, no trailing newline. Deterministic: the same response always gives the same bytes.
    pub fn to_xml(&self) -> String {
        render::to_xml(self)
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_xml())
    }
}

impl From<Hangup> for Response {
    fn from(_: Hangup) -> Self {
        Self::hang_up()
    }
}

impl From<Reject> for Response {
    fn from(reject: Reject) -> Self {
        Self::reject(reject.reason)
    }
}
