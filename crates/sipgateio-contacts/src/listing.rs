//! Reading contacts: one page of a scope, lazy streams, the selection the exports read, the
//! internal contacts, and the bulk delete of shared contacts that builds on them.

use std::sync::{Arc, Mutex};

use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use sipgateio_contacts_format::{Contact, Scope};
use sipgateio_core::transport::{Query, Request, paginate, path_segment};
use sipgateio_core::{Client, Error, ItemStream, Page, Pagination, Result};
use sipgateio_types::ContactId;

use crate::client::delete_request;
use crate::model::InternalContacts;
use crate::{ContactPage, ContactsClient, DeleteReport, FailedDelete, ListOptions, ScopeFilter};

/// Contacts per request when the client pages through the server's list.
const PAGE_SIZE: u32 = 1000;
/// The page size of [`ContactsClient::list`] without a `limit` (the API's default,
/// `sipgateio_types::paging::CONTACTS_DEFAULT_LIMIT`).
const DEFAULT_LIMIT: u32 = sipgateio_types::paging::CONTACTS_DEFAULT_LIMIT;
/// How many deletes [`ContactsClient::delete_all_shared`] runs at the same time.
const DELETE_CONCURRENCY: usize = 4;

const READ_FORBIDDEN: &str = "the credentials may not read contacts (scope contacts:read)";
const BAD_LISTING: &str = "invalid pagination or phone-number filter";

impl ContactsClient {
    /// One page of the contacts of `scope`: `options.offset` and `options.limit` (default
    /// 5000, the API's) count contacts **of that scope**, and the phone-number filter goes
    /// to the server.
    ///
    /// How each scope is read, and what it costs:
    /// - [`ScopeFilter::All`]: one `GET /contacts?offset=…&limit=…&phonenumbers=…`, the
    ///   server's own paging; `total_count` is the server's.
    /// - [`ScopeFilter::Private`] / [`ScopeFilter::Shared`]: the API has no scope parameter,
    ///   so the client pages through the server's list (1000 contacts per request), keeps
    ///   the contacts of the scope, skips `offset` of them and takes `limit` (plus one to
    ///   know whether more follow). That transfers every contact up to the end of the page
    ///   — of all scopes — so deep offsets in a large address book cost several requests,
    ///   but a page is never short and `has_more` is exact.
    /// - [`ScopeFilter::Internal`]: `GET /contacts/internal` (the whole list in one answer),
    ///   then offset and limit on the client. With a phone-number filter, or when the server
    ///   answers 404 for that endpoint, the server's list filtered to scope `INTERNAL`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] (no request sent) on `limit` 0, paging beyond `int32`, or a
    /// filter number that is not E.164 (`phone_numbers`); [`Error::Api`] ("invalid
    /// pagination or phone-number filter") on a 400; [`Error::Forbidden`] on a 403.
    ///
    /// ```no_run
    /// use sipgateio_contacts::{ContactsExt, ListOptions, ScopeFilter};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// // Page 3 of the shared contacts, 50 per page.
    /// let options = ListOptions::new().offset(100).limit(50);
    /// let page = client.contacts().list(ScopeFilter::Shared, &options).await?;
    /// println!("{} contacts, more: {}", page.items.len(), page.has_more);
    /// # Ok(()) }
    /// ```
    #[doc(alias = "getContacts")]
    #[doc(alias = "paginatedGet")]
    pub async fn list(&self, scope: ScopeFilter, options: &ListOptions) -> Result<ContactPage> {
        options.validate()?;
        let offset = options.offset.unwrap_or(0);
        let limit = options.limit.unwrap_or(DEFAULT_LIMIT);
        if scope == ScopeFilter::All {
            let pagination = Pagination::new(offset, limit);
            let page = list_page(&self.client, pagination, &options.phone_numbers).await?;
            let has_more = page.has_more(pagination);
            return Ok(ContactPage {
                has_more,
                total_count: page.total_count,
                items: page.items,
            });
        }
        let options = options.clone().limit(limit);
        let mut items = Vec::new();
        let selected = self
            .select(scope, &options, Count::UpToTheSelection, |contact| {
                items.push(contact);
                Ok(())
            })
            .await?;
        Ok(ContactPage {
            items,
            total_count: selected.total_count,
            has_more: selected.has_more,
        })
    }

    /// Feeds the contacts of `scope` that `options` select to `sink`, in order: from
    /// `offset` on (in contacts of the scope), at most `limit`, every one without a limit.
    /// Then tells whether more follow and, when known or asked for, how many the scope has.
    ///
    /// For [`ScopeFilter::All`] the server skips and counts (its `totalCount`), with pages of
    /// at most `PAGE_SIZE` (smaller for a small `limit`). For the other scopes the server's
    /// list is read from the start and filtered; to know whether more follow after `limit`,
    /// one more contact is read.
    pub(crate) async fn select(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
        count: Count,
        mut sink: impl FnMut(Contact) -> Result<()>,
    ) -> Result<Selected> {
        options.validate()?;
        let offset = u64::from(options.offset.unwrap_or(0));
        let limit = options.limit.map(u64::from);
        let server_total = ServerTotal::default();
        // `position`: the index in the scope of the next contact the stream yields.
        let (mut contacts, mut position) = if scope == ScopeFilter::All {
            let page_size = options.limit.map_or(PAGE_SIZE, |l| l.min(PAGE_SIZE));
            let contacts = server_stream(
                self.client.clone(),
                options.phone_numbers.clone(),
                options.offset.unwrap_or(0),
                page_size,
                server_total.clone(),
            );
            (contacts, offset)
        } else {
            (self.scope_stream(scope, &options.phone_numbers, 0), 0)
        };
        let mut taken = 0u64;
        while limit.is_none_or(|limit| taken < limit) {
            let Some(contact) = contacts.try_next().await? else {
                // The end of the scope.
                let total = server_total.get().unwrap_or(position);
                return Ok(Selected {
                    has_more: false,
                    total_count: Some(total),
                });
            };
            if position >= offset {
                sink(contact)?;
                taken += 1;
            }
            position += 1;
        }
        // The selection is complete; do more contacts follow it?
        if let Some(total) = server_total.get() {
            return Ok(Selected {
                has_more: position < total,
                total_count: Some(total),
            });
        }
        if contacts.try_next().await?.is_none() {
            return Ok(Selected {
                has_more: false,
                total_count: Some(position),
            });
        }
        position += 1;
        if count == Count::UpToTheSelection {
            return Ok(Selected {
                has_more: true,
                total_count: None,
            });
        }
        while contacts.try_next().await?.is_some() {
            position += 1;
        }
        Ok(Selected {
            has_more: true,
            total_count: Some(position),
        })
    }

    /// Every contact of `scope` as a lazy stream that fetches 1000 contacts per request (fewer
    /// for a smaller `limit`), only when the previous page is used up.
    ///
    /// The options work as in [`list`](Self::list), except that without a `limit` the stream
    /// goes on to the last contact: skip `offset` contacts of the scope, end after `limit`,
    /// filter by phone numbers. Invalid options make the stream yield the validation error
    /// (no request sent).
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use sipgateio_contacts::{ContactsExt, ListOptions, ScopeFilter};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// let mut shared = client.contacts().stream(ScopeFilter::Shared, &ListOptions::new());
    /// while let Some(contact) = shared.try_next().await? {
    ///     println!("{} {:?}", contact.name, contact.numbers);
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "getContacts")]
    pub fn stream(&self, scope: ScopeFilter, options: &ListOptions) -> ItemStream<Contact> {
        if let Err(error) = options.validate() {
            return stream::once(async move { Err(error) }).boxed();
        }
        let offset = options.offset.unwrap_or(0);
        let contacts = if scope == ScopeFilter::All {
            // The server skips for us, and a small limit needs no big pages.
            let page_size = options.limit.map_or(PAGE_SIZE, |l| l.min(PAGE_SIZE));
            server_stream(
                self.client.clone(),
                options.phone_numbers.clone(),
                offset,
                page_size,
                ServerTotal::default(),
            )
        } else {
            self.scope_stream(scope, &options.phone_numbers, 0)
                .skip(offset as usize)
                .boxed()
        };
        match options.limit {
            Some(limit) => contacts.take(limit as usize).boxed(),
            None => contacts,
        }
    }

    /// The account's internal contacts as `GET /contacts/internal` returns them, the whole
    /// list in one answer (one per web user, numbers grouped by kind). [`list`](Self::list),
    /// [`stream`](Self::stream) and the exports with [`ScopeFilter::Internal`] convert them
    /// with [`InternalContact::to_contact`](crate::InternalContact::to_contact).
    ///
    /// # Errors
    /// [`Error::NotFound`] if the server has no such endpoint; [`Error::Forbidden`] on a
    /// 403.
    #[doc(alias = "getAllContacts")]
    pub async fn list_internal(&self) -> Result<Vec<crate::InternalContact>> {
        let request = Request::get("contacts/internal").on_status(403, READ_FORBIDDEN);
        let body: InternalContacts = self.client.send(request).await?;
        Ok(body.items)
    }

    /// Deletes every shared contact: pages through **all** shared contacts first (so the
    /// deletes cannot shift the pages being read), then deletes them, a few at a time, and
    /// waits for every delete. A contact that is already gone (404) counts as deleted.
    ///
    /// # Errors
    /// The errors of reading the list (then nothing was deleted). Failed deletes do not
    /// make this fail: they are in [`DeleteReport::failed`].
    #[doc(alias = "deleteAllShared")]
    pub async fn delete_all_shared(&self) -> Result<DeleteReport> {
        let ids: Vec<ContactId> = self
            .scope_stream(ScopeFilter::Shared, &[], 0)
            .map_ok(|contact| contact.id)
            .try_collect()
            .await?;
        let client = self.client.clone();
        let results: Vec<(ContactId, Result<()>)> = stream::iter(ids)
            .map(|id| {
                let client = client.clone();
                async move {
                    let result = match path_segment("id", id.as_str()) {
                        Ok(encoded) => client.send_no_content(delete_request(&encoded)).await,
                        Err(error) => Err(error),
                    };
                    (id, result)
                }
            })
            .buffer_unordered(DELETE_CONCURRENCY)
            .collect()
            .await;
        let mut report = DeleteReport::default();
        for (id, result) in results {
            match result {
                Ok(()) | Err(Error::NotFound(_)) => report.deleted.push(id),
                Err(error) => report.failed.push(FailedDelete { id, error }),
            }
        }
        if !report.is_complete() {
            tracing::warn!(
                failed = report.failed.len(),
                deleted = report.deleted.len(),
                "some shared contacts could not be deleted"
            );
        }
        Ok(report)
    }

    /// The contacts of `scope`, unpaged, starting at `start` of the server's list (only
    /// meaningful for `All`).
    fn scope_stream(
        &self,
        scope: ScopeFilter,
        phone_numbers: &[String],
        start: u32,
    ) -> ItemStream<Contact> {
        let client = self.client.clone();
        match scope {
            ScopeFilter::All => server_stream(
                client,
                phone_numbers.to_vec(),
                start,
                PAGE_SIZE,
                ServerTotal::default(),
            ),
            ScopeFilter::Private => only(
                server_stream(
                    client,
                    phone_numbers.to_vec(),
                    0,
                    PAGE_SIZE,
                    ServerTotal::default(),
                ),
                Scope::Private,
            ),
            ScopeFilter::Shared => only(
                server_stream(
                    client,
                    phone_numbers.to_vec(),
                    0,
                    PAGE_SIZE,
                    ServerTotal::default(),
                ),
                Scope::Shared,
            ),
            ScopeFilter::Internal if !phone_numbers.is_empty() => only(
                server_stream(
                    client,
                    phone_numbers.to_vec(),
                    0,
                    PAGE_SIZE,
                    ServerTotal::default(),
                ),
                Scope::Internal,
            ),
            ScopeFilter::Internal => internal_stream(self.clone()),
        }
    }
}

/// Keeps the contacts of one scope.
fn only(contacts: ItemStream<Contact>, scope: Scope) -> ItemStream<Contact> {
    contacts
        .try_filter(move |contact| std::future::ready(contact.scope == scope))
        .boxed()
}

/// `GET /contacts/internal`, or the server's list filtered to `INTERNAL` if the endpoint is
/// missing (404).
fn internal_stream(contacts: ContactsClient) -> ItemStream<Contact> {
    stream::once(async move {
        match contacts.list_internal().await {
            Ok(items) => {
                let items: Vec<Result<Contact>> =
                    items.iter().map(|c| Ok(c.to_contact())).collect();
                stream::iter(items).boxed()
            }
            Err(Error::NotFound(_)) => {
                tracing::debug!("no GET /contacts/internal; filtering GET /contacts instead");
                only(
                    server_stream(
                        contacts.client,
                        Vec::new(),
                        0,
                        PAGE_SIZE,
                        ServerTotal::default(),
                    ),
                    Scope::Internal,
                )
            }
            Err(error) => stream::once(async move { Err(error) }).boxed(),
        }
    })
    .flatten()
    .boxed()
}

/// How much of the scope [`ContactsClient::select`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Count {
    /// Only up to one contact after the selection: enough for `has_more`.
    UpToTheSelection,
    /// To the end of the scope, so that the total is known.
    Everything,
}

/// What [`ContactsClient::select`] found out besides the contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Selected {
    /// Whether contacts of the scope follow the selection.
    pub(crate) has_more: bool,
    /// How many contacts the scope has, when known (always with [`Count::Everything`]).
    pub(crate) total_count: Option<u64>,
}

/// The server's latest `totalCount`, shared with the stream that reads the pages.
#[derive(Clone, Debug, Default)]
struct ServerTotal(Arc<Mutex<Option<u64>>>);

impl ServerTotal {
    fn set(&self, total: Option<u64>) {
        if let (Some(total), Ok(mut slot)) = (total, self.0.lock()) {
            *slot = Some(total);
        }
    }

    fn get(&self) -> Option<u64> {
        self.0.lock().ok().and_then(|slot| *slot)
    }
}

/// Every contact of the server's list from `start` on, `page_size` per request; each page's
/// `totalCount` goes to `total`.
fn server_stream(
    client: Client,
    phone_numbers: Vec<String>,
    start: u32,
    page_size: u32,
    total: ServerTotal,
) -> ItemStream<Contact> {
    paginate(page_size, start, move |pagination: Pagination| {
        let client = client.clone();
        let phone_numbers = phone_numbers.clone();
        let total = total.clone();
        async move {
            let page = list_page(&client, pagination, &phone_numbers).await?;
            total.set(page.total_count);
            Ok(page)
        }
    })
}

/// One `GET /contacts` page (query keys in Node's order: offset, limit, phonenumbers).
async fn list_page(
    client: &Client,
    pagination: Pagination,
    phone_numbers: &[String],
) -> Result<Page<Contact>> {
    let query = pagination
        .append_to(Query::new())
        .push_all("phonenumbers", phone_numbers);
    let request = Request::get("contacts")
        .query(query)
        .on_status(400, BAD_LISTING)
        .on_status(403, READ_FORBIDDEN);
    client.send(request).await
}
