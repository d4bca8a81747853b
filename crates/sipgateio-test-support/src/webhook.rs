//! Signed webhooks: a committed test key pair, sipgate's published signature vector, and
//! signed form POSTs.
//!
//! sipgate signs the raw body of every webhook with RSA PKCS#1 v1.5 over SHA-256 and sends the
//! signature, standard base64, in `X-Sipgate-Signature`. A test cannot sign with sipgate's
//! key, so it signs with [`TEST_PRIVATE_KEY_PEM`] (a fixed RSA-2048 pair made with openssl:
//! generating one is slow in debug builds) and has its server trust
//! [`TEST_PUBLIC_KEY_PEM`]. [`sipgate_vector`] is a body sipgate really signed, for the tests
//! of sipgate's own key.
//!
//! ```
//! use sipgateio_test_support::webhook::{self, TEST_PUBLIC_KEY_PEM};
//!
//! let body = b"event=newCall&from=4921&to=4922&callId=c1";
//! let signature = webhook::sign(body);
//! assert!(webhook::verify(TEST_PUBLIC_KEY_PEM, body, &signature));
//! assert!(!webhook::verify(TEST_PUBLIC_KEY_PEM, b"event=newCall", &signature));
//!
//! let vector = webhook::sipgate_vector();
//! assert!(!webhook::verify(TEST_PUBLIC_KEY_PEM, vector.valid_body.as_bytes(), vector.signature));
//! ```

use std::time::Duration;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair, UnparsedPublicKey,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The test key pair's private key (PKCS#8 PEM, RSA-2048). Only tests sign with it.
pub const TEST_PRIVATE_KEY_PEM: &str = include_str!("../keys/test-private-key.pem");

/// The test key pair's public key (SPKI PEM): what a server under test trusts.
pub const TEST_PUBLIC_KEY_PEM: &str = include_str!("../keys/test-public-key.pem");

/// The content type sipgate posts webhooks with.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=UTF-8";

/// How long [`post_signed`] waits for an answer before it fails the test.
pub const POST_TIMEOUT: Duration = Duration::from_secs(30);

const VECTOR: &str = include_str!("../data/sipgate-signature-vector.txt");

/// A webhook body signed by sipgate with its real key, and a tampered copy.
#[derive(Clone, Copy, Debug)]
pub struct SignedVector {
    /// The body exactly as sipgate sent and signed it.
    pub valid_body: &'static str,
    /// The body with a few bytes changed: the signature does not cover it.
    pub tampered_body: &'static str,
    /// sipgate's signature of `valid_body` (standard base64).
    pub signature: &'static str,
}

/// sipgate's published signature test vector: a body that verifies with sipgate's webhook
/// key, and a tampered copy that does not.
pub fn sipgate_vector() -> SignedVector {
    let field = |key: &str| {
        VECTOR
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("{key} is in the committed vector file"))
    };
    SignedVector {
        valid_body: field("VALID_BODY"),
        tampered_body: field("TAMPERED_BODY"),
        signature: field("SIGNATURE"),
    }
}

/// The DER bytes of a PEM document (the base64 between the `-----` lines).
fn pem_body(pem: &str) -> Vec<u8> {
    let base64: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    STANDARD.decode(base64).expect("a PEM body in base64")
}

/// Signs `body` with the test private key, as sipgate signs with its own; standard base64.
pub fn sign(body: &[u8]) -> String {
    let key =
        RsaKeyPair::from_pkcs8(&pem_body(TEST_PRIVATE_KEY_PEM)).expect("the test key is PKCS#8");
    let mut signature = vec![0; key.public_modulus_len()];
    key.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        body,
        &mut signature,
    )
    .expect("signing with the test key");
    STANDARD.encode(signature)
}

/// Whether `signature` (standard base64) is a valid RSA PKCS#1 v1.5 SHA-256 signature of
/// `body` by the key `public_key_pem` (SPKI PEM): a check written apart from the webhook
/// crate's and the sandbox's own, to test either against. `false` for anything malformed.
pub fn verify(public_key_pem: &str, body: &[u8], signature: &str) -> bool {
    let der: String = public_key_pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let (Ok(der), Ok(signature)) = (STANDARD.decode(der), STANDARD.decode(signature.trim())) else {
        return false;
    };
    UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
        .verify(body, &signature)
        .is_ok()
}

/// POSTs a form body signed with the test key to `url`, as sipgate posts a webhook; fails
/// the test if no answer comes within [`POST_TIMEOUT`].
pub async fn post_signed(url: &str, body: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .timeout(POST_TIMEOUT)
        .build()
        .expect("an HTTP client")
        .post(url)
        .header("content-type", FORM_CONTENT_TYPE)
        .header("x-sipgate-signature", sign(body.as_bytes()))
        .body(body.to_owned())
        .send()
        .await
        .unwrap_or_else(|error| panic!("POST {url} is answered: {error}"))
}

/// The status, the content type and the body text of an answer.
pub async fn answer(response: reqwest::Response) -> (u16, Option<String>, String) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().expect("an ASCII content type").to_owned());
    (
        status,
        content_type,
        response.text().await.expect("the answer's body"),
    )
}
