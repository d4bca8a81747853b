//! Offset/limit pagination and a lazily paging stream of items.

use std::future::Future;

use futures_util::stream::BoxStream;
use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use serde::Deserialize;

use crate::Result;
use crate::transport::Query;

/// Offset and limit of a page request. `None` leaves the server's default.
///
/// ```
/// use sipgateio_core::Pagination;
/// use sipgateio_core::transport::Query;
///
/// let query = Pagination::new(20, 10).append_to(Query::new());
/// assert_eq!(query.to_string(), "offset=20&limit=10");
/// assert!(Pagination::default().append_to(Query::new()).is_empty());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pagination {
    /// How many items to skip.
    pub offset: Option<u32>,
    /// How many items to return at most.
    pub limit: Option<u32>,
}

impl Pagination {
    /// A page of `limit` items after skipping `offset` items.
    pub fn new(offset: u32, limit: u32) -> Self {
        Self {
            offset: Some(offset),
            limit: Some(limit),
        }
    }

    /// The first `limit` items.
    pub fn first(limit: u32) -> Self {
        Self::new(0, limit)
    }

    /// Appends `offset` and `limit` (those that are set) to a query.
    pub fn append_to(&self, query: Query) -> Query {
        query
            .push_opt("offset", self.offset)
            .push_opt("limit", self.limit)
    }
}

/// One page of a list endpoint (`{"items": [...], "totalCount": n}`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    /// The number of items of the whole list, when the API sends it.
    #[serde(default, rename = "totalCount")]
    pub total_count: Option<u64>,
}

impl<T> Page<T> {
    /// A page of items with an optional total.
    pub fn new(items: Vec<T>, total_count: Option<u64>) -> Self {
        Self { items, total_count }
    }

    /// Whether more items follow this page, judged by `totalCount` when the API sends it and
    /// otherwise by whether the page came back full.
    pub fn has_more(&self, pagination: Pagination) -> bool {
        let offset = u64::from(pagination.offset.unwrap_or(0));
        let fetched = offset + self.items.len() as u64;
        match (self.total_count, pagination.limit) {
            (Some(total), _) => fetched < total && !self.items.is_empty(),
            (None, Some(limit)) => self.items.len() as u64 >= u64::from(limit) && limit > 0,
            (None, None) => false,
        }
    }
}

/// A boxed stream of items fetched page by page; `Unpin`, so `try_next().await` works directly.
pub type ItemStream<T> = BoxStream<'static, Result<T>>;

/// The most pages one stream fetches: a guard against a server that ignores `offset` and
/// keeps answering full pages (stated in [`paginate`]).
const MAX_PAGES: u32 = 100_000;

/// Turns a page-fetching function into a stream of items that requests the next page only
/// when the previous one is used up.
///
/// The stream ends after an empty page, a short page, once `totalCount` items were seen, after a
/// page larger than asked for (a server ignoring `limit`), or after 100 000 pages (a guard
/// against a server that ignores `offset` and keeps answering full pages);
/// memory holds one page at a time. An error ends the stream after it is yielded.
///
/// ```
/// use futures_util::TryStreamExt;
/// use sipgateio_core::transport::paginate;
/// use sipgateio_core::{Page, Pagination};
///
/// # tokio_test_block_on(async {
/// let all: Vec<u32> = (0..25).collect();
/// let items: Vec<u32> = paginate(10, 0, move |page: Pagination| {
///     let all = all.clone();
///     async move {
///         let start = page.offset.unwrap_or(0) as usize;
///         let end = (start + page.limit.unwrap_or(10) as usize).min(all.len());
///         Ok(Page::new(all[start..end].to_vec(), Some(all.len() as u64)))
///     }
/// })
/// .try_collect()
/// .await?;
/// assert_eq!(items.len(), 25);
/// # Ok::<(), sipgateio_core::Error>(())
/// # });
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     futures_util::FutureExt::now_or_never(f).expect("ready")
/// # }
/// ```
pub fn paginate<T, F, Fut>(page_size: u32, start_offset: u32, fetch: F) -> ItemStream<T>
where
    T: Send + 'static,
    F: FnMut(Pagination) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    let page_size = page_size.max(1);
    let state = (fetch, Some(start_offset), 0u32);
    stream::try_unfold(state, move |(mut fetch, next, pages)| async move {
        let Some(offset) = next else {
            return Ok::<_, crate::Error>(None);
        };
        let pagination = Pagination::new(offset, page_size);
        let page = fetch(pagination).await?;
        let pages = pages + 1;
        if page.items.len() > page_size as usize {
            // A server that ignores `limit` cannot be paged safely: keep this page, stop.
            tracing::warn!(
                page_size,
                returned = page.items.len(),
                "server ignored the page limit; stopping"
            );
            return Ok(Some((page.items, (fetch, None, pages))));
        }
        if pages >= MAX_PAGES {
            tracing::warn!(pages, "page limit of the stream reached; stopping");
            return Ok(Some((page.items, (fetch, None, pages))));
        }
        let next = if page.has_more(pagination) {
            u32::try_from(page.items.len())
                .ok()
                .and_then(|n| offset.checked_add(n))
        } else {
            None
        };
        Ok(Some((page.items, (fetch, next, pages))))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_more_uses_total_count_or_page_fullness() {
        let page = Page::new(vec![1, 2], Some(5));
        assert!(page.has_more(Pagination::new(0, 2)));
        assert!(!page.has_more(Pagination::new(3, 2)));
        let page = Page::new(vec![1, 2], None);
        assert!(page.has_more(Pagination::new(0, 2)));
        assert!(!page.has_more(Pagination::new(0, 3)));
        assert!(!Page::<u8>::new(vec![], Some(10)).has_more(Pagination::new(0, 2)));
    }

    #[test]
    fn page_decodes_without_total() {
        let page: Page<u8> = serde_json::from_str(r#"{"items":[1,2]}"#).expect("valid");
        assert_eq!(page, Page::new(vec![1, 2], None));
        let page: Page<u8> = serde_json::from_str(r#"{}"#).expect("valid");
        assert!(page.items.is_empty());
    }
}
