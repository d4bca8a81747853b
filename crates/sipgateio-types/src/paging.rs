//! Paging limits of the sipgate API: facts of the server that several crates check before a
//! request is sent. The SDK's own choices (how many items a stream fetches per request, how
//! many pages at most) stay with the crates that make them.

/// The largest `offset` or `limit` any paged endpoint takes: both are 32-bit signed integers
/// on the wire (2³¹ − 1).
pub const MAX_PAGING_VALUE: u32 = i32::MAX as u32;

/// The largest `limit` of `GET /history` (and `GET /history/export`).
pub const HISTORY_MAX_LIMIT: u32 = 1000;

/// The `limit` `GET /history` applies when none is given.
pub const HISTORY_DEFAULT_LIMIT: u32 = 10;

/// The `limit` `GET /contacts` applies when none is given.
pub const CONTACTS_DEFAULT_LIMIT: u32 = 5000;

// The defaults are within the limits.
const _: () = assert!(HISTORY_DEFAULT_LIMIT <= HISTORY_MAX_LIMIT);
const _: () = assert!(CONTACTS_DEFAULT_LIMIT <= MAX_PAGING_VALUE);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_paging_value_is_an_int32() {
        assert_eq!(i32::try_from(MAX_PAGING_VALUE), Ok(2_147_483_647));
        assert!(i32::try_from(MAX_PAGING_VALUE + 1).is_err());
    }
}
