//! A sipgate.io webhook server for axum: signed requests in, typed call events to your async
//! handlers, XML answers out.
//!
//! sipgate.io posts a `newCall` webhook when a call rings; your answer (XML, built with
//! [`xml::Response`]) decides what happens to the call and which follow-up events (`answer`,
//! `hangup`, `dtmf`) you get. This crate checks each request (signature, size, content type,
//! optionally the source address), parses it into an [`Event`], runs your handler and sends
//! its answer.
//!
//! # Example
//!
//! ```
//! use sipgateio_webhook::{Event, HangupCause, WebhookServer};
//! use sipgateio_webhook::xml::{Gather, Response};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = WebhookServer::builder()
//!     .server_address("https://example.com/hook")
//!     .on_new_call(|call| async move {
//!         if call.from == "anonymous" {
//!             return Ok(Response::hang_up());
//!         }
//!         Response::gather(Gather::new().max_digits(1).timeout_ms(3000).play("https://example.com/menu.wav"))
//!     })
//!     .on_dtmf(|dtmf| async move {
//!         match dtmf.digits.as_str() {
//!             "1" => Response::redirect(["+4921100000"]),
//!             _ => Ok(Response::voicemail()),
//!         }
//!     })
//!     .on_hangup(|hangup| async move {
//!         if hangup.cause == HangupCause::Busy {
//!             tracing::info!(call = %hangup.call_id, "the line was busy");
//!         }
//!     })
//!     .build()?;
//!
//! // What a request would get (without the HTTP part):
//! let event = Event::from_form(b"event=newCall&from=4921199999&to=4921100000&callId=c1")?;
//! let answer = server.dispatch(event).await?;
//! assert!(answer.to_xml().contains(r#"onData="https://example.com/hook""#));
//! assert!(answer.to_xml().contains(r#"onHangup="https://example.com/hook""#));
//!
//! // Serve it on its own (until Ctrl-C) …
//! # if false {
//! server.clone().serve("0.0.0.0:8080").await?;
//! # }
//! // … or mount it in your axum app.
//! let app: axum::Router = axum::Router::new().nest("/hook", server.router());
//! # let _ = app;
//! # Ok(()) }
//! ```
//!
//! # Requests
//!
//! Each request passes the [`WebhookVerifier`] first: `POST` only (405), the optional
//! [`IpAllowList`] (403), a body limit (413, default 64 KiB), `application/x-www-form-urlencoded`
//! (415), `X-Sipgate-Signature` checked against sipgate's key (401; the key is replaceable with
//! [`WebhookServerBuilder::public_key`], and checking is off only after
//! [`WebhookServerBuilder::skip_signature_verification`]), and a body with an `event` field
//! (400). A missing or malformed signature is refused before the body is read, and the body
//! must arrive within the body read timeout (408). Then the handler runs: its answer is sent
//! with 200 and `application/xml`; a failed (`Err`) or panicking handler gives 500, logged, a
//! handler past the handler timeout 503, and the server keeps serving.
//! [`WebhookServerBuilder::on_refused`] observes every refused request.
//!
//! # Limits
//!
//! The server faces the internet: every phase of a request is bounded in time and size, with
//! defaults chosen for sipgate's small one-packet requests (sipgate documents no webhook
//! timeout) and a builder setting each — see [`WebhookServerBuilder`]'s "Limits" table. The
//! per-request limits (body size and deadline, refusal before buffering, handler deadline)
//! travel with [`WebhookServer::router`] into your own app; the connection-level ones (header
//! read and idle keep-alive timeout, header size, connection cap, graceful shutdown with a
//! deadline) are applied by the built-in [`WebhookServer::serve`] — see
//! [`WebhookServer::router`] for how to get them in your own server.
//!
//! Handlers return anything that implements [`IntoWebhookResponse`]: a [`xml::Response`], `()`
//! for an empty `<Response/>`, an `Option`, or a `Result` whose error implements `Display`.
//! A handler that meets several kinds of errors returns `Result<Response, HandlerError>`: `?`
//! converts XML-building errors, this crate's [`Error`] and REST errors (`sipgateio_core`)
//! into a [`HandlerError`] (see there for an example).
//!
//! To serve on a listener bound to port 0 (tests, local development), take the server
//! address from it with [`WebhookServerBuilder::local_server_address`] and serve with
//! [`WebhookServer::serve_on`].
//!
//! When a server address is set, every answer carries `onAnswer` / `onHangup` if an answer /
//! hangup handler is registered, and every `<Gather>` carries `onData` (unless your answer set
//! these itself). Registering an answer, hangup or dtmf handler without a server address is an
//! error at [`build`](WebhookServerBuilder::build) time.
//!
//! For your own routes, the [`VerifiedEvent`] extractor runs the same checks, and [`Xml`]
//! sends an answer with the right content type.
//!
//! # Announcements
//!
//! [`AudioValidator::check`] fetches an announcement's WAV header (a range request, cached per
//! URL) and tells whether sipgate can play it (PCM, 16 bit, 8 kHz, mono) and for how long.
//! [`play_audio_and_hang_up`] and [`play_audio_and_transfer`] answer with `<Play>` and, after
//! the announcement's duration plus an optional delay, hang up or transfer the call through the
//! RTCM API (`sipgateio-rtcm`).
//!
//! # Ids
//!
//! The events carry typed ids: `call_id` and `original_call_id` are [`CallId`]s, which the RTCM
//! API (`client.rtcm()`, `sipgateio-rtcm`) takes as they are; `user_ids` / `user_id` are
//! [`WebuserId`]s (`w0`), which the REST crates take for per-user operations. The
//! account-qualified `full_user_ids` (`1234567w0`) are plain strings: no endpoint takes them.
//! Ids are kept as sipgate sent them, not validated; an empty `call_id` (sipgate left it out)
//! is refused by the play-then functions before anything is scheduled.
//!
//! # Without the server: edge functions and wasm32
//!
//! Without its default `server` feature the crate is only what checking and reading a webhook
//! takes — [`PublicKey`], [`Event::from_form`] and the [`xml`] answers — with no axum, tokio or
//! sockets. With the `rsa` feature (a pure-Rust signature check instead of aws-lc-rs) it builds
//! for `wasm32-unknown-unknown`: Cloudflare Workers, Deno, a service worker.
//!
//! ```toml
//! sipgateio-webhook = { version = "0.1", default-features = false, features = ["rsa"] }
//! # or through the facade (as `sipgateio::webhook`; its `browser` set includes it):
//! sipgateio = { version = "0.1", default-features = false, features = ["webhook-verify"] }
//! ```
//!
//! ```
//! use sipgateio_webhook::{Event, PublicKey, SIGNATURE_HEADER};
//! use sipgateio_webhook::xml::Response;
//!
//! /// Your edge function's handler: the raw body and the `X-Sipgate-Signature` header in,
//! /// a status and an XML answer out.
//! fn on_webhook(key: &PublicKey, body: &[u8], signature: Option<&str>) -> (u16, String) {
//!     // Check the signature over the exact bytes received, before parsing them.
//!     if !signature.is_some_and(|signature| key.verify(body, signature)) {
//!         return (401, String::new());
//!     }
//!     match Event::from_form(body) {
//!         Ok(Event::NewCall(call)) if call.from == "anonymous" => (200, Response::hang_up().to_xml()),
//!         Ok(_) => (200, Response::empty().to_xml()),
//!         Err(_) => (400, String::new()),
//!     }
//! }
//!
//! assert_eq!(SIGNATURE_HEADER, "x-sipgate-signature");
//! let key = PublicKey::sipgate();
//! let body = b"event=newCall&from=anonymous&to=4921100000&callId=c1";
//! // Unsigned or signed by someone else: refused without looking at the body.
//! assert_eq!(on_webhook(&key, body, None).0, 401);
//! assert_eq!(on_webhook(&key, body, Some("bm90IHNpZ25lZA==")).0, 401);
//! ```

#[cfg(feature = "server")]
mod actions;
#[cfg(feature = "server")]
mod audio;
mod error;
mod event;
#[cfg(feature = "server")]
mod ip;
mod parse;
#[cfg(feature = "server")]
mod reply;
#[cfg(feature = "server")]
mod serve;
#[cfg(feature = "server")]
mod server;
mod signature;
#[cfg(feature = "server")]
mod verify;

/// The XML answer builder (`sipgateio-xml`).
pub use sipgateio_xml as xml;

#[cfg(feature = "server")]
pub use actions::{play_audio_and_hang_up, play_audio_and_transfer};
#[cfg(feature = "server")]
pub use audio::{Announcement, AudioValidator, WavFormat, read_wav_header};
pub use error::{AudioError, BindError, Error, InvalidInput, Reason, Result};
pub use event::{
    AnswerEvent, CallDirection, DtmfEvent, Event, HangupCause, HangupEvent, NewCallEvent,
    UnknownEvent,
};
#[cfg(feature = "server")]
pub use ip::{IpAllowList, IpNet, SIPGATE_ADDRESSES};
#[cfg(feature = "server")]
pub use reply::{HandlerError, IntoWebhookResponse};
#[cfg(feature = "server")]
pub use server::{WebhookServer, WebhookServerBuilder};
pub use signature::{PublicKey, SIGNATURE_HEADER, SIPGATE_PUBLIC_KEY_PEM};
#[cfg(feature = "server")]
pub use verify::{RejectionKind, VerifiedEvent, WebhookRejection, WebhookVerifier, Xml};

// The ids the events carry (the SDK's shared types) and the transfer mode of
// `play_audio_and_transfer` (sipgateio-rtcm's), so that the webhook feature alone names them.
#[cfg(feature = "server")]
pub use sipgateio_rtcm::Transfer;
pub use sipgateio_types::{CallId, WebuserId};

/// The README's example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
