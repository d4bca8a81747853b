//! `sipgateio-voicemails` against a mock sipgate API.

use serde_json::json;
use sipgateio_core::Error;
use sipgateio_test_support::mock::{client, received};
use sipgateio_voicemails::{
    EndpointType, ExtensionId, GreetingId, VoicemailId, VoicemailsClient, VoicemailsExt,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn list_gets_voicemails_and_maps_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/voicemails"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "v0", "alias": "Voicemail of Grace Hopper",
             "belongsToEndpoint": {"extension": "p0", "type": "PHONELINE"}},
            {"id": "v1", "alias": "Team box",
             "belongsToEndpoint": {"extension": "g3", "type": "GROUP"}},
            {"id": "v2", "alias": "New kind",
             "belongsToEndpoint": {"extension": "c0", "type": "CONFERENCEROOM"}}
        ]})))
        .expect(1)
        .mount(&server)
        .await;

    let voicemails = client(&server).voicemails().list().await.expect("listed");

    assert_eq!(voicemails.len(), 3);
    assert_eq!(voicemails[0].id, VoicemailId::new("v0"));
    assert_eq!(voicemails[0].alias, "Voicemail of Grace Hopper");
    assert_eq!(
        voicemails[0].belongs_to_endpoint.extension,
        ExtensionId::new("p0")
    );
    assert_eq!(
        voicemails[0].belongs_to_endpoint.endpoint_type,
        EndpointType::Phoneline
    );
    assert_eq!(
        voicemails[1].belongs_to_endpoint.endpoint_type,
        EndpointType::Group
    );
    assert_eq!(
        voicemails[2].belongs_to_endpoint.endpoint_type,
        EndpointType::Unknown("CONFERENCEROOM".into())
    );
    let seen = received(&server).await;
    assert_eq!(seen[0].url.query(), None);
    assert!(seen[0].body.is_empty());
}

#[tokio::test]
async fn list_of_an_account_without_voicemails_is_empty() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/voicemails"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    let voicemails = VoicemailsClient::new(&client(&server))
        .list()
        .await
        .expect("listed");
    assert!(voicemails.is_empty());
}

#[tokio::test]
async fn get_reads_one_voicemail_with_its_settings() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/voicemails/v0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "v0", "alias": "Voicemail of Grace Hopper",
            "belongsToEndpoint": {"extension": "w0", "type": "USER"},
            "transcription": true, "canTranscribe": true,
            "activeGreetingAlias": "Holiday", "activeGreetingId": "greeting-7",
            "accessNumber": "50000"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let details = client(&server)
        .voicemails()
        .get(&VoicemailId::new("v0"))
        .await
        .expect("read");

    assert_eq!(details.id, VoicemailId::new("v0"));
    assert_eq!(details.alias, "Voicemail of Grace Hopper");
    assert_eq!(
        details.belongs_to_endpoint.extension,
        ExtensionId::new("w0")
    );
    assert_eq!(
        details.belongs_to_endpoint.endpoint_type,
        EndpointType::User
    );
    assert!(details.transcription);
    assert!(details.can_transcribe);
    assert_eq!(details.active_greeting_alias.as_deref(), Some("Holiday"));
    assert_eq!(
        details.active_greeting_id,
        Some(GreetingId::new("greeting-7"))
    );
    assert_eq!(details.access_number.as_deref(), Some("50000"));
}

#[tokio::test]
async fn get_percent_encodes_the_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/voicemails/v0%2F..%3Fx"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .voicemails()
        .get(&VoicemailId::new("v0/..?x"))
        .await
        .expect_err("not found");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn get_with_an_empty_or_dot_id_sends_no_request() {
    let server = MockServer::start().await;
    for id in ["", ".", ".."] {
        let error = client(&server)
            .voicemails()
            .get(&VoicemailId::new(id))
            .await
            .expect_err("invalid id");
        assert_eq!(error.invalid_field(), Some("voicemail_id"), "{id:?}");
    }
    assert!(received(&server).await.is_empty());
}

async fn error_for(status: u16, url_path: &str) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/{url_path}")))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(json!({"errors": [{"title": "Voicemail feature not booked"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let voicemails = client(&server).voicemails();
    if url_path == "voicemails" {
        voicemails.list().await.map(drop).expect_err("error status")
    } else {
        voicemails
            .get(&VoicemailId::new("v0"))
            .await
            .map(drop)
            .expect_err("error status")
    }
}

#[tokio::test]
async fn status_401_is_unauthorized() {
    for url_path in ["voicemails", "voicemails/v0"] {
        let error = error_for(401, url_path).await;
        assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    }
}

#[tokio::test]
async fn status_403_means_not_booked_or_missing_scope() {
    for url_path in ["voicemails", "voicemails/v0"] {
        let error = error_for(403, url_path).await;
        assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
        let text = error.to_string();
        assert!(text.contains("voicemail feature is not booked"), "{text}");
        assert!(text.contains("voicemails:read"), "{text}");
        assert!(
            text.contains("server: Voicemail feature not booked"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn status_404_of_get_means_voicemail_not_found() {
    let error = error_for(404, "voicemails/v0").await;
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("voicemail was not found"));
}

#[tokio::test]
async fn other_statuses_are_generic() {
    for status in [400, 402, 500] {
        let error = error_for(status, "voicemails").await;
        assert_eq!(error.status(), Some(status));
        let api = error.api_error().expect("an API error");
        assert_eq!(api.context(), None, "{error}");
    }
    let error = error_for(404, "voicemails").await;
    assert!(matches!(error, Error::NotFound(ref api) if api.context().is_none()));
}

#[tokio::test]
async fn a_voicemail_without_endpoint_is_a_decode_error_naming_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/voicemails"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [{"id": "v0", "alias": "x"}]})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .voicemails()
        .list()
        .await
        .expect_err("belongsToEndpoint is required");
    assert!(
        matches!(error, Error::Decode(ref d) if d.path().starts_with("items[0]")),
        "{error:?}"
    );
}
