//! [`HistoryFilter`]: which entries to list or export, and its query parameters.

use chrono::{DateTime, Utc};
use sipgateio_core::transport::Query;
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Pagination, Result};
use sipgateio_types::{ExtensionId, paging};

use crate::kinds::{Direction, EntryType};

/// The largest page the API returns (`limit` ≤ 1000; the same as
/// `sipgateio_types::paging::HISTORY_MAX_LIMIT`).
pub const MAX_PAGE_SIZE: u32 = sipgateio_types::paging::HISTORY_MAX_LIMIT;

/// Which history entries to list, stream or export. Every criterion is optional; the default
/// matches everything the API returns by default.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sipgateio_history::{Direction, EntryType, ExtensionId, HistoryFilter};
///
/// let filter = HistoryFilter::new()
///     .types([EntryType::Sms, EntryType::Fax])
///     .directions([Direction::Incoming])
///     .connection_ids([ExtensionId::new("p0"), ExtensionId::new("f1")])
///     .starred(true)
///     .since(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
///     .phone_number("+4921100000");
/// assert!(filter.validate().is_ok());
///
/// // Connection ids must be extension ids.
/// let error = HistoryFilter::new()
///     .connection_ids([ExtensionId::new("p01")])
///     .validate()
///     .unwrap_err();
/// assert_eq!(error.invalid_field(), Some("connection_ids"));
///
/// // A time range must not end before it starts.
/// let now = Utc::now();
/// let error = HistoryFilter::new().since(now).until(now - chrono::Duration::hours(1)).validate();
/// assert_eq!(error.unwrap_err().invalid_field(), Some("until"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HistoryFilter {
    /// Only entries of these extensions (`p0`, `f1`, …; any extension type).
    pub connection_ids: Vec<ExtensionId>,
    /// Only entries of these types.
    pub types: Vec<EntryType>,
    /// Only entries with these directions.
    pub directions: Vec<Direction>,
    /// Only archived (`true`) or only not archived (`false`) entries.
    pub archived: Option<bool>,
    /// Only starred (`true`) or only unstarred (`false`) entries.
    pub starred: Option<bool>,
    /// Only entries created at or after this time (`from` on the wire).
    pub since: Option<DateTime<Utc>>,
    /// Only entries created at or before this time (`to` on the wire).
    pub until: Option<DateTime<Utc>>,
    /// Only entries from or to this phone number. Not supported by the CSV export.
    pub phone_number: Option<String>,
}

impl HistoryFilter {
    /// A filter that matches everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only entries of these extensions (`p0`, `f1`, …; any extension type).
    #[must_use]
    pub fn connection_ids(mut self, ids: impl IntoIterator<Item = ExtensionId>) -> Self {
        self.connection_ids = ids.into_iter().collect();
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
    #[doc(alias = "startDate")]
    #[must_use]
    pub fn since(mut self, time: DateTime<Utc>) -> Self {
        self.since = Some(time);
        self
    }

    /// Only entries created at or before `time`.
    #[doc(alias = "endDate")]
    #[must_use]
    pub fn until(mut self, time: DateTime<Utc>) -> Self {
        self.until = Some(time);
        self
    }

    /// Only entries from or to this phone number.
    #[must_use]
    pub fn phone_number(mut self, number: impl Into<String>) -> Self {
        self.phone_number = Some(number.into());
        self
    }

    /// Checks the filter without sending anything: every connection id must be an extension
    /// id (a type letter and a number without leading zeros), and `since` must not be after
    /// `until`.
    pub fn validate(&self) -> Result<()> {
        for id in &self.connection_ids {
            validate::extension("connection_ids", id.as_str(), ExtensionType::ALL)?;
        }
        if let (Some(since), Some(until)) = (self.since, self.until)
            && since > until
        {
            return Err(Error::invalid_input(
                "until",
                format!("must not be before `since` ({since} > {until})"),
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
            .push_time("from", self.since)
            .push_opt("starred", starred)
            .push_time("to", self.until)
            .push_all("types", &self.types);
        let query = if with_phone_number {
            query.push_opt("phonenumber", self.phone_number.as_deref())
        } else {
            query
        };
        Ok(pagination.append_to(query))
    }
}

/// How [`HistoryClient::stream_with`](crate::HistoryClient::stream_with) fetches its pages.
///
/// ```
/// use sipgateio_history::{MAX_PAGE_SIZE, StreamOptions};
///
/// assert_eq!(StreamOptions::default().page_size, MAX_PAGE_SIZE);
/// assert_eq!(StreamOptions::new().page_size(25).page_size, 25);
/// // Sizes outside 1..=1000 are clamped.
/// assert_eq!(StreamOptions::new().page_size(0).page_size, 1);
/// assert_eq!(StreamOptions::new().page_size(5000).page_size, MAX_PAGE_SIZE);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamOptions {
    /// How many entries each request fetches (default and maximum [`MAX_PAGE_SIZE`], 1000;
    /// a value outside `1..=1000` is clamped when the stream starts).
    pub page_size: u32,
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self {
            page_size: MAX_PAGE_SIZE,
        }
    }
}

impl StreamOptions {
    /// The defaults: pages of [`MAX_PAGE_SIZE`] (1000) entries.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how many entries each request fetches, clamped to `1..=1000`.
    #[must_use]
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size.clamp(1, MAX_PAGE_SIZE);
        self
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

    fn ids(ids: &[&str]) -> Vec<ExtensionId> {
        ids.iter().copied().map(ExtensionId::new).collect()
    }

    fn time(y: i32, mo: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, 0, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn full_query_in_node_order() {
        let since = time(2020, 1, 2) + chrono::Duration::milliseconds(11_045_678);
        let filter = HistoryFilter::new()
            .archived(false)
            .connection_ids(ids(&["p0", "f1"]))
            .directions([Direction::Incoming, Direction::MissedOutgoing])
            .since(since)
            .starred(true)
            .until(time(2020, 2, 1))
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
                .connection_ids(ids(&["p0", bad]))
                .validate()
                .expect_err(bad);
            assert_eq!(error.invalid_field(), Some("connection_ids"), "{bad:?}");
        }
        let error = HistoryFilter::new()
            .since(time(2020, 2, 1))
            .until(time(2020, 1, 1))
            .validate()
            .expect_err("since after until");
        assert_eq!(error.invalid_field(), Some("until"));
        assert!(
            HistoryFilter::new()
                .since(time(2020, 1, 1))
                .until(time(2020, 1, 1))
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
