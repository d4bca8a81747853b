//! Every future and stream of the SDK is `Send`, on wasm32 too.
//!
//! On `wasm32-unknown-unknown` reqwest's futures and responses hold JavaScript values that are
//! not `Send` (a `JsFuture`, the fetch's abort closure). A browser runs WebAssembly on one
//! thread, so nothing is ever sent anywhere, but frameworks and our own `ItemStream` ask for
//! `Send` futures. There the SDK wraps them in a [`SendWrapper`](send_wrapper::SendWrapper),
//! which is `Send` and would panic if it were ever used from a second thread (which a
//! single-threaded wasm module has not). Natively the wrapper is not there at all.

/// The value itself (native targets: reqwest's futures are `Send` already).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) fn sendable<T>(value: T) -> T {
    value
}

/// The value in a [`SendWrapper`](send_wrapper::SendWrapper) (wasm32: one thread).
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) fn sendable<T>(value: T) -> send_wrapper::SendWrapper<T> {
    send_wrapper::SendWrapper::new(value)
}
