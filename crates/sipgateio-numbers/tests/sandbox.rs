//! `sipgateio-numbers` against the sandbox, an independent look-alike of the sipgate API.

use futures_util::TryStreamExt as _;
use sipgateio_core::{Client, Pagination};
use sipgateio_numbers::{ExtensionId, NumberType, NumbersExt};
use sipgateio_test_support::sandbox::start;

#[tokio::test]
async fn lists_the_seeded_numbers_with_types_and_routing() {
    let (_sandbox, client) = start().await;
    let page = client
        .numbers()
        .list(Pagination::default())
        .await
        .expect("listed");
    let numbers: Vec<(&str, &NumberType, Option<&str>)> = page
        .items
        .iter()
        .map(|n| {
            (
                n.number.as_str(),
                &n.number_type,
                n.endpoint_id.as_ref().map(ExtensionId::as_str),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [
            ("+4921100000000", &NumberType::Landline, Some("p0")),
            ("+4921100000001", &NumberType::Landline, Some("p1")),
            ("+4921100000009", &NumberType::Landline, Some("f0")),
            ("+4915700000000", &NumberType::Mobile, Some("p0")),
            ("+4921100000002", &NumberType::Landline, None),
        ]
    );
}

#[tokio::test]
async fn pages_and_streams_agree() {
    let (_sandbox, client) = start().await;
    let page = client
        .numbers()
        .list(Pagination::new(1, 2))
        .await
        .expect("listed");
    let ids: Vec<&str> = page.items.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["n1", "n2"]);

    let streamed: Vec<String> = client
        .numbers()
        .stream(2)
        .map_ok(|n| n.id.into_string())
        .try_collect()
        .await
        .expect("streamed");
    assert_eq!(streamed, ["n0", "n1", "n2", "n3", "n4"]);
}

#[tokio::test]
async fn wrong_credentials_are_unauthorized() {
    let (sandbox, _) = start().await;
    let client = Client::builder()
        .personal_access_token("token-AAAAAA", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(sandbox.base_url())
        .build()
        .expect("valid configuration");
    let error = client
        .numbers()
        .list(Pagination::default())
        .await
        .expect_err("wrong token");
    assert!(
        matches!(error, sipgateio_core::Error::Unauthorized(_)),
        "{error:?}"
    );
}
