//! What several crates of the sipgate.io Rust SDK share: id newtypes, open wire enums, the
//! date/time rule, the http(s) URL check and the API's paging limits.
//!
//! This crate depends on serde and chrono only — no HTTP, no async runtime — so the pure
//! conversion crates (`sipgateio-xml`, `sipgateio-contacts-format`) use it as well as the REST
//! crates.
//!
//! * **Ids** ([`WebuserId`], [`SmsExtensionId`], [`FaxlineId`], [`PhonelineId`], [`DeviceId`],
//!   [`CallId`], [`ContactId`], [`HistoryEntryId`], …): one type per kind of id, built
//!   explicitly with `new`, so two ids in one call cannot be swapped. Transparent on the wire.
//! * **Wire enums** ([`wire_enum!`]): a string enum of the API that keeps values it does not
//!   know in `Unknown(String)`, so new server values never break decoding. The enums that mean
//!   the same in several places live here: [`FaxStatus`], [`EndpointType`], [`DeviceType`],
//!   [`NumberType`].
//! * **Shared models**: [`Endpoint`], the `{extension, type}` object of voicemails and history
//!   entries.
//! * **Dates** ([`time`]): one rule for reading sipgate's times, serde `with`-modules for
//!   `DateTime<Utc>` and `Option<DateTime<Utc>>`.
//! * **URLs** ([`url::check_http_url`]): an absolute `http`/`https` URL with a host.
//! * **Paging** ([`paging`]): the server's limits for `offset` and `limit`.
//!
//! ```
//! use sipgateio_types::{FaxStatus, WebuserId, url::check_http_url};
//!
//! let user = WebuserId::new("w0");
//! assert_eq!(serde_json::to_string(&user)?, r#""w0""#);
//! assert_eq!(format!("{user:?}"), r#"WebuserId("w0")"#);
//!
//! let status: FaxStatus = serde_json::from_str(r#""SENT""#)?;
//! assert!(status.is_final());
//! let unknown: FaxStatus = serde_json::from_str(r#""RETRYING""#)?;
//! assert_eq!(unknown.as_str(), "RETRYING");
//!
//! assert!(check_http_url("https://example.com/hook").is_ok());
//! assert!(check_http_url("http://").is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

mod endpoint;
mod enums;
mod id;
pub mod paging;
pub mod time;
pub mod url;
mod wire_enum;

pub use endpoint::Endpoint;
pub use enums::{DeviceType, EndpointType, FaxStatus, NumberType};
pub use id::{
    AddressId, CallId, ContactId, DeviceId, ExtensionId, FaxlineId, GreetingId, GroupId,
    HistoryEntryId, IvrId, NotificationId, NumberId, OauthClientId, ParallelForwardingId,
    PhonelineId, RecordingId, SimId, SmsCallerIdId, SmsExtensionId, VoicemailId, WebuserId,
};
#[doc(hidden)]
pub use wire_enum::__private;

/// serde, for the code [`wire_enum!`] generates; not part of the API.
#[doc(hidden)]
pub use serde as __serde;
