//! The sandbox's in-memory account state, shared by the routes, the simulator and the
//! inspection helpers.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::auth::Credentials;
use crate::model::{
    Call, Contact, Device, Faxline, HistoryEntry, InitiatedCall, Number, SentFax, SentSms,
    SmsExtension, User, Voicemail, WebhookSettings,
};
use crate::signing::WebhookSigner;

/// Account facts returned by `/authorization/userinfo`.
#[derive(Debug, Clone)]
pub(crate) struct AccountInfo {
    pub(crate) authenticated_user: String,
    pub(crate) domain: String,
    pub(crate) master_sip_id: String,
    pub(crate) locale: String,
}

/// Everything the sandbox knows; guarded by one mutex (never held across an `.await`).
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) account: AccountInfo,
    pub(crate) no_credit: bool,
    pub(crate) sipgateio_booked: bool,
    pub(crate) failing_fax_recipient: Option<String>,
    pub(crate) fax_step: Option<Duration>,
    pub(crate) users: Vec<User>,
    pub(crate) phonelines: Vec<(String, String, String)>,
    pub(crate) devices: Vec<Device>,
    pub(crate) sms_extensions: Vec<SmsExtension>,
    pub(crate) faxlines: Vec<Faxline>,
    pub(crate) numbers: Vec<Number>,
    pub(crate) voicemails: Vec<Voicemail>,
    pub(crate) contacts: Vec<Contact>,
    pub(crate) history: Vec<HistoryEntry>,
    pub(crate) calls: Vec<Call>,
    pub(crate) settings: WebhookSettings,
    pub(crate) sent_sms: Vec<SentSms>,
    pub(crate) faxes: Vec<SentFax>,
    pub(crate) initiated_calls: Vec<InitiatedCall>,
    /// `/blacklist/incoming`.
    pub(crate) blacklist: Vec<crate::routes::IncomingEntry>,
    /// The simulator's pushes, oldest first, for `GET /log/webhooks`.
    pub(crate) webhook_log: Vec<serde_json::Value>,
    pub(crate) next_id: u64,
    /// Items the long tail deleted (`Device/e0`): later requests for them are 404, and their
    /// ids are not handed out again.
    pub(crate) removed: std::collections::HashSet<String>,
}

impl State {
    /// A fresh numeric id (history entries, sessions, contacts).
    pub(crate) fn next_id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    /// Whether a web user exists.
    pub(crate) fn has_user(&self, id: &str) -> bool {
        self.users.iter().any(|u| u.id == id)
    }

    /// Name of the phoneline or user an extension belongs to, for history aliases.
    pub(crate) fn alias_of_number(&self, number: &str) -> String {
        let wanted = crate::http::digits(number);
        self.numbers
            .iter()
            .find(|n| crate::http::digits(&n.number) == wanted)
            .map(|n| n.endpoint_alias.clone())
            .or_else(|| {
                self.contacts
                    .iter()
                    .find(|c| {
                        c.numbers
                            .iter()
                            .any(|n| crate::http::digits(&n.number) == wanted)
                    })
                    .map(|c| c.name.clone())
            })
            .unwrap_or_default()
    }

    /// Brings a sent fax's status up to date: one step per status poll (`count_poll`) or per
    /// elapsed `fax_step`, whichever is further. PENDING → SENDING → SENT (or FAILED).
    pub(crate) fn advance_fax(&mut self, index: usize, count_poll: bool) {
        let step = self.fax_step;
        let Some(entry) = self.history.get_mut(index) else {
            return;
        };
        let Some(progress) = entry.fax_progress.as_mut() else {
            return;
        };
        let by_time = step
            .filter(|s| !s.is_zero())
            .map(|s| (progress.started.elapsed().as_millis() / s.as_millis().max(1)) as u32)
            .unwrap_or(0);
        let stage = progress.polls.max(by_time).min(2);
        if count_poll {
            progress.polls = progress.polls.saturating_add(1);
        }
        let status = match stage {
            0 => "PENDING",
            1 => "SENDING",
            _ if progress.fails => "FAILED",
            _ => "SENT",
        };
        if entry.fax_status_type.as_deref() != Some(status) {
            entry.fax_status_type = Some(status.to_owned());
            entry.last_modified = chrono::Utc::now();
            if status == "FAILED" {
                entry.status = "NOPICKUP".to_owned();
            }
        }
        let id = entry.id.clone();
        if let Some(fax) = self.faxes.iter_mut().find(|f| f.session_id == id) {
            fax.status = status.to_owned();
        }
    }

    /// Back to the seeded account (the inspector's reset button). The switches — no credit,
    /// sipgate.io booked, the failing fax number, the fax step — stay as they are.
    pub(crate) fn reset(&mut self) {
        let mut fresh = crate::seed::account();
        fresh.no_credit = self.no_credit;
        fresh.sipgateio_booked = self.sipgateio_booked;
        fresh.failing_fax_recipient = self.failing_fax_recipient.take();
        fresh.fax_step = self.fax_step;
        *self = fresh;
    }

    /// Updates every sent fax's status by elapsed time (without counting a poll).
    pub(crate) fn advance_all_faxes(&mut self) {
        for index in 0..self.history.len() {
            self.advance_fax(index, false);
        }
    }
}

/// What every request handler sees.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) state: Mutex<State>,
    pub(crate) credentials: Credentials,
    /// The OAuth 2 authorization server: its client and the sign-ins.
    pub(crate) oauth: crate::oauth::OauthServer,
    pub(crate) signer: WebhookSigner,
    /// What happened, for the inspector's live feed.
    pub(crate) events: crate::events::EventBus,
    /// The webhook client, built on first use (loading the system's CA roots is slow).
    pub(crate) http: std::sync::OnceLock<reqwest::Client>,
    /// The state file, when the state lasts beyond the process.
    pub(crate) persist: Option<crate::persist::Persistence>,
    /// How long a request naming the slow test number waits (`crate::failures::SLOW`).
    pub(crate) slow_answer: std::time::Duration,
    /// The long tail served from the API description, and strict mode.
    pub(crate) described: crate::described::Described,
}

impl Shared {
    /// The HTTP client for webhook pushes.
    pub(crate) fn http(&self) -> Result<&reqwest::Client, String> {
        if let Some(client) = self.http.get() {
            return Ok(client);
        }
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(|e| format!("cannot build the webhook HTTP client: {e}"))?;
        Ok(self.http.get_or_init(|| client))
    }

    /// Tells the state file's saver (if any) that the account changed.
    pub(crate) fn mark_changed(&self) {
        if let Some(persist) = &self.persist {
            persist.mark_changed();
        }
    }

    /// Locks the state; a poisoned lock (a panicked handler) is recovered, the data is plain.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The axum state type.
pub(crate) type AppState = Arc<Shared>;
