//! Timers that work natively and in the browser: [`sleep`], [`timeout`] and [`Instant`].
//!
//! Natively they are tokio's (`tokio::time`, so tests on tokio's paused clock control them);
//! on `wasm32-unknown-unknown` they are the JavaScript host's `setTimeout` and
//! `performance.now()`, so no tokio runtime is needed there (`tokio::time::sleep` would panic
//! in a browser, and `std::time::Instant::now()` panics on that target). The client's retries,
//! the fax crate's polling and the OAuth crate's token lifetimes use them; use them in code of
//! your own that must run on both.
//!
//! # Example
//!
//! ```
//! use std::time::Duration;
//! use sipgateio_core::timer::{self, Instant};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let started = Instant::now();
//! timer::sleep(Duration::from_millis(5)).await;
//! let waited: Duration = started.elapsed();
//! # let _ = waited;
//!
//! // A future that does not finish in time is dropped: `None`.
//! let never = std::future::pending::<()>();
//! assert_eq!(timer::timeout(Duration::from_millis(5), never).await, None);
//! assert_eq!(timer::timeout(Duration::from_secs(5), async { 7 }).await, Some(7));
//! # }
//! ```

use std::future::Future;
use std::time::Duration;

/// A point in time for measuring how long something took: `tokio::time::Instant` natively
/// (it follows tokio's paused clock in tests), `web_time::Instant` (the host's
/// `performance.now()`) on `wasm32-unknown-unknown`.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use tokio::time::Instant;

/// A point in time for measuring how long something took: `tokio::time::Instant` natively
/// (it follows tokio's paused clock in tests), `web_time::Instant` (the host's
/// `performance.now()`) on `wasm32-unknown-unknown`.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub use web_time::Instant;

/// Waits `duration`: `tokio::time::sleep` natively (it needs a tokio runtime with its timer
/// enabled), a `setTimeout` of the JavaScript host on `wasm32-unknown-unknown` (a browser page
/// or a worker; no runtime needed). The future is `Send` on both.
///
/// On wasm32 a duration above `i32::MAX` milliseconds (24.8 days) waits that long.
pub async fn sleep(duration: Duration) {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    tokio::time::sleep(duration).await;
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    crate::sendable::sendable(wasm::sleep(duration)).await;
}

/// Runs `future` for at most `duration`: its output, or `None` when the time ran out first
/// (the future is then dropped, which cancels it).
pub async fn timeout<F: Future>(duration: Duration, future: F) -> Option<F::Output> {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    {
        tokio::time::timeout(duration, future).await.ok()
    }
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    {
        use futures_util::future::{Either, select};
        let future = std::pin::pin!(future);
        let timer = std::pin::pin!(sleep(duration));
        match select(future, timer).await {
            Either::Left((output, _)) => Some(output),
            Either::Right(((), _)) => None,
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod wasm {
    use std::time::Duration;

    use wasm_bindgen::{JsCast as _, JsValue};

    /// A promise resolved by the host's global `setTimeout` (present in pages and workers),
    /// awaited as a future. Without a `setTimeout` (a host we do not know) it resolves at once
    /// and says so in the log rather than waiting forever.
    pub(super) async fn sleep(duration: Duration) {
        let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let set_timeout =
                js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("setTimeout"))
                    .ok()
                    .and_then(|value| value.dyn_into::<js_sys::Function>().ok());
            let scheduled = set_timeout.is_some_and(|set_timeout| {
                set_timeout
                    .call2(&JsValue::UNDEFINED, &resolve, &JsValue::from(millis))
                    .is_ok()
            });
            if !scheduled {
                tracing::warn!("the JavaScript host has no setTimeout; not waiting");
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
