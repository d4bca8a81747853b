//! The sandbox's webhook signature: RSA PKCS#1 v1.5 with SHA-256 over the raw body, sent
//! base64-encoded in `X-Sipgate-Signature`, like sipgate.io's push API.
//!
//! The key pair in `keys/` is a **test key** made with openssl for this crate; it is public and
//! must never protect anything real.

use std::fmt;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The sandbox's webhook signing public key (SubjectPublicKeyInfo, PEM).
///
/// Configure a webhook server with this key to accept the sandbox's simulated calls.
pub const PUBLIC_KEY_PEM: &str = include_str!("../keys/test-public-key.pem");

/// The matching private key: a published **test** key, only for the sandbox.
const PRIVATE_KEY_PEM: &str = include_str!("../keys/test-private-key.pem");

/// Signs webhook bodies with the sandbox's test key.
pub(crate) struct WebhookSigner {
    key: RsaKeyPair,
    rng: SystemRandom,
}

impl fmt::Debug for WebhookSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSigner(..)")
    }
}

/// The base64 body between the armour lines of a PEM block.
pub(crate) fn pem_body(pem: &str) -> Option<Vec<u8>> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .map(str::trim)
        .collect();
    STANDARD.decode(body).ok()
}

impl WebhookSigner {
    /// Loads the embedded test key.
    pub(crate) fn new() -> Result<Self, crate::StartError> {
        let der = pem_body(PRIVATE_KEY_PEM)
            .ok_or_else(|| crate::StartError::Key("the embedded key is not PEM".into()))?;
        let key = RsaKeyPair::from_pkcs8(&der)
            .map_err(|e| crate::StartError::Key(format!("the embedded key is rejected: {e}")))?;
        Ok(Self {
            key,
            rng: SystemRandom::new(),
        })
    }

    /// The base64 signature of `body`.
    pub(crate) fn sign(&self, body: &[u8]) -> String {
        let mut signature = vec![0; self.key.public_modulus_len()];
        match self
            .key
            .sign(&RSA_PKCS1_SHA256, &self.rng, body, &mut signature)
        {
            Ok(()) => STANDARD.encode(signature),
            Err(e) => {
                tracing::error!(error = %e, "signing a webhook body failed");
                String::new()
            }
        }
    }
}

/// Verifies a base64 `X-Sipgate-Signature` over `body` with the sandbox's public key.
///
/// A convenience for tests and for webhook apps that want to check the sandbox's pushes
/// without a crypto library of their own.
pub fn verify_signature(body: &[u8], signature_base64: &str) -> bool {
    use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
    let (Some(der), Ok(signature)) = (
        pem_body(PUBLIC_KEY_PEM),
        STANDARD.decode(signature_base64.trim()),
    ) else {
        return false;
    };
    UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
        .verify(body, &signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_with_the_public_key() -> Result<(), crate::StartError> {
        let signer = WebhookSigner::new()?;
        let body = b"event=newCall&callId=1";
        let signature = signer.sign(body);
        assert!(verify_signature(body, &signature));
        assert!(!verify_signature(b"event=newCall&callId=2", &signature));
        assert!(!verify_signature(body, "not base64!"));
        Ok(())
    }
}
