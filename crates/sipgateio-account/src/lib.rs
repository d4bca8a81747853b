//! The sipgate.io account administration API: account and balance, users, phonelines
//! (forwardings, voicemail settings, sipgate.io webhook settings and debug log), groups,
//! addresses, notifications, call restrictions, auto-recording, portings and the incoming-call
//! blacklist.
//!
//! [`AccountClient`] (or `client.account()` through [`AccountExt`]) has one `async fn` per
//! operation, and [`models`] has their request and response types. Both are generated from the
//! sipgate OpenAPI document by `cargo xtask codegen --spec <openapi.yaml>` and committed, together
//! with a wiremock test of every operation; `cargo xtask codegen --check --spec <openapi.yaml>`
//! fails when they drift from the document.
//!
//! # Names
//!
//! The methods follow the SDK's one verb set: `list_…` reads a collection (`list_phonelines`,
//! `list_users`), `get_…` one item (`get_phoneline`), and `create_…`, `update_…`, `delete_…`,
//! `set_…` change things; `add_device_to_…` / `remove_device_from_…` route an existing device,
//! and `verify` and `revoke_porting` keep the API's word. sipgate's operation id of each method
//! is in its docs and finds it in the search (`getPhonelines` finds `list_phonelines`).
//!
//! What belongs to one web user (everything under `/{userId}/…`: phonelines, notifications,
//! call restrictions) comes in pairs: `list_phonelines()` for the authenticated web user, and
//! `list_phonelines_of(&user)` for a given one. Web users themselves (`get_user`, `set_role`, …)
//! are addressed by their id.
//!
//! # Ids, checks and errors
//!
//! * Ids are typed: a web user is a [`WebuserId`], a phoneline a [`PhonelineId`], a group a
//!   [`GroupId`], … (declared in `sipgateio-types`, re-exported here), in the arguments and in
//!   the models the API returns, so that two ids cannot be swapped. On the wire they are the
//!   plain strings.
//! * Ids put into paths are percent-encoded; an empty id is rejected before any request
//!   ([`sipgateio_core::Error::InvalidInput`] names the parameter). A for-me form checks its
//!   ids before it looks up the web user.
//! * The statuses the document explains (e.g. 404 "User not found", 403 "Feature not booked")
//!   carry that meaning in the error's message.
//! * Response types are `#[non_exhaustive]`, fields the document does not mark as required are
//!   `Option`s, and string enums keep values they do not know in an `Unknown(String)` variant,
//!   so new server data never breaks decoding. Request types (`…Request`) are plain structs.
//!
//! # Example
//!
//! ```no_run
//! use sipgateio_account::{AccountExt, PhonelineId, WebuserId};
//!
//! # async fn run() -> Result<(), sipgateio_core::Error> {
//! // SIPGATE_TOKEN_ID and SIPGATE_TOKEN: a personal access token
//! let client = sipgateio_core::Client::from_env()?;
//! let account = client.account();
//! let balance = account.get_balance().await?;
//! println!("{:?} {:?}", balance.amount, balance.currency);
//! for user in account.list_users().await?.items.unwrap_or_default() {
//!     println!("{:?} {:?} {:?}", user.id, user.firstname, user.lastname);
//! }
//!
//! // my phonelines, and one of them
//! for line in account.list_phonelines().await?.items.unwrap_or_default() {
//!     println!("{:?} {:?}", line.id, line.alias);
//! }
//! let line = account.get_phoneline(&PhonelineId::new("p0")).await?;
//! println!("{:?}", line.alias);
//!
//! // another web user's phonelines
//! let alan = WebuserId::new("w1");
//! let lines = account.list_phonelines_of(&alan).await?;
//! println!("{} phonelines", lines.items.unwrap_or_default().len());
//! # Ok(())
//! # }
//! ```
//!
//! The models decode server JSON on their own, with typed ids, and keep unknown enum values:
//!
//! ```
//! use sipgateio_account::WebuserId;
//! use sipgateio_account::models::{
//!     AccountMainProductType, AccountResponse, BalanceResponse, UserResponse,
//! };
//!
//! let balance: BalanceResponse = serde_json::from_str(r#"{"amount": 10000, "currency": "EUR"}"#)?;
//! assert_eq!(balance.amount, Some(10000));
//! assert_eq!(balance.currency.as_deref(), Some("EUR"));
//!
//! let user: UserResponse = serde_json::from_str(r#"{"id": "w1", "firstname": "Alan"}"#)?;
//! assert_eq!(user.id, Some(WebuserId::new("w1")));
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

pub use client::{
    AccountClient, AccountExt, DeviceId, ExtensionId, FaxlineId, GreetingId, GroupId,
    NotificationId, ParallelForwardingId, PhonelineId, VoicemailId, WebuserId,
};

/// The README's example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
