//! State that lasts: the account saved to a JSON file (`SandboxConfig::state_file`,
//! `sipgateio-sandbox --state FILE`) and loaded on the next start.
//!
//! The file holds the account data, the credentials and the OAuth client with its sign-ins
//! (SHA-256 digests of the tokens, never a token in clear) — not the switches (no credit,
//! sipgate.io booked, the failing fax number, the fax step), which the command line or the
//! configuration sets at each start. It is written atomically (a temporary file beside it,
//! then a rename) with owner-only permissions on Unix, a short while after each change and
//! when the sandbox stops.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::Notify;

use crate::auth::Credentials;
use crate::model::{
    Call, Contact, Device, FaxProgress, Faxline, HistoryEntry, InitiatedCall, Number, SentFax,
    SentSms, SmsCallerId, SmsExtension, User, Voicemail, WebhookSettings,
};
use crate::routes::IncomingEntry;
use crate::state::{AccountInfo, Shared, State};

/// The version of the file format; a file of another version is refused, not misread.
const FORMAT: u32 = 1;

/// How long the saver waits after a change before writing, so a burst of requests is one
/// write.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(300);

/// The state file of a running sandbox and its change signal.
#[derive(Debug)]
pub(crate) struct Persistence {
    path: PathBuf,
    /// Signalled after every change (a permit is kept while no saver waits).
    changed: Notify,
    /// One save at a time (the debounced saver and the final save on stop).
    writing: Mutex<()>,
}

impl Persistence {
    pub(crate) fn new(path: PathBuf) -> Self {
        Self {
            path,
            changed: Notify::new(),
            writing: Mutex::new(()),
        }
    }

    /// The file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Tells the saver that the state changed.
    pub(crate) fn mark_changed(&self) {
        self.changed.notify_one();
    }

    /// Waits for the next change.
    pub(crate) async fn next_change(&self) {
        self.changed.notified().await;
    }

    /// Writes the state now: serialized under the lock, written outside it.
    pub(crate) fn save(&self, shared: &Shared) -> Result<(), String> {
        let mut snapshot = Snapshot::of(&shared.lock(), &shared.credentials);
        snapshot.oauth = Some(shared.oauth.stored());
        snapshot.long_tail = Some(shared.described.saved());
        let json = serde_json::to_vec_pretty(&snapshot)
            .map_err(|e| format!("cannot serialize the state: {e}"))?;
        let _one_at_a_time = self
            .writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        write_atomically(&self.path, &json)
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// What a state file gave back.
pub(crate) struct Loaded {
    pub(crate) credentials: Credentials,
    /// The OAuth client and its sign-ins (absent in files of sandboxes without OAuth).
    pub(crate) oauth: Option<crate::oauth::StoredOauth>,
    /// What the long tail stored.
    pub(crate) long_tail: Option<Value>,
}

/// Reads the state file into `state` (seeded before); `Ok(None)` when there is no file yet.
pub(crate) fn load(path: &Path, state: &mut State) -> Result<Option<Loaded>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    let snapshot: Snapshot = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        format!(
            "not a sandbox state file (at `{}`: {})",
            e.path(),
            e.inner()
        )
    })?;
    if snapshot.format != FORMAT {
        return Err(format!(
            "format {} is not the format {FORMAT} this sandbox reads",
            snapshot.format
        ));
    }
    Ok(Some(snapshot.apply(state)))
}

/// Writes `bytes` to a temporary file beside `path` (owner-only on Unix), flushes it to disk
/// and renames it over `path`, so a reader never sees half a file.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".to_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = owner_only().open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Options that create (or truncate) a file readable and writable by its owner only.
pub(crate) fn owner_only() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Marks the state changed after every request that may change it (any method but GET and
/// HEAD), so the saver writes it.
pub(crate) async fn track_changes(
    axum::extract::State(shared): axum::extract::State<crate::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let reads = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let response = next.run(request).await;
    if !reads {
        shared.mark_changed();
    }
    response
}

/// The file's content.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Snapshot {
    format: u32,
    saved_at: DateTime<Utc>,
    credentials: StoredCredentials,
    account: StoredAccount,
    users: Vec<User>,
    phonelines: Vec<StoredPhoneline>,
    devices: Vec<Owned<Device>>,
    sms_extensions: Vec<StoredSmsExtension>,
    faxlines: Vec<Owned<Faxline>>,
    numbers: Vec<Number>,
    voicemails: Vec<Voicemail>,
    contacts: Vec<Contact>,
    history: Vec<StoredHistoryEntry>,
    calls: Vec<StoredCall>,
    settings: WebhookSettings,
    sent_sms: Vec<StoredSms>,
    faxes: Vec<StoredFax>,
    initiated_calls: Vec<StoredInitiatedCall>,
    blacklist: Vec<IncomingEntry>,
    webhook_log: Vec<Value>,
    next_id: u64,
    /// Items the long tail deleted (`Device/e0`; absent in older files).
    #[serde(default)]
    removed: Vec<String>,
    /// The OAuth client and its sign-ins (`null` in memory-only snapshots).
    #[serde(default)]
    oauth: Option<crate::oauth::StoredOauth>,
    /// What the long tail stored (settings, created items of collections the state has no
    /// place for); absent in older files and memory-only snapshots.
    #[serde(default)]
    long_tail: Option<Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCredentials {
    token_id: String,
    token: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredAccount {
    authenticated_user: String,
    domain: String,
    master_sip_id: String,
    locale: String,
}

#[derive(Serialize, Deserialize)]
struct StoredPhoneline {
    id: String,
    alias: String,
    owner: String,
}

/// A model whose owner the API does not show.
#[derive(Serialize, Deserialize)]
struct Owned<T> {
    #[serde(flatten)]
    item: T,
    owner: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCallerId {
    #[serde(flatten)]
    caller_id: SmsCallerId,
    verification_code: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredSmsExtension {
    #[serde(flatten)]
    extension: SmsExtension,
    owner: String,
    caller_ids: Vec<StoredCallerId>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredFaxProgress {
    polls: u32,
    fails: bool,
    /// How long the fax had been under way, so its time steps go on after a restart.
    elapsed_ms: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredHistoryEntry {
    #[serde(flatten)]
    entry: HistoryEntry,
    fax_progress: Option<StoredFaxProgress>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCall {
    #[serde(flatten)]
    call: Call,
    announcements: Vec<String>,
    dtmf: Vec<String>,
    recording_announcement: bool,
    transferred_to: Option<(String, bool)>,
    ended: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredSms {
    sms_id: String,
    recipient: String,
    message: String,
    send_at: Option<DateTime<Utc>>,
    sender: String,
    history_id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredFax {
    session_id: String,
    faxline_id: String,
    recipient: String,
    filename: String,
    /// The PDF, base64.
    content: String,
    status: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredInitiatedCall {
    session_id: String,
    caller: String,
    callee: String,
    device_id: Option<String>,
    caller_id: Option<String>,
}

impl Snapshot {
    /// The account data of `state`. Every field of [`State`] is named here, so a new one
    /// cannot be forgotten: the switches are left out on purpose.
    fn of(state: &State, credentials: &Credentials) -> Self {
        let State {
            account,
            no_credit: _,
            sipgateio_booked: _,
            failing_fax_recipient: _,
            fax_step: _,
            users,
            phonelines,
            devices,
            sms_extensions,
            faxlines,
            numbers,
            voicemails,
            contacts,
            history,
            calls,
            settings,
            sent_sms,
            faxes,
            initiated_calls,
            blacklist,
            webhook_log,
            next_id,
            removed,
        } = state;
        Self {
            format: FORMAT,
            saved_at: Utc::now(),
            credentials: StoredCredentials {
                token_id: credentials.token_id().to_owned(),
                token: credentials.token().to_owned(),
            },
            account: StoredAccount {
                authenticated_user: account.authenticated_user.clone(),
                domain: account.domain.clone(),
                master_sip_id: account.master_sip_id.clone(),
                locale: account.locale.clone(),
            },
            users: users.clone(),
            phonelines: phonelines
                .iter()
                .map(|(id, alias, owner)| StoredPhoneline {
                    id: id.clone(),
                    alias: alias.clone(),
                    owner: owner.clone(),
                })
                .collect(),
            devices: devices
                .iter()
                .map(|d| Owned {
                    owner: d.owner.clone(),
                    item: d.clone(),
                })
                .collect(),
            sms_extensions: sms_extensions
                .iter()
                .map(|e| StoredSmsExtension {
                    owner: e.owner.clone(),
                    caller_ids: e
                        .caller_ids
                        .iter()
                        .map(|c| StoredCallerId {
                            verification_code: c.verification_code.clone(),
                            caller_id: c.clone(),
                        })
                        .collect(),
                    extension: e.clone(),
                })
                .collect(),
            faxlines: faxlines
                .iter()
                .map(|f| Owned {
                    owner: f.owner.clone(),
                    item: f.clone(),
                })
                .collect(),
            numbers: numbers.clone(),
            voicemails: voicemails.clone(),
            contacts: contacts.clone(),
            history: history
                .iter()
                .map(|entry| StoredHistoryEntry {
                    fax_progress: entry.fax_progress.as_ref().map(|p| StoredFaxProgress {
                        polls: p.polls,
                        fails: p.fails,
                        elapsed_ms: u64::try_from(p.started.elapsed().as_millis())
                            .unwrap_or(u64::MAX),
                    }),
                    entry: entry.clone(),
                })
                .collect(),
            calls: calls
                .iter()
                .map(|call| StoredCall {
                    announcements: call.announcements.clone(),
                    dtmf: call.dtmf.clone(),
                    recording_announcement: call.recording_announcement,
                    transferred_to: call.transferred_to.clone(),
                    ended: call.ended.clone(),
                    call: call.clone(),
                })
                .collect(),
            settings: settings.clone(),
            sent_sms: sent_sms
                .iter()
                .map(|sms| StoredSms {
                    sms_id: sms.sms_id.clone(),
                    recipient: sms.recipient.clone(),
                    message: sms.message.clone(),
                    send_at: sms.send_at,
                    sender: sms.sender.clone(),
                    history_id: sms.history_id.clone(),
                })
                .collect(),
            faxes: faxes
                .iter()
                .map(|fax| StoredFax {
                    session_id: fax.session_id.clone(),
                    faxline_id: fax.faxline_id.clone(),
                    recipient: fax.recipient.clone(),
                    filename: fax.filename.clone(),
                    content: STANDARD.encode(&fax.content),
                    status: fax.status.clone(),
                })
                .collect(),
            initiated_calls: initiated_calls
                .iter()
                .map(|call| StoredInitiatedCall {
                    session_id: call.session_id.clone(),
                    caller: call.caller.clone(),
                    callee: call.callee.clone(),
                    device_id: call.device_id.clone(),
                    caller_id: call.caller_id.clone(),
                })
                .collect(),
            blacklist: blacklist.clone(),
            webhook_log: webhook_log.clone(),
            next_id: *next_id,
            removed: {
                let mut removed: Vec<String> = removed.iter().cloned().collect();
                removed.sort();
                removed
            },
            oauth: None,
            long_tail: None,
        }
    }

    /// Puts the stored account into `state`, keeping its switches.
    fn apply(self, state: &mut State) -> Loaded {
        let Self {
            format: _,
            saved_at: _,
            credentials,
            account,
            users,
            phonelines,
            devices,
            sms_extensions,
            faxlines,
            numbers,
            voicemails,
            contacts,
            history,
            calls,
            settings,
            sent_sms,
            faxes,
            initiated_calls,
            blacklist,
            webhook_log,
            next_id,
            removed,
            oauth,
            long_tail,
        } = self;
        state.account = AccountInfo {
            authenticated_user: account.authenticated_user,
            domain: account.domain,
            master_sip_id: account.master_sip_id,
            locale: account.locale,
        };
        state.users = users;
        state.phonelines = phonelines
            .into_iter()
            .map(|p| (p.id, p.alias, p.owner))
            .collect();
        state.devices = devices
            .into_iter()
            .map(|Owned { mut item, owner }| {
                item.owner = owner;
                item
            })
            .collect();
        state.sms_extensions = sms_extensions
            .into_iter()
            .map(|stored| {
                let mut extension = stored.extension;
                extension.owner = stored.owner;
                extension.caller_ids = stored
                    .caller_ids
                    .into_iter()
                    .map(|c| {
                        let mut caller_id = c.caller_id;
                        caller_id.verification_code = c.verification_code;
                        caller_id
                    })
                    .collect();
                extension
            })
            .collect();
        state.faxlines = faxlines
            .into_iter()
            .map(|Owned { mut item, owner }| {
                item.owner = owner;
                item
            })
            .collect();
        state.numbers = numbers;
        state.voicemails = voicemails;
        state.contacts = contacts;
        let now = Instant::now();
        state.history = history
            .into_iter()
            .map(|stored| {
                let mut entry = stored.entry;
                entry.fax_progress = stored.fax_progress.map(|p| FaxProgress {
                    polls: p.polls,
                    fails: p.fails,
                    started: now
                        .checked_sub(Duration::from_millis(p.elapsed_ms))
                        .unwrap_or(now),
                });
                entry
            })
            .collect();
        state.calls = calls
            .into_iter()
            .map(|stored| {
                let mut call = stored.call;
                call.announcements = stored.announcements;
                call.dtmf = stored.dtmf;
                call.recording_announcement = stored.recording_announcement;
                call.transferred_to = stored.transferred_to;
                call.ended = stored.ended;
                call
            })
            .collect();
        state.settings = settings;
        state.sent_sms = sent_sms
            .into_iter()
            .map(|sms| SentSms {
                sms_id: sms.sms_id,
                recipient: sms.recipient,
                message: sms.message,
                send_at: sms.send_at,
                sender: sms.sender,
                history_id: sms.history_id,
            })
            .collect();
        state.faxes = faxes
            .into_iter()
            .map(|fax| SentFax {
                session_id: fax.session_id,
                faxline_id: fax.faxline_id,
                recipient: fax.recipient,
                filename: fax.filename,
                // Written by `of` from bytes; a hand-edited file with bad base64 keeps an
                // empty document rather than refusing the whole state.
                content: STANDARD.decode(fax.content).unwrap_or_default(),
                status: fax.status,
            })
            .collect();
        state.initiated_calls = initiated_calls
            .into_iter()
            .map(|call| InitiatedCall {
                session_id: call.session_id,
                caller: call.caller,
                callee: call.callee,
                device_id: call.device_id,
                caller_id: call.caller_id,
            })
            .collect();
        state.blacklist = blacklist;
        state.webhook_log = webhook_log;
        state.next_id = next_id;
        state.removed = removed.into_iter().collect();
        Loaded {
            credentials: Credentials::new(credentials.token_id, credentials.token),
            oauth,
            long_tail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_round_trips_every_field_the_api_hides() {
        let mut state = crate::seed::account();
        state.sms_extensions[0].caller_ids[0].verification_code = "123456".into();
        state.faxes.push(SentFax {
            session_id: "7".into(),
            faxline_id: "f0".into(),
            recipient: "+4921100000001".into(),
            filename: "a.pdf".into(),
            content: b"%PDF-1.4".to_vec(),
            status: "SENDING".into(),
        });
        let mut entry = HistoryEntry::new("7".into(), "FAX", "OUTGOING", Utc::now());
        entry.fax_progress = Some(FaxProgress {
            polls: 1,
            started: Instant::now(),
            fails: true,
        });
        state.history.push(entry);
        state.calls.push(crate::routes::calls::established(
            "C1",
            "+4921100000000",
            "+4915700000001",
        ));
        state.calls[0].dtmf.push("12".into());
        state.calls[0].transferred_to = Some(("+4921100000001".into(), true));
        let credentials = Credentials::new("token-ABC123", "secret");
        let json = serde_json::to_vec(&Snapshot::of(&state, &credentials)).expect("serializes");

        let mut back = crate::seed::account();
        back.contacts.clear();
        let snapshot: Snapshot = serde_json::from_slice(&json).expect("deserializes");
        let loaded = snapshot.apply(&mut back);
        assert_eq!(loaded.credentials, credentials);
        assert_eq!(back.contacts, state.contacts);
        assert_eq!(back.devices[0].owner, state.devices[0].owner);
        assert_eq!(back.faxlines[0].owner, "w0");
        assert_eq!(back.sms_extensions[0].owner, "w0");
        assert_eq!(
            back.sms_extensions[0].caller_ids[0].verification_code,
            "123456"
        );
        assert_eq!(back.faxes[0].content, b"%PDF-1.4");
        let progress = back.history.last().and_then(|e| e.fax_progress.as_ref());
        assert!(progress.is_some_and(|p| p.polls == 1 && p.fails));
        assert_eq!(back.calls[0].dtmf, ["12"]);
        assert_eq!(
            back.calls[0].transferred_to,
            Some(("+4921100000001".to_owned(), true))
        );
        assert_eq!(back.next_id, state.next_id);
        // A second round gives the same document (nothing is lost or invented).
        let again = Snapshot::of(&back, &credentials);
        let first: Value = serde_json::from_slice(&json).expect("json");
        let mut second = serde_json::to_value(&again).expect("json");
        second["savedAt"] = first["savedAt"].clone();
        for (a, b) in first["history"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(second["history"].as_array_mut().into_iter().flatten())
        {
            // Elapsed time moves on; everything else is equal.
            if let (Some(_), Some(p)) = (a.get("faxProgress"), b.get_mut("faxProgress"))
                && !p.is_null()
            {
                p["elapsedMs"] = a["faxProgress"]["elapsedMs"].clone();
            }
        }
        assert_eq!(first, second);
    }

    #[test]
    fn other_formats_and_other_files_are_refused_with_the_reason() {
        let dir = std::env::temp_dir().join(format!("sandbox-persist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("state.json");
        let mut state = crate::seed::account();
        assert!(matches!(
            load(&dir.join("missing.json"), &mut state),
            Ok(None)
        ));
        std::fs::write(&path, "{\"users\": 1}").expect("write");
        let error = load(&path, &mut state).err().unwrap_or_default();
        assert!(error.contains("not a sandbox state file"), "{error}");
        let mut json = serde_json::to_value(Snapshot::of(
            &state,
            &Credentials::new("token-ABC123", "secret"),
        ))
        .expect("json");
        json["format"] = 99.into();
        std::fs::write(&path, json.to_string()).expect("write");
        let error = load(&path, &mut state).err().unwrap_or_default();
        assert!(error.contains("format 99"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_written_whole_and_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = std::env::temp_dir().join(format!("sandbox-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("state.json");
        write_atomically(&path, b"first").expect("written");
        write_atomically(&path, b"second").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
