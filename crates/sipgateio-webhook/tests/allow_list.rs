//! The source-IP allow-list over real HTTP (the peer is 127.0.0.1).

mod support;

use sipgateio_test_support::serve::Served;
use sipgateio_test_support::webhook::sign;
use sipgateio_webhook::xml::Response;
use sipgateio_webhook::{IpAllowList, IpNet};
use support::{builder, http, start};

async fn post_from_loopback(url: &str, forwarded_for: &[&str]) -> u16 {
    let body = "event=newCall&callId=1";
    let mut request = http()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-sipgate-signature", sign(body.as_bytes()));
    for value in forwarded_for {
        request = request.header("x-forwarded-for", *value);
    }
    request
        .body(body)
        .send()
        .await
        .expect("answered")
        .status()
        .as_u16()
}

fn loopback() -> IpNet {
    "127.0.0.1".parse().expect("address")
}

async fn server(list: IpAllowList) -> Served {
    start(
        builder()
            .ip_allow_list(list)
            .on_new_call(|_| async { Response::hang_up() })
            .build()
            .expect("valid"),
    )
    .await
}

#[tokio::test]
async fn sipgates_list_refuses_other_peers_with_403() {
    let running = server(IpAllowList::sipgate()).await;
    assert_eq!(post_from_loopback(&running.url("/"), &[]).await, 403);
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored() {
    // Node accepted exactly this: XFF equal to a sipgate address, from anywhere.
    let running = server(IpAllowList::sipgate()).await;
    assert_eq!(
        post_from_loopback(&running.url("/"), &["217.116.118.254"]).await,
        403
    );
    assert_eq!(
        post_from_loopback(&running.url("/"), &["212.9.46.32"]).await,
        403
    );
}

#[tokio::test]
async fn an_allowed_peer_passes() {
    let running = server(IpAllowList::sipgate().allow(loopback())).await;
    assert_eq!(post_from_loopback(&running.url("/"), &[]).await, 200);
    // Its forwarded header is not read (it is not a trusted proxy).
    assert_eq!(
        post_from_loopback(&running.url("/"), &["6.6.6.6"]).await,
        200
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_counts() {
    let running = server(IpAllowList::sipgate().trust_proxy(loopback())).await;
    assert_eq!(
        post_from_loopback(&running.url("/"), &["217.116.118.254"]).await,
        200
    );
    // A chain through another trusted hop, and a spoofed leftmost entry.
    assert_eq!(
        post_from_loopback(&running.url("/"), &["6.6.6.6, 212.9.46.32, 127.0.0.1"]).await,
        200
    );
    assert_eq!(
        post_from_loopback(&running.url("/"), &["212.9.46.32, 6.6.6.6"]).await,
        403
    );
    assert_eq!(post_from_loopback(&running.url("/"), &[]).await, 403);
    assert_eq!(
        post_from_loopback(&running.url("/"), &["not-an-ip"]).await,
        403
    );
}

#[tokio::test]
async fn a_router_served_without_connect_info_fails_closed() {
    let server = builder()
        .ip_allow_list(IpAllowList::sipgate().allow(loopback()))
        .build()
        .expect("valid");
    let served = support::serve_app(server.router()).await;
    let url = served.url("/");
    assert_eq!(post_from_loopback(&url, &[]).await, 500);
}
