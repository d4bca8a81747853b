//! Secrets never show in `Debug`: a check for every client type that holds a
//! `sipgateio_core::Client`.
//!
//! ```
//! use sipgateio_test_support::secrets;
//!
//! // The core client itself; a domain crate passes `|client| client.sms()` and the like.
//! secrets::assert_debug_hides_credentials(|client| client.clone());
//! ```

use std::fmt::Debug;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sipgateio_core::Client;

const TOKEN_ID: &str = "token-XQ7Z9K";
const TOKEN: &str = "5e1c0f7a-0d1b-4d4e-9a51-7f0c2b9e4d11";
const OAUTH: &str = "eyJhbGciOiJSUzI1NiJ9.secret-oauth-payload.signature";
const USERNAME: &str = "ada@example.com";
const PASSWORD: &str = "correct-horse-battery-staple";

/// Every form a secret of these credentials could leak in: the token, the OAuth token, the
/// password, and the base64 of the Basic header values.
fn forbidden() -> [String; 5] {
    [
        TOKEN.to_owned(),
        OAUTH.to_owned(),
        PASSWORD.to_owned(),
        STANDARD.encode(format!("{TOKEN_ID}:{TOKEN}")),
        STANDARD.encode(format!("{USERNAME}:{PASSWORD}")),
    ]
}

/// Builds a client with each kind of credentials (personal access token, OAuth token, user
/// and password), hands it to `make` and asserts that neither `{:?}` nor `{:#?}` of what
/// `make` returns shows a secret.
pub fn assert_debug_hides_credentials<T: Debug>(make: impl Fn(&Client) -> T) {
    let builders = [
        Client::builder().personal_access_token(TOKEN_ID, TOKEN),
        Client::builder().oauth_token(OAUTH),
        Client::builder().basic_auth(USERNAME, PASSWORD),
    ];
    for builder in builders {
        let client = builder.build().expect("well-formed test credentials");
        let value = make(&client);
        let text = format!("{value:?} {value:#?}");
        for secret in forbidden() {
            assert!(!text.contains(&secret), "Debug shows a secret: {text}");
        }
    }
}
