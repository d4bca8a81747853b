//! [`HistoryClient`]: the history endpoints of the sipgate REST API.

use std::borrow::Borrow;

use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use sipgateio_core::transport::{Request, paginate, path_segment};
use sipgateio_core::{Client, Error, ItemStream, Page, Pagination, Result};
use tokio::io::{AsyncWrite, AsyncWriteExt as _};

use crate::HistoryEntryId;
use crate::entry::HistoryEntry;
use crate::filter::{HistoryFilter, MAX_PAGE_SIZE, StreamOptions};
use crate::update::{self, HistoryEntryUpdate};

/// What a 400 on listing or exporting means.
const INVALID_FILTER: &str = "invalid filter or pagination input";
/// What a 404 on any history endpoint means.
pub(crate) const ENTRY_NOT_FOUND: &str = "the requested history entry could not be found";
/// How many ids one `DELETE /history?id=…` carries, to keep URLs short.
const DELETE_CHUNK_SIZE: usize = 100;
/// How many update requests run at the same time.
const CONCURRENT_UPDATES: usize = 4;

/// The history of calls, faxes, SMS and voicemails (`/history`).
///
/// Build it with [`HistoryClient::new`] or, with [`HistoryExt`] in scope, `client.history()`.
#[derive(Clone, Debug)]
pub struct HistoryClient {
    pub(crate) client: Client,
}

/// Adds [`history()`](HistoryExt::history) to [`sipgateio_core::Client`].
pub trait HistoryExt {
    /// The history API.
    fn history(&self) -> HistoryClient;
}

impl HistoryExt for Client {
    fn history(&self) -> HistoryClient {
        HistoryClient::new(self)
    }
}

impl HistoryClient {
    /// A history client sharing `client`'s connection pool and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// The entries matching `filter` on one page (`GET /history`), newest first, with the
    /// total count of matching entries when the API sends it.
    ///
    /// `pagination.limit` may be at most [`MAX_PAGE_SIZE`] (1000); without one the server
    /// returns 10 entries. Use [`stream`](Self::stream) to get every matching entry.
    ///
    /// ```no_run
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// use sipgateio_core::Pagination;
    /// use sipgateio_history::{EntryType, HistoryExt, HistoryFilter};
    ///
    /// let faxes = HistoryFilter::new().types([EntryType::Fax]);
    /// let page = client.history().list(&faxes, Pagination::first(20)).await?;
    /// println!("{} of {:?} faxes", page.items.len(), page.total_count);
    /// # Ok(()) }
    /// ```
    #[doc(alias = "getHistory")]
    #[doc(alias = "fetchAll")]
    pub async fn list(
        &self,
        filter: &HistoryFilter,
        pagination: Pagination,
    ) -> Result<Page<HistoryEntry>> {
        let query = filter.to_query(pagination, true)?;
        self.client.send(list_request(query)).await
    }

    /// Every entry matching `filter`, newest first, fetched lazily 1000 at a time (the API's
    /// maximum) as the stream is read.
    ///
    /// An invalid filter is the stream's first (and only) item; nothing is sent then.
    #[doc(alias = "getHistory")]
    pub fn stream(&self, filter: &HistoryFilter) -> ItemStream<HistoryEntry> {
        self.stream_with(filter, StreamOptions::default())
    }

    /// Like [`stream`](Self::stream), fetching pages as `options` says (e.g. smaller pages
    /// when only the first few entries will be read).
    ///
    /// ```no_run
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// use futures_util::TryStreamExt as _;
    /// use sipgateio_history::{HistoryExt, HistoryFilter, StreamOptions};
    ///
    /// let newest: Vec<_> = client
    ///     .history()
    ///     .stream_with(&HistoryFilter::new(), StreamOptions::new().page_size(25))
    ///     .try_take_while(|entry| std::future::ready(Ok(!entry.base().is_some_and(|b| b.read))))
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "getHistory")]
    pub fn stream_with(
        &self,
        filter: &HistoryFilter,
        options: StreamOptions,
    ) -> ItemStream<HistoryEntry> {
        if let Err(error) = filter.validate() {
            return stream::once(async move { Err(error) }).boxed();
        }
        let client = self.client.clone();
        let filter = filter.clone();
        paginate(
            options.page_size.clamp(1, MAX_PAGE_SIZE),
            0,
            move |pagination| {
                let client = client.clone();
                let query = filter.to_query(pagination, true);
                async move { client.send(list_request(query?)).await }
            },
        )
    }

    /// One entry by id (`GET /history/{id}`).
    #[doc(alias = "getHistoryById")]
    #[doc(alias = "fetchById")]
    pub async fn get(&self, id: &HistoryEntryId) -> Result<HistoryEntry> {
        let request = Request::get(entry_path(id)?).on_status(404, ENTRY_NOT_FOUND);
        self.client.send(request).await
    }

    /// Deletes one entry (`DELETE /history/{id}`).
    #[doc(alias = "deleteHistoryEntry")]
    #[doc(alias = "deleteById")]
    pub async fn delete(&self, id: &HistoryEntryId) -> Result<()> {
        let request = Request::delete(entry_path(id)?).on_status(404, ENTRY_NOT_FOUND);
        self.client.send_no_content(request).await
    }

    /// Deletes several entries (`DELETE /history?id=a&id=b…`), 100 ids per request to keep
    /// the URLs short. No ids, no request. All ids are checked before anything is sent.
    #[doc(alias = "deleteHistoryEntries")]
    #[doc(alias = "deleteByListOfIds")]
    pub async fn delete_many(&self, ids: &[HistoryEntryId]) -> Result<()> {
        if ids.iter().any(|id| id.as_str().is_empty()) {
            return Err(Error::invalid_input("ids", "must not contain an empty id"));
        }
        for chunk in ids.chunks(DELETE_CHUNK_SIZE) {
            let query = sipgateio_core::transport::Query::new()
                .push_all("id", chunk.iter().map(HistoryEntryId::as_str));
            let request = Request::delete("history")
                .query(query)
                .on_status(400, "invalid history entry ids")
                .on_status(404, ENTRY_NOT_FOUND);
            self.client.send_no_content(request).await?;
        }
        Ok(())
    }

    /// Updates one entry (`PUT /history/{id}`, the only way to set a note). An empty update
    /// sends nothing.
    ///
    /// The shortcuts [`archive`](Self::archive), [`unarchive`](Self::unarchive),
    /// [`mark_read`](Self::mark_read), [`mark_unread`](Self::mark_unread) and
    /// [`set_note`](Self::set_note) change one field each through sipgate's older endpoints.
    #[doc(alias = "updateHistoryEntry")]
    pub async fn update(&self, id: &HistoryEntryId, update: &HistoryEntryUpdate) -> Result<()> {
        let path = entry_path(id)?;
        if update.is_empty() {
            return Ok(());
        }
        let request = Request::put(path)
            .json(update)?
            .on_status(400, update::INVALID_UPDATE)
            .on_status(404, ENTRY_NOT_FOUND);
        self.client.send_no_content(request).await
    }

    /// Applies many updates, each an entry id (owned or borrowed) with its change: those with
    /// a note one by one (`PUT /history/{id}`), the others in batch `PUT /history` requests of
    /// fewer than 150 entries, as the API requires. Empty updates are skipped and no empty
    /// batch is sent. All ids are checked before anything is sent; up to four requests run at
    /// a time, and the first failure is returned (updates are idempotent, so running the same
    /// updates again is safe).
    ///
    /// Returns how many entries were updated.
    ///
    /// ```no_run
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// use sipgateio_core::Pagination;
    /// use sipgateio_history::{HistoryEntryUpdate, HistoryExt, HistoryFilter};
    ///
    /// let history = client.history();
    /// let page = history.list(&HistoryFilter::new(), Pagination::first(100)).await?;
    /// // Archive what is older than November 2023, leave the rest alone.
    /// let updated = history
    ///     .update_many(page.items.iter().map(|entry| {
    ///         let old = entry.base().is_some_and(|b| b.created.timestamp() < 1_700_000_000);
    ///         let update = if old { HistoryEntryUpdate::new().archived(true) } else { HistoryEntryUpdate::new() };
    ///         (entry.id(), update)
    ///     }))
    ///     .await?;
    /// println!("archived {updated} entries");
    /// # Ok(()) }
    /// ```
    #[doc(alias = "updateHistoryEntries")]
    #[doc(alias = "updateHistoryEntry")]
    #[doc(alias = "batchUpdateEvents")]
    pub async fn update_many<I>(
        &self,
        updates: impl IntoIterator<Item = (I, HistoryEntryUpdate)>,
    ) -> Result<usize>
    where
        I: Borrow<HistoryEntryId>,
    {
        let updates: Vec<_> = updates
            .into_iter()
            .filter(|(_, u)| !u.is_empty())
            .map(|(id, u)| (id.borrow().clone(), u))
            .collect();
        let count = updates.len();
        let requests = update::plan(updates)?;
        tracing::debug!(
            entries = count,
            requests = requests.len(),
            "updating history"
        );
        stream::iter(requests.into_iter().map(Ok))
            .try_for_each_concurrent(CONCURRENT_UPDATES, |request| {
                self.client
                    .send_no_content(request.on_status(404, ENTRY_NOT_FOUND))
            })
            .await?;
        Ok(count)
    }

    /// The entries matching `filter` as the server's CSV (`GET /history/export`), held in
    /// memory as one `String`.
    ///
    /// The export has no phone-number filter: a filter with
    /// [`phone_number`](HistoryFilter::phone_number) set is rejected.
    ///
    /// # Size limit
    ///
    /// The CSV is read into memory up to the client's
    /// [`max_response_bytes`](sipgateio_core::ClientBuilder::max_response_bytes) (16 MiB
    /// unless you set another limit); a larger export fails with an
    /// [`Error::Decode`](sipgateio_core::Error::Decode) naming the limit, and nothing is
    /// returned. For large or unbounded exports use [`export_csv_to`](Self::export_csv_to),
    /// which streams the CSV into a writer (a file, stdout, …) without that limit, or export
    /// page by page with `pagination`.
    ///
    /// ```no_run
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// use sipgateio_core::Pagination;
    /// use sipgateio_history::{HistoryExt, HistoryFilter};
    ///
    /// let csv = client
    ///     .history()
    ///     .export_csv(&HistoryFilter::new(), Pagination::default())
    ///     .await?;
    /// println!("{} lines", csv.lines().count());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for a filter the export
    /// cannot take (no request is sent), [`Error::Decode`](sipgateio_core::Error::Decode) for
    /// an export over the size limit, and the errors of any request (a 400 for a filter the
    /// server refuses, 401, 403, network, timeout).
    #[doc(alias = "getHistoryCSV")]
    #[doc(alias = "exportAsCsvString")]
    pub async fn export_csv(
        &self,
        filter: &HistoryFilter,
        pagination: Pagination,
    ) -> Result<String> {
        let request = export_request(filter, pagination)?;
        Ok(self.client.execute(request).await?.text())
    }

    /// Like [`export_csv`](Self::export_csv), but writes the CSV to `writer` as it arrives,
    /// without holding it in memory, then flushes. Returns the number of bytes written. The
    /// client's [`max_response_bytes`](sipgateio_core::ClientBuilder::max_response_bytes) does
    /// not apply: this is the way to export more than fits in memory.
    ///
    /// The client's request timeout covers the whole download: use
    /// [`Client::with_timeout`] for very large exports. A failing writer ends the export with
    /// an [`Error::Io`].
    #[doc(alias = "getHistoryCSV")]
    pub async fn export_csv_to<W>(
        &self,
        filter: &HistoryFilter,
        pagination: Pagination,
        writer: &mut W,
    ) -> Result<u64>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let request = export_request(filter, pagination)?;
        let mut chunks = std::pin::pin!(self.client.execute_stream(request).await?);
        let mut written = 0u64;
        while let Some(chunk) = chunks.try_next().await? {
            writer.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        writer.flush().await?;
        Ok(written)
    }
}

fn list_request(query: sipgateio_core::transport::Query) -> Request {
    Request::get("history")
        .query(query)
        .on_status(400, INVALID_FILTER)
        .on_status(404, ENTRY_NOT_FOUND)
}

fn export_request(filter: &HistoryFilter, pagination: Pagination) -> Result<Request> {
    if filter.phone_number.is_some() {
        return Err(Error::invalid_input(
            "phone_number",
            "is not supported by the CSV export; leave it unset",
        ));
    }
    Ok(Request::get("history/export")
        .query(filter.to_query(pagination, false)?)
        .on_status(400, INVALID_FILTER)
        .on_status(404, ENTRY_NOT_FOUND))
}

pub(crate) fn entry_path(id: &HistoryEntryId) -> Result<String> {
    Ok(format!("history/{}", path_segment("id", id.as_str())?))
}
