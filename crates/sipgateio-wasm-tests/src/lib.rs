//! The SDK in a browser: the tests of this crate (`tests/browser.rs`) run on
//! `wasm32-unknown-unknown` in headless Chromium against a sandbox started by `.ci/wasm`.
//! The library itself is empty; it exists so that the tests have a crate to live in.
//!
//! ```
//! // Nothing to call: see tests/browser.rs.
//! ```
