//! What the API's error statuses mean for each fax operation (node-behaviour.md 1.7 and 5,
//! and the OpenAPI descriptions).

use sipgateio_core::transport::Request;

/// Sending (`POST /sessions/fax`).
pub(crate) fn send(request: Request) -> Request {
    request
        .on_status(
            400,
            "the fax was rejected: check recipient, faxline, file name and document",
        )
        .on_status(402, "insufficient funds to send the fax")
        .on_status(403, "fax feature not booked or faxline not allowed")
        .on_status(404, "fax was not found (unknown faxline)")
}

/// Resending (`POST /sessions/fax/resend`).
pub(crate) fn resend(request: Request) -> Request {
    request
        .on_status(400, "the resend was rejected: check the fax id and faxline")
        .on_status(402, "insufficient funds to resend the fax")
        .on_status(403, "fax feature not booked or faxline not allowed")
        .on_status(404, "fax was not found")
}

/// Reading a fax's status (`GET /history/{id}`).
pub(crate) fn status(request: Request) -> Request {
    request
        .on_status(403, "not allowed to read the fax's history entry")
        .on_status(
            404,
            "fax was not found (no history entry with this session id)",
        )
}

/// Listing fax lines (`GET /{userId}/faxlines`).
pub(crate) fn faxlines(request: Request) -> Request {
    request
        .on_status(
            403,
            "fax feature not booked or not allowed to read this user's faxlines",
        )
        .on_status(404, "web user not found")
}

/// Fax-line administration (`/{userId}/faxlines/{faxlineId}…`: create, delete, alias,
/// tagline, caller id, numbers).
pub(crate) fn faxline_admin(request: Request) -> Request {
    request
        .on_status(
            400,
            "the fax line change was rejected: check the value sent",
        )
        .on_status(
            403,
            "fax feature not booked or not allowed to change this user's faxlines",
        )
        .on_status(404, "faxline not found (or web user not found)")
}
