//! The sipgate.io account administration API: account and balance, users, phonelines
//! (forwardings, voicemail settings, sipgate.io webhook settings and debug log), groups,
//! addresses, notifications, call restrictions, auto-recording, portings and the incoming-call
//! blacklist — the areas of the sipgate REST API that the Node library does not cover.
//!
//! [`AccountClient`] (or `client.account()` through [`AccountExt`]) has one `async fn` per
//! operation, and [`models`] has their request and response types. Both are generated from the
//! sipgate OpenAPI document by `cargo xtask codegen --spec <openapi.yaml>` and committed, together
//! with a wiremock test of every operation; `cargo xtask codegen --check --spec <openapi.yaml>`
//! fails when they drift from the document.
//!
//! * Ids put into paths are percent-encoded; an empty id is rejected before any request
//!   ([`sipgateio_core::Error::InvalidInput`] names the parameter).
//! * The statuses the document explains (e.g. 404 "User not found", 403 "Feature not booked")
//!   carry that meaning in the error's message.
//! * Response types are `#[non_exhaustive]`, fields the document does not mark as required are
//!   `Option`s, and string enums keep values they do not know in an `Unknown(String)` variant,
//!   so new server data never breaks decoding. Request types (`…Request`) are plain structs.
//!
//! # Example
//!
//! ```no_run
//! use sipgateio_account::AccountExt;
//!
//! # async fn run() -> Result<(), sipgateio_core::Error> {
//! let client = sipgateio_core::Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//! let balance = client.account().get_balance().await?;
//! println!("{:?} {:?}", balance.amount, balance.currency);
//! for user in client.account().get_all_users().await?.items.unwrap_or_default() {
//!     println!("{:?} {:?}", user.firstname, user.lastname);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The models decode server JSON on their own, and keep unknown enum values:
//!
//! ```
//! use sipgateio_account::models::{AccountMainProductType, AccountResponse, BalanceResponse};
//!
//! let balance: BalanceResponse = serde_json::from_str(r#"{"amount": 10000, "currency": "EUR"}"#)?;
//! assert_eq!(balance.amount, Some(10000));
//! assert_eq!(balance.currency.as_deref(), Some("EUR"));
//!
//! let account: AccountResponse =
//!     serde_json::from_str(r#"{"company": "ACME", "mainProductType": "GALAXY"}"#)?;
//! assert_eq!(
//!     account.main_product_type,
//!     Some(AccountMainProductType::Unknown("GALAXY".into()))
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

mod client;
pub mod models;

pub use client::{AccountClient, AccountExt};
