//! The sipgate.io SDK for Rust.
//!
//! This facade re-exports the SDK's crates, one cargo feature per part, so one dependency
//! gives you everything you enable:
//!
//! | feature | crate | what |
//! |---|---|---|
//! | (always) | [`sipgateio_core`] | client, credentials, errors, retries, pagination, validators |
//!
//! `full` enables every part. Each part is also a crate of its own: depend on it alone to
//! compile only what you use.
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

pub use sipgateio_core::*;

/// The core crate, for items not re-exported at the top level.
pub use sipgateio_core as core;

/// Everything most programs need: the client, the error type and every enabled part's
/// extension trait (so `client.sms()`, `client.fax()`, … are in scope).
pub mod prelude {
    pub use sipgateio_core::{Client, Error, Pagination, Result};
}
