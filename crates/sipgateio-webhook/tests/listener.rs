//! Serving on an already bound listener (port 0) with the server address taken from it, and
//! handlers that mix XML, webhook and REST errors with `?`.

mod support;

use std::time::Duration;

use sipgateio_test_support::webhook::{answer, post_signed};
use sipgateio_webhook::xml::{Gather, Response};
use sipgateio_webhook::{
    Announcement, CallId, Event, HandlerError, WebhookServer, play_audio_and_hang_up,
};
use support::builder;
use tokio::net::TcpListener;

#[tokio::test]
async fn serve_on_a_port_0_listener_with_its_address_as_the_server_address() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let url = format!("http://{}/", listener.local_addr().expect("address"));
    let server = builder()
        .local_server_address(&listener)
        .on_new_call(|_call| async { Response::gather(Gather::new().max_digits(1)) })
        .on_hangup(|_hangup| async {})
        .on_dtmf(|_dtmf| async {})
        .build()
        .expect("valid configuration");
    assert_eq!(server.server_address(), Some(url.as_str()));
    let serving = tokio::spawn(server.serve_on(listener));

    let (status, _, xml) = answer(post_signed(&url, "event=newCall&callId=c1").await).await;

    assert_eq!(status, 200);
    assert!(xml.contains(&format!(r#"onHangup="{url}""#)), "{xml}");
    assert!(xml.contains(&format!(r#"onData="{url}""#)), "{xml}");
    assert!(
        !serving.is_finished(),
        "serve_on keeps serving until Ctrl-C"
    );
    serving.abort();
}

#[tokio::test]
async fn an_unspecified_bind_address_becomes_loopback() {
    let listener = TcpListener::bind("0.0.0.0:0").await.expect("bind port 0");
    let port = listener.local_addr().expect("address").port();
    let server = WebhookServer::builder()
        .local_server_address(&listener)
        .build()
        .expect("valid configuration");
    assert_eq!(
        server.server_address(),
        Some(format!("http://127.0.0.1:{port}/").as_str())
    );
}

#[tokio::test]
async fn an_explicit_server_address_set_later_wins() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let server = WebhookServer::builder()
        .local_server_address(&listener)
        .server_address("https://example.com/hook")
        .build()
        .expect("valid configuration");
    assert_eq!(server.server_address(), Some("https://example.com/hook"));
}

/// One handler using `?` on an XML error, a webhook error and a REST error.
async fn mixed(digits: String, client: sipgateio_core::Client) -> Result<Response, HandlerError> {
    match digits.as_str() {
        "0" => Ok(Response::gather(Gather::new().max_digits(0))?),
        "1" => {
            let bye = Announcement::with_known_duration("not a url", Duration::ZERO);
            let call = CallId::new("c1");
            Ok(play_audio_and_hang_up(
                &client,
                &call,
                &bye,
                Duration::ZERO,
            )?)
        }
        "2" => Err(sipgateio_core::Error::invalid_input(
            "callId",
            "must not be empty",
        ))?,
        _ => Ok(Response::hang_up()),
    }
}

#[tokio::test]
async fn a_handler_mixes_xml_webhook_and_rest_errors_with_question_marks() {
    let client = sipgateio_core::Client::builder()
        .personal_access_token("token-6HEF5K", "3b1c4a5e-8f2d-4c6b-9a7e-1d2f3a4b5c6d")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("client");
    let server = WebhookServer::builder()
        .server_address("https://example.com/hook")
        .on_dtmf(move |dtmf| mixed(dtmf.digits, client.clone()))
        .build()
        .expect("valid configuration");
    let dtmf = |digits: &str| {
        Event::from_form(format!("event=dtmf&callId=c1&dtmf={digits}").as_bytes())
            .expect("valid body")
    };

    let xml_error = server.dispatch(dtmf("0")).await.expect_err("maxDigits 0");
    assert!(xml_error.message().contains("maxDigits"), "{xml_error}");
    let webhook_error = server.dispatch(dtmf("1")).await.expect_err("bad URL");
    assert!(webhook_error.message().contains("Url"), "{webhook_error}");
    let rest_error = server.dispatch(dtmf("2")).await.expect_err("REST error");
    assert!(rest_error.message().contains("callId"), "{rest_error}");
    let fine = server.dispatch(dtmf("9")).await.expect("answer");
    assert_eq!(fine, Response::hang_up());

    let converted: HandlerError = Event::from_form(b"").expect_err("no event field").into();
    assert_eq!(
        converted.message(),
        "malformed webhook body: the `event` field is missing or empty"
    );
}
