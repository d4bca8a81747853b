//! An offline sipgate.io look-alike for trying and testing the sipgate.io Rust SDK.
//!
//! The sandbox is an axum server that answers **every operation of sipgate's REST API v2
//! description** (the committed `api/sipgate-api.json`; [`operations`] lists them). The
//! domains with behaviour have hand-written, stateful routes (`/authorization/userinfo`,
//! `/users`, SMS, fax, calls, RTCM `/calls`, history, numbers, voicemails, devices,
//! `/settings/sipgateio`, contacts, `/account`, `/balance`, the phonelines,
//! `/blacklist/incoming`, `/log/webhooks`) with sipgate's paths, JSON shapes and status codes;
//! the long tail (device and fax-line administration, routing, OAuth clients, …) is served
//! from the description itself: requests are checked against its schemas, what a `POST` to a
//! collection creates or a `PUT` stores is what later `GET`s return (until the sandbox stops:
//! the state file does not keep it), and answers fit the response schema. The hand-written
//! routes are backed by in-memory state seeded with a realistic account (web users `w0`/`w1`,
//! devices `e0`/`x0`/`y0`, phonelines `p0`/`p1`, SMS extension `s0`, fax line `f0`, numbers and
//! voicemails). It also plays sipgate's part in a call: [`Sandbox::simulate_call`] posts signed
//! `newCall`/`dtmf`/`answer`/`hangup` webhooks to your app and follows its XML answers.
//!
//! It is a second, independent opinion about the wire format: it is written from sipgate's API
//! documentation, not from the SDK's model types, and depends on no SDK crate.
//!
//! # Rules it enforces (like sipgate)
//! - 401 without HTTP Basic credentials of the generated token pair ([`Sandbox::token_id`],
//!   [`Sandbox::token`]) or a live `Bearer` access token of its OAuth server.
//! - 400 for malformed JSON, missing or invalid fields (the body's `detail` names the field);
//!   415 for a body that is not sent as JSON.
//! - Strict mode ([`SandboxConfig::strict`](SandboxConfig::strict())) checks every request
//!   against the description and also refuses unknown fields and query parameters: a contract
//!   check for an SDK's tests.
//! - 402 for paid actions (SMS, fax, calls, adding a caller id) in "no credit" mode.
//! - 403 for an SMS extension not in the account, sipgate.io not booked, calls from foreign
//!   devices; 404 for unknown users, fax lines, history entries, contacts and calls.
//! - 204 for mutations without a body (RTCM, history updates, contacts, settings, SMS).
//!
//! Error bodies are `{"errors":[{"status","title","detail"}]}` as in sipgate's OpenAPI schema
//! (`status` an integer, as the schema declares it); a request refused by the description also
//! names the field in `"source": {"pointer": "/field"}`.
//!
//! # Behaviour worth knowing
//! - A sent fax is the history entry `GET /history/{sessionId}`; each such poll moves it one step
//!   PENDING → SENDING → SENT (or FAILED for [`SandboxConfig::failing_fax_recipient`]), and so
//!   does each [`SandboxConfig::fax_step`] of elapsed time.
//! - SMS, faxes, initiated calls and simulated calls appear in the history.
//! - CORS: every `/v2` answer allows any origin and preflights are answered without
//!   credentials, so a browser page (a wasm build of the SDK) can call the sandbox.
//! - `POST /sessions/calls` establishes the call at once (call id = session id) so RTCM works
//!   on it; a simulated call is established while answered (see [`CallScenario::talk_time`]).
//! - Adding an SMS caller id "sends" a verification code: read it with
//!   [`Sandbox::verification_code`].
//! - sipgate has no vCard import endpoint; CSV import creates PRIVATE contacts.
//! - Every push of the call simulator is listed in `GET /log/webhooks` (newest first, with
//!   the request body, the answer and the error sipgate would show).
//! - In the call simulator, a `<Play>` answer plays the announcement and the call then
//!   continues as it would have without it (it rings at the dialled number), as sipgate's push
//!   API documentation says; hang up or transfer through RTCM to end it after the announcement.
//! - When your app fails a push (not reachable, a status outside 200–299, an unusable XML
//!   answer), the call goes on as sipgate would carry it on, and [`Sandbox::simulate_call`]
//!   returns [`SimulationError::AppFailed`] with the transcript: a broken app cannot pass
//!   unnoticed.
//!
//! # Failures on demand
//! Reserved test numbers make the sandbox answer 402, 403, 404, 429 (with `Retry-After`), 500
//! or 503, answer slowly, fail a fax, or let a call be busy or unanswered — from any language,
//! e.g. an SMS to `+4915700000402` is refused with 402. The table is in [`failures`].
//!
//! # OAuth 2 sign-in
//! The sandbox is also an OAuth 2 authorization server on the paths of sipgate's login server
//! (a Keycloak, realm `sipgate-apps`): [`Sandbox::oauth_authorization_url`] and
//! [`Sandbox::oauth_token_url`], with one registered client ([`Sandbox::oauth_client`]) that
//! may redirect to any port and path on the local machine ([`SandboxConfig::redirect_uris`]).
//! The authorization-code flow with PKCE (S256, required) signs the account's user `w0` in at
//! once (`prompt=consent` shows an Allow/Deny page); the token endpoint exchanges codes (once
//! each) and refresh tokens (rotated: a used one revokes the sign-in) for access tokens that
//! every REST endpoint accepts as `Bearer`, and answers `invalid_grant` and `invalid_client`
//! as RFC 6749 says. Lifetimes are sipgate's (access 300 s, refresh 30 days) unless
//! [`SandboxConfig::access_token_lifetime`] and [`SandboxConfig::refresh_token_lifetime`]
//! shorten them; an expired access token is answered 401.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use sipgateio_sandbox::{Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start_with(
//!     SandboxConfig::default().access_token_lifetime(Duration::from_secs(2)),
//! )
//! .await?;
//! assert!(sandbox
//!     .oauth_token_url()
//!     .ends_with("/auth/realms/sipgate-apps/protocol/openid-connect/token"));
//! let client = sandbox.oauth_client(); // its client_id() and client_secret()
//! assert!(!client.client_id().is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! # State that lasts
//! [`SandboxConfig::state_file`] keeps the account in a JSON file across restarts (with the
//! credentials, the OAuth client and its sign-ins — SHA-256 digests of the tokens, never the
//! tokens);
//! [`Sandbox::register`] writes a discovery file so that other processes (`sipgateio
//! --sandbox`) use this sandbox, and [`discovery`] finds it.
//!
//! # Example
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use sipgateio_sandbox::Sandbox;
//!
//! let sandbox = Sandbox::start().await?;
//! assert!(sandbox.base_url().ends_with("/v2"));
//! assert!(sandbox.token_id().starts_with("token-"));
//! assert_eq!(sandbox.contacts().len(), 3);
//! sandbox.set_no_credit(true); // paid endpoints now answer 402
//! # Ok(())
//! # }
//! ```
//!
//! The signing key in `keys/` is a **test key** published with this crate: trust
//! [`PUBLIC_KEY_PEM`] only for the sandbox, never in production.

mod auth;
mod cors;
mod described;
mod description;
pub mod discovery;
mod error;
mod events;
pub mod failures;
mod http;
mod inspector;
mod linked;
mod model;
mod oauth;
mod persist;
mod routes;
mod sandbox;
mod schema;
mod seed;
mod signing;
mod simulator;
mod state;

pub use auth::Credentials;
pub use described::{Served, ServedOperation, operations};
pub use model::{
    Address, Call, Contact, ContactEmail, ContactNumber, Device, Endpoint, Faxline, HistoryEntry,
    InitiatedCall, Number, Participant, Recording, RoutedEndpoint, Routing, SentFax, SentSms,
    SmsCallerId, SmsExtension, User, Voicemail, WebhookSettings,
};
pub use oauth::RegisteredClient;
pub use sandbox::{Sandbox, SandboxConfig, StartError};
pub use signing::{PUBLIC_KEY_PEM, verify_signature};
pub use simulator::{
    Action, CallScenario, Direction, MAX_DIAL_TARGETS, Pickup, SimulationError, Step, Transcript,
    XmlAnswer,
};
