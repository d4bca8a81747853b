//! `sipgateio-voicemails` against the sandbox, an independent look-alike of the sipgate API.

use sipgateio_core::Error;
use sipgateio_test_support::sandbox::start;
use sipgateio_voicemails::{EndpointType, VoicemailId, VoicemailsExt};

#[tokio::test]
async fn lists_and_reads_the_seeded_voicemails() {
    let (_sandbox, client) = start().await;
    let voicemails = client.voicemails().list().await.expect("listed");
    let boxes: Vec<(&str, &str, &EndpointType)> = voicemails
        .iter()
        .map(|v| {
            (
                v.id.as_str(),
                v.belongs_to_endpoint.extension.as_str(),
                &v.belongs_to_endpoint.endpoint_type,
            )
        })
        .collect();
    assert_eq!(
        boxes,
        [
            ("v0", "p0", &EndpointType::Phoneline),
            ("v1", "p1", &EndpointType::Phoneline)
        ]
    );

    let details = client
        .voicemails()
        .get(&voicemails[1].id)
        .await
        .expect("read");
    assert_eq!(details.id, "v1");
    assert_eq!(details.alias, voicemails[1].alias);
    assert_eq!(
        details.belongs_to_endpoint,
        voicemails[1].belongs_to_endpoint
    );
    assert!(details.access_number.is_some());
}

#[tokio::test]
async fn an_unknown_voicemail_is_not_found() {
    let (_sandbox, client) = start().await;
    let error = client
        .voicemails()
        .get(&VoicemailId::new("v9"))
        .await
        .expect_err("no v9");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("voicemail was not found"));
}
