//! The headers sent with every request.

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue, USER_AGENT};

/// This crate's version, sent as `X-Sipgate-Version`.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");
/// This SDK's name, as sent in `X-Sipgate-Client`.
pub const SDK_NAME: &str = "sipgateio-rs";

/// The JSON sent as `X-Sipgate-Client`: the SDK's name and version, the language and the OS.
///
/// ```
/// let client = sipgateio_core::transport::client_info();
/// let value: serde_json::Value = serde_json::from_str(&client).unwrap();
/// assert_eq!(value["name"], "sipgateio-rs");
/// assert_eq!(value["type"], "rust");
/// ```
pub fn client_info() -> String {
    serde_json::json!({
        "version": SDK_VERSION,
        "type": "rust",
        "name": SDK_NAME,
        "os": std::env::consts::OS,
    })
    .to_string()
}

pub(crate) fn default_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(
        USER_AGENT,
        HeaderValue::from_static(concat!("sipgateio-rs/", env!("CARGO_PKG_VERSION"))),
    );
    headers.insert("x-sipgate-version", HeaderValue::from_static(SDK_VERSION));
    if let Ok(value) = HeaderValue::from_str(&client_info()) {
        headers.insert("x-sipgate-client", value);
    }
    headers
}
