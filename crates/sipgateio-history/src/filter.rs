//! [`HistoryFilter`]: which entries to list or export, and its query parameters.

use chrono::{DateTime, Utc};
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Pagination, Query, Result};
use sipgateio_types::paging;

use crate::kinds::{Direction, EntryType};

/// The largest page the API returns (`limit` ≤ 1000; the same as
/// `sipgateio_types::paging::HISTORY_MAX_LIMIT`).
pub const MAX_PAGE_SIZE: u32 = sipgateio_types::paging::HISTORY_MAX_LIMIT;

/// Which history entries to list, stream or export. Every criterion is optional; the default
/// matches everything the API returns by default.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sipgateio_history::{Direction, EntryType, HistoryFilter};
///
/// let filter = HistoryFilter::new()
///     .types([EntryType::Sms, EntryType::Fax])
///     .directions([Direction::Incoming])
///     .connection_ids(["p0", "f1"])
///     .starred(true)
///     .from(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
///     .phone_number("+4921100000");
/// assert!(filter.validate().is_ok());
///
/// // Connection ids must be extension ids.
/// let error = HistoryFilter::new().connection_ids(["p01"]).validate().unwrap_err();
/// assert_eq!(error.invalid_field(), Some("connection_ids"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HistoryFilter {
    /// Only entries of these extensions (`p0`, `f1`, …; any extension type).
    pub connection_ids: Vec<String>,
    /// Only entries of these types.
    pub types: Vec<EntryType>,
    /// Only entries with these directions.
    pub directions: Vec<Direction>,
    /// Only archived (`true`) or only not archived (`false`) entries.
    pub archived: Option<bool>,
    /// Only starred (`true`) or only unstarred (`false`) entries.
    pub starred: Option<bool>,
    /// Only entries created at or after this time (Node: `startDate`).
    pub from: Option<DateTime<Utc>>,
    /// Only entries created at or before this time (Node: `endDate`).
    pub to: Option<DateTime<Utc>>,
    /// Only entries from or to this phone number. Not supported by the CSV export.
    pub phone_number: Option<String>,
}

impl HistoryFilter {
    /// A filter that matches everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only entries of these extensions (`p0`, `f1`, …).
    #[must_use]
    pub fn connection_ids<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.connection_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Only entries of these types.
    #[must_use]
    pub fn types(mut self, types: impl IntoIterator<Item = EntryType>) -> Self {
        self.types = types.into_iter().collect();
        self
    }

    /// Only entries with these directions.
    #[must_use]
    pub fn directions(mut self, directions: impl IntoIterator<Item = Direction>) -> Self {
        self.directions = directions.into_iter().collect();
        self
    }

    /// Only archived (`true`) or not archived (`false`) entries.
    #[must_use]
    pub fn archived(mut self, archived: bool) -> Self {
        self.archived = Some(archived);
        self
    }

    /// Only starred (`true`) or unstarred (`false`) entries.
    #[must_use]
    pub fn starred(mut self, starred: bool) -> Self {
        self.starred = Some(starred);
        self
    }

    /// Only entries created at or after `time`.
    #[must_use]
    pub fn from(mut self, time: DateTime<Utc>) -> Self {
        self.from = Some(time);
        self
    }

    /// Only entries created at or before `time`.
    #[must_use]
    pub fn to(mut self, time: DateTime<Utc>) -> Self {
        self.to = Some(time);
        self
    }

    /// Only entries from or to this phone number.
    #[must_use]
    pub fn phone_number(mut self, number: impl Into<String>) -> Self {
        self.phone_number = Some(number.into());
        self
    }

    /// Checks the filter without sending anything: every connection id must be an extension
    /// id (a type letter and a number without leading zeros), and `from` must not be after
    /// `to`.
    pub fn validate(&self) -> Result<()> {
        for id in &self.connection_ids {
            validate::extension("connection_ids", id, ExtensionType::ALL)?;
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(Error::invalid_input(
                "to",
                format!("must not be before `from` ({from} > {to})"),
            ));
        }
        Ok(())
    }

    /// The query of `GET /history` (with `phonenumber`) or `GET /history/export` (without),
    /// in the Node library's parameter order, after validation.
    pub(crate) fn to_query(
        &self,
        pagination: Pagination,
        with_phone_number: bool,
    ) -> Result<Query> {
        self.validate()?;
        check_pagination(pagination)?;
        let starred = self
            .starred
            .map(|starred| if starred { "STARRED" } else { "UNSTARRED" });
        let query = Query::new()
            .push_opt("archived", self.archived)
            .push_all("connectionIds", &self.connection_ids)
            .push_all("directions", &self.directions)
            .push_time("from", self.from)
            .push_opt("starred", starred)
            .push_time("to", self.to)
            .push_all("types", &self.types);
        let query = if with_phone_number {
            query.push_opt("phonenumber", self.phone_number.as_deref())
        } else {
            query
        };
        Ok(pagination.append_to(query))
    }
}

/// The API's bounds: `offset` ≤ 2³¹−1, `limit` ≤ 1000.
pub(crate) fn check_pagination(pagination: Pagination) -> Result<()> {
    if pagination.limit.is_some_and(|limit| limit > MAX_PAGE_SIZE) {
        return Err(Error::invalid_input(
            "limit",
            format!("must be at most {MAX_PAGE_SIZE}"),
        ));
    }
    if pagination
        .offset
        .is_some_and(|offset| offset > paging::MAX_PAGING_VALUE)
    {
        return Err(Error::invalid_input(
            "offset",
            format!("must be at most {}", paging::MAX_PAGING_VALUE),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn time(y: i32, mo: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, 0, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn full_query_in_node_order() {
        let from = time(2020, 1, 2) + chrono::Duration::milliseconds(11_045_678);
        let filter = HistoryFilter::new()
            .archived(false)
            .connection_ids(["p0", "f1"])
            .directions([Direction::Incoming, Direction::MissedOutgoing])
            .from(from)
            .starred(true)
            .to(time(2020, 2, 1))
            .types([EntryType::Fax, EntryType::Sms])
            .phone_number("+4921112345");
        let query = filter
            .to_query(Pagination::new(5, 10), true)
            .expect("valid");
        assert_eq!(
            query.to_string(),
            "archived=false&connectionIds=p0&connectionIds=f1&directions=INCOMING\
             &directions=MISSED_OUTGOING&from=2020-01-02T03%3A04%3A05.678Z&starred=STARRED\
             &to=2020-02-01T00%3A00%3A00.000Z&types=FAX&types=SMS&phonenumber=%2B4921112345\
             &offset=5&limit=10"
        );
        let export = filter
            .to_query(Pagination::default(), false)
            .expect("valid");
        assert!(!export.to_string().contains("phonenumber"));
    }

    #[test]
    fn empty_filter_has_no_parameters() {
        let query = HistoryFilter::default()
            .to_query(Pagination::default(), true)
            .expect("valid");
        assert!(query.is_empty());
        let unstarred = HistoryFilter::new()
            .starred(false)
            .to_query(Pagination::default(), true)
            .expect("valid");
        assert_eq!(unstarred.to_string(), "starred=UNSTARRED");
    }

    #[test]
    fn validation_rules() {
        for bad in ["p01", "e-18", "", "z0", "P0"] {
            let error = HistoryFilter::new()
                .connection_ids(["p0", bad])
                .validate()
                .expect_err(bad);
            assert_eq!(error.invalid_field(), Some("connection_ids"), "{bad:?}");
        }
        let error = HistoryFilter::new()
            .from(time(2020, 2, 1))
            .to(time(2020, 1, 1))
            .validate()
            .expect_err("from after to");
        assert_eq!(error.invalid_field(), Some("to"));
        assert!(
            HistoryFilter::new()
                .from(time(2020, 1, 1))
                .to(time(2020, 1, 1))
                .validate()
                .is_ok()
        );
        let error = check_pagination(Pagination::new(0, 1001)).expect_err("limit");
        assert_eq!(error.invalid_field(), Some("limit"));
        assert!(check_pagination(Pagination::new(0, 1000)).is_ok());
        let error = check_pagination(Pagination::new(1 << 31, 1)).expect_err("offset");
        assert_eq!(error.invalid_field(), Some("offset"));
    }
}
