//! What happened during a simulated call.

use serde::{Deserialize, Serialize};

use super::xml::{Action, XmlAnswer};

/// One webhook request sipgate sent, and what came back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Step {
    /// `newCall`, `answer`, `dtmf` or `hangup`.
    pub event: String,
    /// Where it was posted.
    pub url: String,
    /// The exact form-urlencoded body.
    pub body: String,
    /// The `X-Sipgate-Signature` header (base64 RSA-SHA256 over `body`).
    pub signature: String,
    /// The HTTP status of the answer (`None` if the request failed).
    pub status: Option<u16>,
    /// The answer's `Content-Type`.
    pub content_type: Option<String>,
    /// The answer's body.
    pub response_body: String,
    /// The parsed XML answer, when sipgate would have used it.
    pub answer: Option<XmlAnswer>,
    /// Why the answer was not used (transport error, status, content type, bad XML).
    pub error: Option<String>,
    /// Things sipgate would tolerate but that look wrong (e.g. a second action).
    pub warnings: Vec<String>,
    /// Whether the app failed this push: it could not be reached, answered with a status
    /// outside 200–299, or answered `newCall`/`dtmf` (whose answers sipgate follows) with
    /// something that is not a usable XML answer. [`error`](Self::error) says what went
    /// wrong. A failed push makes the simulation an error
    /// ([`SimulationError::AppFailed`](crate::SimulationError::AppFailed)).
    #[serde(default)]
    pub failed: bool,
}

impl Step {
    /// The decoded form fields of the request, in order.
    pub fn fields(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.body.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The first value of a form field.
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The action of the answer, if it was used.
    pub fn action(&self) -> Option<&Action> {
        self.answer.as_ref().and_then(|a| a.action.as_ref())
    }
}

/// The whole simulated call.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Transcript {
    /// The call id used in every event (also the RTCM call id while established).
    pub call_id: String,
    /// Every webhook request in order.
    pub steps: Vec<Step>,
    /// The number that answered, if a person did.
    pub answered_by: Option<String>,
    /// Whether the voicemail took the call.
    pub voicemail: bool,
    /// `<Play>` URLs played to the caller (including `<Gather>` prompts).
    pub played: Vec<String>,
    /// The `<Reject>` reason, if the call was rejected.
    pub rejected: Option<String>,
    /// The hangup cause (`normalClearing`, `busy`, `noAnswer`, `forwarded`, …).
    pub hangup_cause: String,
    /// Whether webhooks were pushed at all (not when sipgate.io is not booked or the
    /// whitelist excludes the line).
    pub pushed: bool,
}

impl Transcript {
    /// The event names sent, in order (e.g. `["newCall", "dtmf", "answer", "hangup"]`).
    pub fn events(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.event.as_str()).collect()
    }

    /// The first step of an event.
    pub fn step(&self, event: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.event == event)
    }

    /// The pushes the app failed ([`Step::failed`]), in order.
    pub fn failures(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.failed)
    }

    /// Whether the app failed any push.
    pub fn failed(&self) -> bool {
        self.steps.iter().any(|s| s.failed)
    }
}
