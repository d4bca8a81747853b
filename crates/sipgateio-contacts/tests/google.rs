//! Google import against a mock API: the exact request, the empty answer, the error meanings,
//! and a bad token that sends nothing and is never shown.

use serde_json::json;
use sipgateio_contacts::{ContactsExt, Secret};
use sipgateio_core::Error;
use sipgateio_test_support::mock::{assert_no_request, client, json_body, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "ya29.a0AfH6SMB-google-access-token";

async fn answer(server: &MockServer, status: u16) {
    Mock::given(method("POST"))
        .and(path("/v2/contacts/import/google"))
        .respond_with(ResponseTemplate::new(status))
        .mount(server)
        .await;
}

#[tokio::test]
async fn import_google_posts_the_token_and_takes_an_empty_answer() {
    let server = MockServer::start().await;
    answer(&server, 200).await;
    client(&server)
        .contacts()
        .import_google(&Secret::new(TOKEN))
        .await
        .expect("imported");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/v2/contacts/import/google");
    assert_eq!(requests[0].url.query(), None);
    assert_eq!(json_body(&requests[0]), json!({"token": TOKEN}));
}

#[tokio::test]
async fn rejections_carry_their_meaning_and_never_the_token() {
    for (status, meaning) in [
        (400, "the server rejected the Google import"),
        (403, "may not change contacts"),
    ] {
        let server = MockServer::start().await;
        answer(&server, status).await;
        let error = client(&server)
            .contacts()
            .import_google(&Secret::new(TOKEN))
            .await
            .expect_err("refused");
        assert_eq!(error.status(), Some(status));
        assert!(error.to_string().contains(meaning), "{error}");
        assert!(!error.to_string().contains(TOKEN), "{error}");
        assert!(!format!("{error:?}").contains(TOKEN), "{error:?}");
    }
    let server = MockServer::start().await;
    answer(&server, 403).await;
    let error = client(&server)
        .contacts()
        .import_google(&Secret::new(TOKEN))
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
}

#[tokio::test]
async fn a_bad_token_sends_nothing_and_is_not_shown() {
    let server = MockServer::start().await;
    let contacts = client(&server).contacts();
    for bad in ["", "ya29 secret-part", "ya29.\nsecret-part"] {
        let error = contacts
            .import_google(&Secret::new(bad))
            .await
            .expect_err("bad token");
        assert_eq!(error.invalid_field(), Some("google_token"), "{error}");
        assert!(!error.to_string().contains("secret-part"), "{error}");
    }
    assert_no_request(&server).await;
}
