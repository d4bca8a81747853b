//! What the API's error statuses mean for each SMS operation (node-behaviour.md 1.7 and the
//! OpenAPI descriptions). They show up in the error's `Display`; the variant stays the core's.

use sipgateio_core::transport::Request;

/// Sending (`POST /sessions/sms`).
pub(crate) fn send(request: Request) -> Request {
    request
        .on_status(400, "the SMS was rejected: check recipient, message and send time")
        .on_status(402, "insufficient funds to send the SMS")
        .on_status(
            403,
            "invalid SMS extension or sender not allowed (or SMS/sipgate.io not booked, or the token lacks the sessions:sms:write scope)",
        )
}

/// Reading a web user's SMS extensions (`GET /{userId}/sms`).
pub(crate) fn extensions(request: Request) -> Request {
    request
        .on_status(403, "not allowed to read this web user's SMS extensions")
        .on_status(404, "web user not found")
}

/// Reading or changing the caller ids of an SMS extension.
pub(crate) fn caller_ids(request: Request) -> Request {
    request
        .on_status(
            403,
            "invalid SMS extension or not allowed to manage its caller ids",
        )
        .on_status(404, "SMS extension or caller id not found")
}

/// Registering a new sender number (`POST /{userId}/sms/{smsId}/callerids`).
pub(crate) fn add_caller_id(request: Request) -> Request {
    caller_ids(request)
        .on_status(400, "the sender number was rejected")
        .on_status(402, "insufficient funds to register the sender number")
}

/// Verifying a sender number with its code.
pub(crate) fn verify_caller_id(request: Request) -> Request {
    caller_ids(request).on_status(400, "the verification code was not accepted")
}

/// Changing an SMS extension (`PUT /{userId}/sms/{smsId}`).
pub(crate) fn extension(request: Request) -> Request {
    request
        .on_status(403, "invalid SMS extension or not allowed to change it")
        .on_status(404, "SMS extension not found")
}
