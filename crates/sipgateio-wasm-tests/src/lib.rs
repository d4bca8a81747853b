//! The SDK in a browser: the tests of this crate (`tests/browser.rs`) run on
//! `wasm32-unknown-unknown` in headless Chromium against a sandbox started by `.ci/wasm`.
//!
//! The page cannot read the environment, so the tests take the sandbox's address and
//! credentials at build time, from the variables [`SANDBOX_VARIABLES`] names (the ones the
//! sandbox's discovery uses too):
//!
//! ```
//! use sipgateio_wasm_tests::SANDBOX_VARIABLES;
//!
//! assert_eq!(SANDBOX_VARIABLES[0], "SIPGATEIO_SANDBOX_URL");
//! assert!(SANDBOX_VARIABLES.iter().all(|name| name.starts_with("SIPGATEIO_SANDBOX_")));
//! ```

/// The build-time variables of the browser tests: the sandbox's base URL, token id and token.
pub const SANDBOX_VARIABLES: [&str; 3] = [
    "SIPGATEIO_SANDBOX_URL",
    "SIPGATEIO_SANDBOX_TOKEN_ID",
    "SIPGATEIO_SANDBOX_TOKEN",
];
