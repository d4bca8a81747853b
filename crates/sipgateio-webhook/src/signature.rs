//! `X-Sipgate-Signature`: RSA PKCS#1 v1.5 with SHA-256 over the raw body bytes.
//!
//! Two implementations of the one check: aws-lc-rs natively (the default), RustCrypto's `rsa`
//! with the `rsa` feature (pure Rust: wasm32-unknown-unknown). The same tests and vectors run
//! against both (`cargo test -p sipgateio-webhook --features rsa`, and the browser tests).

use std::fmt;
use std::sync::{Arc, OnceLock};

use backend::ParsedPublicKey;
use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::error::{Error, Result};

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "x-sipgate-signature";

/// sipgate's webhook signing key (RSA-4096, SubjectPublicKeyInfo PEM), as published in
/// sipgateio-node and sipgate's verifier.
pub const SIPGATE_PUBLIC_KEY_PEM: &str = include_str!("sipgate-webhook-public-key.pem");

/// Standard base64, padding optional (sipgate pads; lenient like Node).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An RSA public key that webhook signatures are checked against (parsed once, cheap to clone).
///
/// ```
/// use sipgateio_webhook::PublicKey;
///
/// let key = PublicKey::sipgate();
/// let body = b"callId=&direction=in&event=newCall&from=4912354678&fullUserId%5B%5D%5B0%5D=123456789&originalCallId=&to=49999999&user%5B%5D%5B0%5D=TestUser&userId%5B%5D%5B0%5D=123456789&xcid=";
/// let signature = "hlY7r9Vad0NP/7xJxf+vcDqjWaGWHOcIrj+rcP5aqQQcHtbSLsElp2kRNRPBL5unWbq6bExVPZB49HHM+Y/fWSVL19q7KSJhYPHfikcME0r0mCYB4S/VnJwnIvpiqz6s7Dpnk3wDCy65B3WQLwBVWA9oh6ojNM/g+87YnoMTKRx1KoFqosKNfBp1c1I8XjXusGOW/VlGnMb6wHhUVdwi9K7FfUgxj2pnV+M1Xv9rYs6RAi4V1OcUPqdT5geHsxWa09sk+AEHSUm1EFnAvx7PhIkugpNwST7yPKHf0+iyei4qUQCBZtfQVOI4mLZTRfQuyVo3YuJfvHaNPYY34/1ZCZGCKeu+HS6WHs1vGUyKxSi8v4JJqog2VOlWruf8pMGg+syuAFwuxiCnWsSXgaaUfe9JrBAFjBxUmNP9DzR1bbkwxkJnthacu7jALXjGsubjSSSl955QgenV/ZpODHgWDPg0fe6qGILtk+kXLjyfSsoR/qgzE5W5OAyZq8W64h01KAt9Q283N7/2nogy6keiIWL3qjPolWnrchSP7iJUatM2YiTcpkNKnJ70UE05cdw3swuNe7zqD51MdOX3rAioEOFgOIFMSrxMVX+V4XK7sa5o43smN8lHoa+0AogQMuIrC7k2axdRbulSSNfyqVAZIT4qS0cItiv3aPXsdDKkkA0=";
/// assert!(key.verify(body, signature));
/// assert!(!key.verify(b"event=newCall", signature));
/// ```
#[derive(Clone)]
pub struct PublicKey {
    key: Option<Arc<ParsedPublicKey>>,
    /// The length of this key's signatures in bytes (the modulus length).
    signature_len: usize,
}

impl PublicKey {
    /// sipgate's own key (the default of the webhook server).
    pub fn sipgate() -> Self {
        static SIPGATE: OnceLock<PublicKey> = OnceLock::new();
        SIPGATE
            .get_or_init(|| {
                // The embedded key is tested; should it ever fail to parse, the key verifies
                // nothing (fail closed) instead of panicking.
                Self::from_pem(SIPGATE_PUBLIC_KEY_PEM).unwrap_or_else(|error| {
                    tracing::error!(%error, "the embedded sipgate public key is unreadable");
                    Self {
                        key: None,
                        signature_len: 0,
                    }
                })
            })
            .clone()
    }

    /// A key from a PEM `-----BEGIN PUBLIC KEY-----` block (SubjectPublicKeyInfo), e.g. the
    /// sandbox's key. RSA 2048 to 8192 bits.
    pub fn from_pem(pem: &str) -> Result<Self> {
        let body = pem
            .trim()
            .strip_prefix("-----BEGIN PUBLIC KEY-----")
            .and_then(|rest| rest.trim_end().strip_suffix("-----END PUBLIC KEY-----"))
            .ok_or(Error::public_key(
                "expected one `-----BEGIN PUBLIC KEY-----` PEM block",
            ))?;
        let base64: String = body.split_whitespace().collect();
        let der = BASE64
            .decode(base64.as_bytes())
            .map_err(|error| Error::public_key(format!("the PEM body is not base64: {error}")))?;
        Self::from_spki_der(&der)
    }

    /// A key from DER-encoded SubjectPublicKeyInfo bytes.
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        let (key, signature_len) = backend::parse(der).map_err(Error::public_key)?;
        Ok(Self {
            key: Some(Arc::new(key)),
            signature_len,
        })
    }

    /// The length of this key's signatures in bytes (512 for sipgate's RSA-4096 key).
    pub fn signature_len(&self) -> usize {
        self.signature_len
    }

    /// Whether `signature` (the header value: standard base64) is this key's signature of
    /// `body`.
    pub fn verify(&self, body: &[u8], signature: &str) -> bool {
        let Some(key) = &self.key else {
            return false;
        };
        match self.decode_signature(signature) {
            Some(signature) => key.verify_sig(body, &signature),
            None => false,
        }
    }

    /// The signature bytes of a header value, if it is standard base64 of exactly
    /// [`signature_len`](Self::signature_len) bytes (checked before a body is read).
    pub(crate) fn decode_signature(&self, signature: &str) -> Option<Vec<u8>> {
        let signature = signature.trim();
        // Base64 of n bytes is at most 4 * ceil(n / 3) characters: refuse longer values
        // before decoding them.
        if self.key.is_none() || signature.len() > self.signature_len.div_ceil(3) * 4 {
            return None;
        }
        BASE64
            .decode(signature.as_bytes())
            .ok()
            .filter(|decoded| decoded.len() == self.signature_len)
    }

    /// Whether `signature` (already decoded) is this key's signature of `body`.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn verify_decoded(&self, body: &[u8], signature: &[u8]) -> bool {
        self.key
            .as_ref()
            .is_some_and(|key| key.verify_sig(body, signature))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &"RSA PKCS#1 v1.5 SHA-256")
            .field("usable", &self.key.is_some())
            .field("signature_len", &self.signature_len)
            .finish()
    }
}

/// The native check: aws-lc-rs (RSA 2048 to 8192 bits).
#[cfg(not(feature = "rsa"))]
mod backend {
    use aws_lc_rs::rsa::PublicEncryptingKey;
    use aws_lc_rs::signature::{self, RSA_PKCS1_2048_8192_SHA256};

    /// A parsed RSA public key for PKCS#1 v1.5 SHA-256 signatures.
    pub(super) struct ParsedPublicKey(signature::ParsedPublicKey);

    impl ParsedPublicKey {
        pub(super) fn verify_sig(&self, body: &[u8], signature: &[u8]) -> bool {
            self.0.verify_sig(body, signature).is_ok()
        }
    }

    /// The key and its signature length in bytes.
    pub(super) fn parse(der: &[u8]) -> Result<(ParsedPublicKey, usize), String> {
        let key = signature::ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
            .map_err(|error| format!("not an RSA public key: {error}"))?;
        let signature_len = PublicEncryptingKey::from_der(der)
            .map_err(|error| format!("not an RSA public key: {error}"))?
            .key_size_bytes();
        Ok((ParsedPublicKey(key), signature_len))
    }
}

/// The pure-Rust check: RustCrypto's rsa and sha2 (RSA 2048 to 4096 bits).
#[cfg(feature = "rsa")]
mod backend {
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::pkcs8::DecodePublicKey as _;
    use rsa::signature::Verifier as _;
    use rsa::traits::PublicKeyParts as _;
    use sha2::Sha256;

    /// A parsed RSA public key for PKCS#1 v1.5 SHA-256 signatures.
    pub(super) struct ParsedPublicKey(VerifyingKey<Sha256>);

    impl ParsedPublicKey {
        pub(super) fn verify_sig(&self, body: &[u8], signature: &[u8]) -> bool {
            Signature::try_from(signature)
                .is_ok_and(|signature| self.0.verify(body, &signature).is_ok())
        }
    }

    /// The key and its signature length in bytes. Refuses keys under 2048 bits, like the
    /// native check (rsa itself refuses keys over 4096 bits).
    pub(super) fn parse(der: &[u8]) -> Result<(ParsedPublicKey, usize), String> {
        let key = rsa::RsaPublicKey::from_public_key_der(der)
            .map_err(|error| format!("not an RSA public key: {error}"))?;
        if key.n().bits() < 2048 {
            return Err(format!(
                "not an RSA public key: {} bits are too few (at least 2048)",
                key.n().bits()
            ));
        }
        let signature_len = key.size();
        Ok((ParsedPublicKey(VerifyingKey::new(key)), signature_len))
    }
}

#[cfg(all(not(feature = "rsa"), target_arch = "wasm32", target_os = "unknown"))]
compile_error!(
    "sipgateio-webhook on wasm32-unknown-unknown needs its `rsa` feature (the pure-Rust \
     signature check) and no `server`: default-features = false, features = [\"rsa\"]"
);
