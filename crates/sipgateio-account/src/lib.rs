//! Wire models of the sipgate.io account administration API: account and balance, users,
//! phonelines (forwardings, voicemail settings, sipgate.io webhook settings and log), groups,
//! addresses, notifications, call restrictions, auto-recording, portings and the incoming-call
//! blacklist — the areas of the sipgate REST API that the Node library does not cover.
//!
//! The types in [`models`] are generated from the sipgate OpenAPI document by
//! `cargo xtask codegen --spec <openapi.yaml>` and committed; `cargo xtask codegen --check
//! --spec <openapi.yaml>` fails when they drift from the document. Every response type is
//! `#[non_exhaustive]`, fields the document does not mark as required are `Option`s, and string
//! enums keep values they do not know in an `Unknown(String)` variant, so new server data never
//! breaks decoding. Request types (`…Request`) are plain structs you construct yourself.
//!
//! Send them with the `sipgateio-core` client: `Request::put(path).json(&body)?` takes any of
//! the request types and `client.send::<T>(request)` decodes any of the responses.
//!
//! # Example
//!
//! ```
//! use sipgateio_account::models::{AccountMainProductType, AccountResponse, BalanceResponse};
//!
//! let balance: BalanceResponse = serde_json::from_str(r#"{"amount": 10000, "currency": "EUR"}"#)?;
//! assert_eq!(balance.amount, Some(10000));
//! assert_eq!(balance.currency.as_deref(), Some("EUR"));
//!
//! // A product type this version does not know yet still decodes.
//! let account: AccountResponse =
//!     serde_json::from_str(r#"{"company": "ACME", "mainProductType": "GALAXY"}"#)?;
//! assert_eq!(
//!     account.main_product_type,
//!     Some(AccountMainProductType::Unknown("GALAXY".into()))
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

pub mod models;
mod wire_enum;

pub(crate) use wire_enum::wire_enum;
