//! Typed, validated XML answers for sipgate.io call-control webhooks.
//!
//! When a call rings, sipgate.io posts a `newCall` webhook to your server; the XML you answer
//! with decides what happens: redirect the call ([`Dial`]), send it to the voicemail, play an
//! announcement ([`Play`]), collect DTMF digits ([`Gather`]), [`Reject`] it or hang up
//! ([`Hangup`]). This crate builds that answer. It does no HTTP and no I/O and needs no async
//! runtime; the webhook server lives in `sipgateio-webhook`.
//!
//! # Example
//!
//! ```
//! use sipgateio_xml::{Dial, Gather, Response};
//!
//! // Redirect to two phones at once, showing a fixed caller id.
//! let redirect = Response::dial(Dial::numbers(["+4921100001", "+4921100002"]).caller_id("+4921100000"))?
//!     .on_hangup("https://example.com/hook?call=1&leg=2")?;
//! assert_eq!(
//!     redirect.to_xml(),
//!     r#"<?xml version="1.0" encoding="UTF-8"?>
//! <Response onHangup="https://example.com/hook?call=1&amp;leg=2">
//!     <Dial callerId="+4921100000">
//!         <Number>+4921100001</Number>
//!         <Number>+4921100002</Number>
//!     </Dial>
//! </Response>"#
//! );
//!
//! // A menu: play a prompt, then collect one digit.
//! let menu = Response::gather(Gather::new().max_digits(1).timeout_ms(3000).play("https://example.com/menu.wav"))?;
//! assert!(menu.to_xml().contains(r#"<Gather maxDigits="1" timeout="3000">"#));
//!
//! // Bad values are errors when the response is built, naming the field.
//! let error = Response::redirect(Vec::<String>::new()).unwrap_err();
//! assert_eq!(error.field(), Some("Number"));
//! let error = Response::play("ftp://example.com/a.wav").unwrap_err();
//! assert_eq!(error.field(), Some("Url"));
//! let error = Response::play("https://example.com/a\u{FFFE}.wav").unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "invalid `Url`: must not contain U+FFFE (at byte 21): XML 1.0 cannot carry that character"
//! );
//! # Ok::<(), sipgateio_xml::Error>(())
//! ```
//!
//! # Rules
//!
//! * A [`Dial`] rings 1 to 5 numbers (an optional `+` and 1 to 20 digits each) or the voicemail;
//!   `callerId` has the same shape.
//! * A [`Gather`] needs `maxDigits ≥ 1`; its `timeout` is in milliseconds (sipgate's defaults:
//!   1 digit, 2000 ms).
//! * URLs (`Url`, `onAnswer`, `onHangup`, `onData`) are absolute `http://` or `https://` URLs
//!   without whitespace or control characters.
//! * No value may contain a character XML 1.0 cannot carry (its `Char` production: the control
//!   characters other than tab, LF and CR, U+FFFE and U+FFFF); the error names the field and
//!   the character as `U+XXXX`.
//! * `onData` belongs to a [`Gather`]: [`Response::on_data`] on any other answer is an error.
//!
//! [`Dial::validate`], [`Gather::validate`] and [`Play::validate`] check a part on its own.
//!
//! # Output
//!
//! Written directly into one `String` (the bytes quick-xml's indenting writer gave; a property
//! test compares the two): the declaration `<?xml version="1.0" encoding="UTF-8"?>`,
//! then `<Response>` indented by 4 spaces, no trailing newline, the same bytes for the same
//! response. Every attribute value and text is escaped, so no value can add elements or
//! attributes.

mod dial;
mod error;
mod gather;
mod play;
mod reject;
mod render;
#[cfg(test)]
mod render_oracle;
mod response;
mod validate;

pub use dial::{Dial, DialTarget};
pub use error::{Error, InvalidInput, Result};
pub use gather::{DEFAULT_MAX_DIGITS, DEFAULT_TIMEOUT_MS, Gather};
pub use play::Play;
pub use reject::{Hangup, Reject, RejectReason};
pub use response::{Action, Response};
pub use validate::MAX_DIAL_TARGETS;
