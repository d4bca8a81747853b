//! The sipgate.io SDK for Rust.
//!
//! This facade re-exports the SDK's crates, one cargo feature per part, so one dependency
//! gives you everything you enable:
//!
//! <!-- codegen:crate-table:start -->
//! | feature | crate | what |
//! |---|---|---|
//! | (always) | [`sipgateio_core`] | client, credentials, errors, retries, pagination, validators |
//! | `account` | [`sipgateio-account`](https://docs.rs/sipgateio-account) | account administration (generated from the OpenAPI document): account, balance, users, phonelines, groups, blacklist, webhook log, OAuth clients … |
//! | `call` | [`sipgateio-call`](https://docs.rs/sipgateio-call) | initiate calls between two phones (click-to-dial) with caller id and device |
//! | `contacts` | [`sipgateio-contacts`](https://docs.rs/sipgateio-contacts) | contacts: create, update, delete, CSV/vCard import and export, scoped paging and streams |
//! | `contacts-format` | [`sipgateio-contacts-format`](https://docs.rs/sipgateio-contacts-format) | contacts CSV and vCard 3.0/4.0 import and export (pure conversion, no HTTP) |
//! | `devices` | [`sipgateio-devices`](https://docs.rs/sipgateio-devices) | list, create, configure and delete web users' devices (VoIP phones, mobiles, external phones), SIM cards |
//! | `fax` | [`sipgateio-fax`](https://docs.rs/sipgateio-fax) | send PDF faxes, resend, fax status and waiting until a fax is done, faxlines |
//! | `history` | [`sipgateio-history`](https://docs.rs/sipgateio-history) | call, fax, SMS and voicemail history: typed entries, filters, lazy paging stream, batch updates, deletion, CSV export |
//! | `numbers` | [`sipgateio-numbers`](https://docs.rs/sipgateio-numbers) | list the account's phone numbers, page by page or as a lazy stream |
//! | `oauth` | [`sipgateio-oauth`](https://docs.rs/sipgateio-oauth) | OAuth 2 sign-in (authorization code with state and PKCE) and access tokens that renew themselves |
//! | `rtcm` | [`sipgateio-rtcm`](https://docs.rs/sipgateio-rtcm) | real-time call manipulation: list, mute, record, announce, transfer, DTMF, hold and hang up calls |
//! | `sandbox` (not in `full`) | [`sipgateio-sandbox`](https://docs.rs/sipgateio-sandbox) | an offline sipgate.io look-alike: REST API with in-memory state and a signed call-flow simulator |
//! | `sms` | [`sipgateio-sms`](https://docs.rs/sipgateio-sms) | send and schedule SMS, SMS extensions and sender caller ids |
//! | `voicemails` | [`sipgateio-voicemails`](https://docs.rs/sipgateio-voicemails) | list the account's voicemail boxes and read one with its greeting and transcription settings |
//! | `webhook` | [`sipgateio-webhook`](https://docs.rs/sipgateio-webhook) | webhook server (axum): signature check, typed call events, XML answers, play-then-hang-up |
//! | `webhook-verify` | [`sipgateio-webhook`](https://docs.rs/sipgateio-webhook) | the webhook crate without its server, for edge functions and wasm32: signature check (pure Rust), typed call events, XML answers (`webhook` has all of it) |
//! | `webhook-settings` | [`sipgateio-webhook-settings`](https://docs.rs/sipgateio-webhook-settings) | read and change the account's webhook URLs, extension whitelist and log switch |
//! | `xml` | [`sipgateio-xml`](https://docs.rs/sipgateio-xml) | typed XML answers for call-control webhooks: dial, voicemail, play, gather DTMF, reject, hang up |
//! <!-- codegen:crate-table:end -->
//!
//! `full` enables every part. Each part is also a crate of its own: depend on it alone to
//! compile only what you use.
//!
//! `webhook-verify` is the `webhook` part without its server: `webhook::PublicKey` (the
//! signature check, in pure Rust), `webhook::Event::from_form` and the XML answers, for edge
//! functions; `webhook` has all of it (with the server), so `full` leaves `webhook-verify` out.
//!
//! `browser` enables every part that runs on `wasm32-unknown-unknown` (web front ends, edge
//! workers): all but `webhook` (the server) and `sandbox`, with `webhook-verify`. There
//! requests go through the browser's `fetch`, retries and timeouts use the host's timers, and
//! no tokio runtime is needed — see the README's "In the browser".
//!
//! # Example
//!
//! ```
//! use sipgateio::prelude::*;
//!
//! let client = sipgateio::Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//! assert_eq!(client.base_url(), sipgateio::DEFAULT_BASE_URL);
//! # Ok::<(), sipgateio::Error>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

// The user-facing items of core. The transport building blocks for domain crates
// (`Request`, `Response`, `Method`, `Query`, `paginate`, …) stay under
// `sipgateio::core::transport`, so `Response` here never clashes with the XML answer type of
// the `xml` part.
pub use sipgateio_core::{
    ApiError, Client, ClientBuilder, ConfigError, Credentials, CredentialsError, DEFAULT_BASE_URL,
    DecodeError, Error, ErrorKind, InvalidInput, ItemStream, Page, Pagination, PreconditionError,
    Result, RetryPolicy, SDK_VERSION, Secret, TimeoutError, TokenFuture, TokenSource,
    TransportError, UserInfo, Webuser, chrono, validate,
};

// The id newtypes of every part: one type per kind of id, built with `new`, so two ids in one
// call cannot be swapped. Each part re-exports the ones it uses too
// (`sipgateio::sms::SmsExtensionId` is this `SmsExtensionId`).
pub use sipgateio_core::{
    AddressId, CallId, ContactId, DeviceId, ExtensionId, FaxlineId, GreetingId, GroupId,
    HistoryEntryId, IvrId, NotificationId, NumberId, OauthClientId, ParallelForwardingId,
    PhonelineId, RecordingId, SimId, SmsCallerIdId, SmsExtensionId, VoicemailId, WebuserId,
};

/// The core crate, for items not re-exported at the top level.
pub use sipgateio_core as core;

// One module per enabled part (generated by `cargo xtask codegen`).
// codegen:reexports:start
#[cfg(feature = "account")]
#[cfg_attr(docsrs, doc(cfg(feature = "account")))]
#[doc(inline)]
pub use sipgateio_account as account;
#[cfg(feature = "call")]
#[cfg_attr(docsrs, doc(cfg(feature = "call")))]
#[doc(inline)]
pub use sipgateio_call as call;
#[cfg(feature = "contacts")]
#[cfg_attr(docsrs, doc(cfg(feature = "contacts")))]
#[doc(inline)]
pub use sipgateio_contacts as contacts;
#[cfg(feature = "contacts-format")]
#[cfg_attr(docsrs, doc(cfg(feature = "contacts-format")))]
#[doc(inline)]
pub use sipgateio_contacts_format as contacts_format;
#[cfg(feature = "devices")]
#[cfg_attr(docsrs, doc(cfg(feature = "devices")))]
#[doc(inline)]
pub use sipgateio_devices as devices;
#[cfg(feature = "fax")]
#[cfg_attr(docsrs, doc(cfg(feature = "fax")))]
#[doc(inline)]
pub use sipgateio_fax as fax;
#[cfg(feature = "history")]
#[cfg_attr(docsrs, doc(cfg(feature = "history")))]
#[doc(inline)]
pub use sipgateio_history as history;
#[cfg(feature = "numbers")]
#[cfg_attr(docsrs, doc(cfg(feature = "numbers")))]
#[doc(inline)]
pub use sipgateio_numbers as numbers;
#[cfg(feature = "oauth")]
#[cfg_attr(docsrs, doc(cfg(feature = "oauth")))]
#[doc(inline)]
pub use sipgateio_oauth as oauth;
#[cfg(feature = "rtcm")]
#[cfg_attr(docsrs, doc(cfg(feature = "rtcm")))]
#[doc(inline)]
pub use sipgateio_rtcm as rtcm;
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
#[doc(inline)]
pub use sipgateio_sandbox as sandbox;
#[cfg(feature = "sms")]
#[cfg_attr(docsrs, doc(cfg(feature = "sms")))]
#[doc(inline)]
pub use sipgateio_sms as sms;
#[cfg(feature = "voicemails")]
#[cfg_attr(docsrs, doc(cfg(feature = "voicemails")))]
#[doc(inline)]
pub use sipgateio_voicemails as voicemails;
#[cfg(any(feature = "webhook", feature = "webhook-verify"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "webhook", feature = "webhook-verify"))))]
#[doc(inline)]
pub use sipgateio_webhook as webhook;
#[cfg(feature = "webhook-settings")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhook-settings")))]
#[doc(inline)]
pub use sipgateio_webhook_settings as webhook_settings;
#[cfg(feature = "xml")]
#[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
#[doc(inline)]
pub use sipgateio_xml as xml;
// codegen:reexports:end

/// Everything most programs need: the client, the error type, the id types and every enabled
/// part's extension trait (so `client.sms()`, `client.fax()`, … are in scope) with its common
/// input types.
pub mod prelude {
    pub use sipgateio_core::{
        AddressId, CallId, Client, ContactId, DeviceId, Error, ExtensionId, FaxlineId, GreetingId,
        GroupId, HistoryEntryId, IvrId, NotificationId, NumberId, OauthClientId, Pagination,
        ParallelForwardingId, PhonelineId, RecordingId, SimId, SmsCallerIdId, SmsExtensionId,
        VoicemailId, WebuserId,
    };

    // The enabled parts' extension traits (generated by `cargo xtask codegen`).
    // codegen:prelude:start
    #[cfg(feature = "account")]
    #[cfg_attr(docsrs, doc(cfg(feature = "account")))]
    pub use sipgateio_account::AccountExt;
    #[cfg(feature = "call")]
    #[cfg_attr(docsrs, doc(cfg(feature = "call")))]
    pub use sipgateio_call::CallExt;
    #[cfg(feature = "call")]
    #[cfg_attr(docsrs, doc(cfg(feature = "call")))]
    pub use sipgateio_call::NewCall;
    #[cfg(feature = "contacts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "contacts")))]
    pub use sipgateio_contacts::ContactsExt;
    #[cfg(feature = "contacts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "contacts")))]
    pub use sipgateio_contacts::CreateScope;
    #[cfg(feature = "contacts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "contacts")))]
    pub use sipgateio_contacts::ListOptions;
    #[cfg(feature = "contacts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "contacts")))]
    pub use sipgateio_contacts::ScopeFilter;
    #[cfg(feature = "devices")]
    #[cfg_attr(docsrs, doc(cfg(feature = "devices")))]
    pub use sipgateio_devices::DevicesExt;
    #[cfg(feature = "fax")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fax")))]
    pub use sipgateio_fax::Fax;
    #[cfg(feature = "fax")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fax")))]
    pub use sipgateio_fax::FaxExt;
    #[cfg(feature = "history")]
    #[cfg_attr(docsrs, doc(cfg(feature = "history")))]
    pub use sipgateio_history::HistoryEntry;
    #[cfg(feature = "history")]
    #[cfg_attr(docsrs, doc(cfg(feature = "history")))]
    pub use sipgateio_history::HistoryEntryUpdate;
    #[cfg(feature = "history")]
    #[cfg_attr(docsrs, doc(cfg(feature = "history")))]
    pub use sipgateio_history::HistoryExt;
    #[cfg(feature = "history")]
    #[cfg_attr(docsrs, doc(cfg(feature = "history")))]
    pub use sipgateio_history::HistoryFilter;
    #[cfg(feature = "numbers")]
    #[cfg_attr(docsrs, doc(cfg(feature = "numbers")))]
    pub use sipgateio_numbers::NumbersExt;
    #[cfg(feature = "oauth")]
    #[cfg_attr(docsrs, doc(cfg(feature = "oauth")))]
    pub use sipgateio_oauth::OauthClient;
    #[cfg(feature = "oauth")]
    #[cfg_attr(docsrs, doc(cfg(feature = "oauth")))]
    pub use sipgateio_oauth::TokenSession;
    #[cfg(feature = "rtcm")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rtcm")))]
    pub use sipgateio_rtcm::RecordingAnnouncement;
    #[cfg(feature = "rtcm")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rtcm")))]
    pub use sipgateio_rtcm::RtcmExt;
    #[cfg(feature = "rtcm")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rtcm")))]
    pub use sipgateio_rtcm::Transfer;
    #[cfg(feature = "sms")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sms")))]
    pub use sipgateio_sms::ShortMessage;
    #[cfg(feature = "sms")]
    #[cfg_attr(docsrs, doc(cfg(feature = "sms")))]
    pub use sipgateio_sms::SmsExt;
    #[cfg(feature = "voicemails")]
    #[cfg_attr(docsrs, doc(cfg(feature = "voicemails")))]
    pub use sipgateio_voicemails::VoicemailsExt;
    #[cfg(any(feature = "webhook", feature = "webhook-verify"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "webhook", feature = "webhook-verify"))))]
    pub use sipgateio_webhook::AnswerEvent;
    #[cfg(any(feature = "webhook", feature = "webhook-verify"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "webhook", feature = "webhook-verify"))))]
    pub use sipgateio_webhook::DtmfEvent;
    #[cfg(any(feature = "webhook", feature = "webhook-verify"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "webhook", feature = "webhook-verify"))))]
    pub use sipgateio_webhook::HangupCause;
    #[cfg(any(feature = "webhook", feature = "webhook-verify"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "webhook", feature = "webhook-verify"))))]
    pub use sipgateio_webhook::HangupEvent;
    #[cfg(feature = "webhook")]
    #[cfg_attr(docsrs, doc(cfg(feature = "webhook")))]
    pub use sipgateio_webhook::IntoWebhookResponse;
    #[cfg(any(feature = "webhook", feature = "webhook-verify"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "webhook", feature = "webhook-verify"))))]
    pub use sipgateio_webhook::NewCallEvent;
    #[cfg(feature = "webhook")]
    #[cfg_attr(docsrs, doc(cfg(feature = "webhook")))]
    pub use sipgateio_webhook::WebhookServer;
    #[cfg(feature = "webhook-settings")]
    #[cfg_attr(docsrs, doc(cfg(feature = "webhook-settings")))]
    pub use sipgateio_webhook_settings::WebhookSettingsExt;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::Dial;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::Gather;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::Hangup;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::Play;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::Reject;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::RejectReason;
    #[cfg(feature = "xml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
    pub use sipgateio_xml::Response;
    // codegen:prelude:end
}

/// The repository README's Rust snippets, compiled as doc tests so the front door stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
