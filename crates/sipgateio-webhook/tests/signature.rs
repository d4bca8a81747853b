//! sipgate's key and the signed test vector; keys from PEM and DER.

mod support;

use aws_lc_rs::digest::{SHA256, digest};
use sipgateio_test_support::webhook::{sign, sipgate_vector};
use sipgateio_webhook::{Error, PublicKey, SIPGATE_PUBLIC_KEY_PEM};
use support::test_public_key;

#[test]
fn the_signed_vector_verifies_with_sipgates_key() {
    let key = PublicKey::sipgate();
    assert!(key.verify(
        sipgate_vector().valid_body.as_bytes(),
        sipgate_vector().signature
    ));
}

#[test]
fn the_tampered_vector_fails() {
    let key = PublicKey::sipgate();
    assert!(!key.verify(
        sipgate_vector().tampered_body.as_bytes(),
        sipgate_vector().signature
    ));
    // One flipped byte anywhere in the body breaks it too.
    let mut body = sipgate_vector().valid_body.as_bytes().to_vec();
    body[0] ^= 1;
    assert!(!key.verify(&body, sipgate_vector().signature));
}

#[test]
fn signature_header_forms() {
    let key = PublicKey::sipgate();
    let body = sipgate_vector().valid_body.as_bytes();
    let signature = sipgate_vector().signature;
    // Surrounding whitespace and missing padding are tolerated (Node decodes leniently).
    assert!(key.verify(body, &format!("  {signature}\t")));
    assert!(key.verify(body, signature.trim_end_matches('=')));
    // Garbage is a failed check, never a panic.
    for bad in ["", "%%%", "AAAA", &signature[..100]] {
        assert!(!key.verify(body, bad), "{bad}");
    }
}

#[test]
fn the_embedded_key_is_sipgates() {
    let body: String = SIPGATE_PUBLIC_KEY_PEM
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    assert_eq!(body.len(), 736);
    assert!(body.starts_with("MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKC"));
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("base64");
    let hex: String = digest(&SHA256, &der)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hex,
        "893cfd6caad92efc277a5977daec63dee1597223b1df5b2bf69ef56cd92305b3"
    );
    assert!(PublicKey::from_spki_der(&der).is_ok());
}

#[test]
fn a_replaced_key_verifies_its_own_signatures_only() {
    let body = b"event=newCall&callId=1";
    let signature = sign(body);
    assert!(test_public_key().verify(body, &signature));
    assert!(!PublicKey::sipgate().verify(body, &signature));
    assert!(!test_public_key().verify(
        sipgate_vector().valid_body.as_bytes(),
        sipgate_vector().signature
    ));
}

#[test]
fn bad_keys_are_errors() {
    for pem in [
        "",
        "-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
    ] {
        assert!(
            matches!(PublicKey::from_pem(pem), Err(Error::PublicKey(_))),
            "{pem}"
        );
    }
    assert!(matches!(
        PublicKey::from_spki_der(b"not der"),
        Err(Error::PublicKey(_))
    ));
}

#[test]
fn debug_output_is_short() {
    let debug = format!("{:?}", PublicKey::sipgate());
    assert!(debug.contains("RSA PKCS#1 v1.5 SHA-256") && debug.contains("usable: true"));
}
