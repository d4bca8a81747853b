//! Shared test helpers: signing with the committed test key, starting a server on port 0,
//! posting webhooks.

#![allow(dead_code)]

use std::net::SocketAddr;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sipgateio_webhook::{PublicKey, WebhookServer, WebhookServerBuilder};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A fixed RSA-2048 key pair made with openssl (key generation is slow in debug builds).
pub const TEST_PRIVATE_KEY_PEM: &str = include_str!("../keys/test-private-key.pem");
pub const TEST_PUBLIC_KEY_PEM: &str = include_str!("../keys/test-public-key.pem");

pub const VECTOR: &str = include_str!("../webhook-signature-vector.txt");

/// `KEY=value` from the vector file.
pub fn vector(key: &str) -> &'static str {
    VECTOR
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .expect("key in the vector file")
}

pub fn test_public_key() -> PublicKey {
    PublicKey::from_pem(TEST_PUBLIC_KEY_PEM).expect("test public key")
}

fn pem_body(pem: &str) -> Vec<u8> {
    let base64: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    STANDARD.decode(base64).expect("PEM body")
}

/// Sign `body` with the test private key, as sipgate signs with its own.
pub fn sign(body: &[u8]) -> String {
    let key = RsaKeyPair::from_pkcs8(&pem_body(TEST_PRIVATE_KEY_PEM)).expect("PKCS#8 key");
    let mut signature = vec![0; key.public_modulus_len()];
    key.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        body,
        &mut signature,
    )
    .expect("signing");
    STANDARD.encode(signature)
}

/// A builder that verifies with the test key.
pub fn builder() -> WebhookServerBuilder {
    WebhookServer::builder().public_key(test_public_key())
}

/// A server running on 127.0.0.1:0 until dropped.
pub struct Running {
    pub address: SocketAddr,
    pub url: String,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub async fn start(server: WebhookServer) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let address = listener.local_addr().expect("local address");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        server
            .serve_with_shutdown(listener, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
    });
    Running {
        address,
        url: format!("http://{address}/"),
        stop: Some(stop),
    }
}

/// Serve any axum app (without connect info) on 127.0.0.1:0; returns `http://address`.
pub async fn serve_app(app: axum::Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

pub fn http() -> reqwest::Client {
    reqwest::Client::new()
}

/// POST a form body signed with the test key.
pub async fn post_signed(url: &str, body: &str) -> reqwest::Response {
    http()
        .post(url)
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .header("x-sipgate-signature", sign(body.as_bytes()))
        .body(body.to_owned())
        .send()
        .await
        .expect("request answered")
}

/// Status and body text.
pub async fn answer(response: reqwest::Response) -> (u16, Option<String>, String) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().expect("ASCII").to_owned());
    (status, content_type, response.text().await.expect("body"))
}
