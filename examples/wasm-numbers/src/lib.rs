//! A browser page that lists the account's numbers: this crate is its WebAssembly, `index.html`
//! the page. The SDK runs in the page as it runs natively — the same `Client`, the same
//! `client.numbers()` — with the browser's `fetch` underneath and its timers for retries.
//!
//! Build it for the browser (README.md):
//!
//! ```sh
//! rustup target add wasm32-unknown-unknown
//! cargo build -p sipgateio-example-wasm-numbers --target wasm32-unknown-unknown --release
//! wasm-bindgen --target web --out-dir examples/wasm-numbers/pkg \
//!   target/wasm32-unknown-unknown/release/sipgateio_example_wasm_numbers.wasm
//! ```
//!
//! and serve `examples/wasm-numbers/` (e.g. `python3 -m http.server -d examples/wasm-numbers`)
//! next to a sandbox (`cargo run -p sipgateio-sandbox -- --port 8090`), which answers the
//! page's CORS requests. Natively this crate is empty.

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub use page::list_numbers;

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod page {
    use sipgateio::numbers::NumbersExt as _;
    use sipgateio::{Client, Pagination};
    use wasm_bindgen::prelude::*;

    /// The account's numbers (up to 100) as lines "number (type) → endpoint", for the page to
    /// show. Called from `index.html` with what the user typed in; every error (bad
    /// credentials, a network error, the API's message) becomes a JavaScript `Error` with the
    /// SDK's text, which never contains the token.
    #[wasm_bindgen(js_name = listNumbers)]
    pub async fn list_numbers(
        base_url: String,
        token_id: String,
        token: String,
    ) -> Result<Vec<String>, JsError> {
        let client = Client::builder()
            .base_url(base_url)
            .personal_access_token(token_id, token)
            .build()
            .map_err(|error| JsError::new(&error.to_string()))?;
        let page = client
            .numbers()
            .list(Pagination::first(100))
            .await
            .map_err(|error| JsError::new(&error.to_string()))?;
        Ok(page
            .items
            .into_iter()
            .map(|number| {
                let endpoint = match (number.endpoint_alias, number.endpoint_id) {
                    (Some(alias), _) => format!(" → {alias}"),
                    (None, Some(id)) => format!(" → {id}"),
                    (None, None) => String::new(),
                };
                format!("{} ({}){endpoint}", number.localized, number.number_type)
            })
            .collect())
    }
}
