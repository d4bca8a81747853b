//! The numbers client and its extension trait.

use sipgateio_core::transport::{Query, Request, paginate};
use sipgateio_core::{Client, Error, ItemStream, Page, Pagination, Result};

use sipgateio_types::paging::MAX_PAGING_VALUE;

use crate::Number;

/// The meaning of a 400 answer of `GET /numbers` (Node: `Invalid pagination input`).
const BAD_PAGINATION: &str = "invalid pagination input";
/// The meaning of a 403 answer of `GET /numbers`.
const FORBIDDEN: &str = "the credentials may not read the account's numbers (scope numbers:read)";

/// Access to the account's phone numbers (`GET /numbers`).
///
/// Get one with [`NumbersClient::new`] or, with [`NumbersExt`] in scope, `client.numbers()`.
#[derive(Clone, Debug)]
pub struct NumbersClient {
    pub(crate) client: Client,
}

impl NumbersClient {
    /// A numbers client that uses `client`'s credentials and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// One page of the account's phone numbers (`GET /numbers?offset=…&limit=…`; unset
    /// fields of `pagination` are left out and the server's default applies).
    ///
    /// The API describes no total count for numbers, so [`Page::total_count`] is `None`
    /// unless the server sends one.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] (no request sent) if `offset` or `limit` exceeds the API's
    /// `int32` range or `limit` is 0; [`Error::Api`] with the meaning "invalid pagination
    /// input" on a 400; [`Error::Unauthorized`], [`Error::Forbidden`] and the other core
    /// errors otherwise.
    #[doc(alias = "getNumbers")]
    #[doc(alias = "getAllNumbers")]
    pub async fn list(&self, pagination: Pagination) -> Result<Page<Number>> {
        check_pagination(pagination)?;
        list_page(&self.client, pagination).await
    }

    /// Every phone number of the account as a lazy stream that fetches `page_size` numbers
    /// per request, only when the previous page is used up.
    ///
    /// `page_size` is how many numbers one request asks for, not a limit on the stream. The
    /// stream ends after a short page. If the server ignores the page size and answers
    /// with more numbers than asked for, that answer is taken as the whole list, so the
    /// stream cannot loop. A `page_size` of 0 counts as 1; sizes above the API's `int32`
    /// range are capped to it.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use sipgateio_numbers::NumbersExt;
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// let mut numbers = client.numbers().stream(100);
    /// while let Some(number) = numbers.try_next().await? {
    ///     println!("{} → {:?}", number.number, number.endpoint_id);
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "getNumbers")]
    #[doc(alias = "getAllNumbers")]
    pub fn stream(&self, page_size: u32) -> ItemStream<Number> {
        let client = self.client.clone();
        let page_size = page_size.clamp(1, MAX_PAGING_VALUE);
        paginate(page_size, 0, move |pagination: Pagination| {
            let client = client.clone();
            async move {
                let mut page = list_page(&client, pagination).await?;
                let asked = pagination.limit.unwrap_or(page_size) as usize;
                if page.items.len() > asked {
                    // The server ignored `limit`: this answer is the whole list.
                    let offset = u64::from(pagination.offset.unwrap_or(0));
                    page.total_count = Some(offset + page.items.len() as u64);
                }
                Ok(page)
            }
        })
    }
}

async fn list_page(client: &Client, pagination: Pagination) -> Result<Page<Number>> {
    let request = Request::get("numbers")
        .query(pagination.append_to(Query::new()))
        .on_status(400, BAD_PAGINATION)
        .on_status(403, FORBIDDEN);
    client.send(request).await
}

/// Checks what the API's `int32` paging parameters accept.
fn check_pagination(pagination: Pagination) -> Result<()> {
    if pagination
        .offset
        .is_some_and(|offset| offset > MAX_PAGING_VALUE)
    {
        return Err(Error::invalid_input(
            "offset",
            format!("must be at most {MAX_PAGING_VALUE}"),
        ));
    }
    match pagination.limit {
        Some(0) => Err(Error::invalid_input("limit", "must be at least 1")),
        Some(limit) if limit > MAX_PAGING_VALUE => Err(Error::invalid_input(
            "limit",
            format!("must be at most {MAX_PAGING_VALUE}"),
        )),
        _ => Ok(()),
    }
}

/// Adds [`numbers`](NumbersExt::numbers) to the core [`Client`].
pub trait NumbersExt {
    /// The numbers API of this client.
    fn numbers(&self) -> NumbersClient;
}

impl NumbersExt for Client {
    fn numbers(&self) -> NumbersClient {
        NumbersClient::new(self)
    }
}
