//! The phone numbers of a sipgate account, for the sipgate.io Rust SDK.
//!
//! [`NumbersClient::list`] reads one page of `GET /numbers` ([`Pagination`] with `offset` and
//! `limit`), [`NumbersClient::stream`] walks all numbers lazily, page by page. Each
//! [`Number`] carries its [`NumberId`], its [`NumberType`] (mobile, landline, quick dial,
//! international, or [`NumberType::Unknown`] for values added later), the extension it routes
//! to ([`ExtensionId`]) and, for mobile numbers, the number-portability state ([`MnpState`]).
//!
//! [`NumbersClient::update`] routes a number to another extension ([`NumberSettings`]);
//! [`NumbersClient::list_user_numbers`] / [`list_user_numbers_of`](NumbersClient::list_user_numbers_of)
//! read one web user's numbers; quick dials — short internal numbers such as `10` that ring a
//! web user — are [`create_quick_dial`](NumbersClient::create_quick_dial),
//! [`update_quick_dial`](NumbersClient::update_quick_dial),
//! [`delete_quick_dial`](NumbersClient::delete_quick_dial) and
//! [`check_quick_dial`](NumbersClient::check_quick_dial) (is the number still free?).
//!
//! # Example
//!
//! ```
//! use sipgateio_core::{Client, Error, Pagination};
//! use sipgateio_numbers::{ExtensionId, NumberId, NumberSettings, NumbersExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//!
//! // Paging parameters outside the API's range are rejected before any request is sent.
//! let error = client.numbers().list(Pagination::new(0, 0)).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("limit"));
//!
//! // So are routing targets that are no extension id, and quick dials that are not digits.
//! let to_nowhere = NumberSettings::new(ExtensionId::new("reception"));
//! let error = client.numbers().update(&NumberId::new("1234"), &to_nowhere).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("endpoint_id"));
//! let error = client.numbers().check_quick_dial("1-0").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("quick_dial_number"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use sipgateio_core::Pagination;
//! use sipgateio_numbers::{NumberType, NumbersExt};
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! let page = client.numbers().list(Pagination::first(50)).await?;
//! for number in page.items.iter().filter(|n| n.number_type == NumberType::Mobile) {
//!     println!("{} ({})", number.number, number.localized);
//! }
//! # Ok(()) }
//! ```
//!
//! A `limit` of 0 (a page that can hold nothing) and values beyond the API's `int32` range are
//! rejected before any request. A 400 answer is
//! [`Error::Api`](sipgateio_core::Error::Api) meaning "invalid pagination input", with the
//! server's message. The API sends no total count for numbers, so
//! [`Page::total_count`](sipgateio_core::Page::total_count) is usually `None`: use
//! [`stream`](NumbersClient::stream) to read them all.

mod client;
mod model;
mod routing;

pub use client::{NumbersClient, NumbersExt};
pub use model::{MnpState, Number, NumberType};
pub use routing::NumberSettings;
pub use sipgateio_core::Pagination;
pub use sipgateio_types::{ExtensionId, NumberId, WebuserId};
