//! [`CallClient`] and the [`CallExt`] accessor.

use serde::{Deserialize, Serialize};
use sipgateio_core::transport::Request;
use sipgateio_core::{Client, Result};

use crate::{CallId, NewCall};

/// Starts calls.
///
/// Get one with [`CallExt::call`] (`client.call()`) or [`CallClient::new`].
#[derive(Clone, Debug)]
pub struct CallClient {
    client: Client,
}

/// Adds [`call`](CallExt::call) to the core [`Client`].
pub trait CallExt {
    /// The call-initiation part of the API.
    fn call(&self) -> CallClient;
}

impl CallExt for Client {
    fn call(&self) -> CallClient {
        CallClient::new(self)
    }
}

/// The answer to starting a call (`{"sessionId":…}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallSession {
    /// The session id: the id of the call, as the real-time call control
    /// (`sipgateio-rtcm`, e.g. `client.rtcm().hang_up(&session.session_id)`), the `callId` of
    /// webhook events and the history use it.
    #[doc(alias = "sessionId")]
    pub session_id: CallId,
}

impl CallClient {
    /// A call client using `client`'s credentials, base URL, timeouts and retries.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Starts a call (`POST /sessions/calls` with `{callee, caller, callerId?, deviceId?}`).
    ///
    /// The call is [validated](NewCall::validate) first; nothing is sent if it is invalid.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for a bad call; API errors
    /// with the meaning of their status for this request: 400 invalid call, 402 insufficient
    /// funds, 403 cannot access the extension (not found or not allowed).
    #[doc(alias = "newCall")]
    pub async fn initiate(&self, call: &NewCall) -> Result<CallSession> {
        call.validate()?;
        let request = Request::post("sessions/calls")
            .json(call)?
            .on_status(
                400,
                "invalid call: check callee, caller and deviceId (required when the caller is a number)",
            )
            .on_status(402, "insufficient funds")
            .on_status(
                403,
                "cannot access extension - not found or not allowed to call with these parameters",
            );
        self.client.send(request).await
    }
}
