//! Validators shared by every crate of the SDK.
//!
//! Each validator takes the name of the field it checks, so the [`Error::InvalidInput`] it
//! returns names the offending argument. The accepted values match the official Node library
//! (`sipgateio-node`), except that no error ever echoes a secret and that a phone number must
//! be sendable as written: letters, a second `+` and a `tel:` prefix, which Node lets through
//! and sipgate then refuses, are refused here (see [`phone_number`]).
//!
//! ```
//! use sipgateio_core::validate::{self, ExtensionType};
//!
//! assert!(validate::phone_number("to", "+4915739777777").is_ok());
//! assert!(validate::phone_number("to", "015739777777").is_err());
//! assert!(validate::extension("deviceId", "e0", &[ExtensionType::Register]).is_ok());
//! assert!(validate::extension("deviceId", "e01", &[ExtensionType::Register]).is_err());
//! ```
//!
//! [`Error::InvalidInput`]: crate::Error::InvalidInput

mod credentials;
mod extension;
mod phone_number;

pub use credentials::{email, password, personal_access_token, token_id};
pub use extension::{ExtensionType, extension, extension_type};
pub use phone_number::phone_number;
