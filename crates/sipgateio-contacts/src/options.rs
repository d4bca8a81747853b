//! Which contacts to read or write: the scope filter, the scope of new contacts and the list
//! options.

use std::fmt;

use sipgateio_contacts_format::Scope;
use sipgateio_core::{Error, Pagination, Result, validate};

/// The largest `offset`/`limit` the API accepts (they are `int32` there).
pub(crate) use sipgateio_types::paging::MAX_PAGING_VALUE;

/// Which contacts a listing, stream or export covers.
///
/// A contact's own scope is the wire enum [`Scope`]; this filter adds [`ScopeFilter::All`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[doc(alias = "ExportScope")]
#[non_exhaustive]
pub enum ScopeFilter {
    /// The web user's own contacts (`PRIVATE`).
    Private,
    /// The organisation's shared contacts (`SHARED`).
    Shared,
    /// sipgate's contacts for the account's web users (`INTERNAL`).
    Internal,
    /// Every contact the credentials can see.
    All,
}

impl ScopeFilter {
    /// Its name in capitals, as the API writes scopes: `PRIVATE`, `SHARED`, `INTERNAL` or
    /// `ALL`.
    ///
    /// ```
    /// use sipgateio_contacts::ScopeFilter;
    ///
    /// assert_eq!(ScopeFilter::Internal.as_str(), "INTERNAL");
    /// assert_eq!(ScopeFilter::All.to_string(), "ALL");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "PRIVATE",
            Self::Shared => "SHARED",
            Self::Internal => "INTERNAL",
            Self::All => "ALL",
        }
    }
}

impl fmt::Display for ScopeFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a new contact is created: the two scopes the API accepts when creating
/// ([`ContactsClient::create`](crate::ContactsClient::create),
/// [`ContactsClient::import_vcard`](crate::ContactsClient::import_vcard)).
///
/// A contact read from the API has the wire [`Scope`], which also has `INTERNAL`: sipgate's
/// own contacts for the account's web users, which cannot be created. `CreateScope` has no such
/// value, so a create that the server would refuse does not compile:
///
/// ```
/// use sipgateio_contacts::{CreateScope, Scope};
///
/// assert_eq!(Scope::from(CreateScope::Shared), Scope::Shared);
/// assert_eq!(CreateScope::Private.to_string(), "PRIVATE");
/// ```
///
/// ```compile_fail
/// use sipgateio_contacts::CreateScope;
///
/// let internal = CreateScope::Internal; // no such variant: INTERNAL contacts cannot be created
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CreateScope {
    /// The web user's own contacts (`PRIVATE`).
    Private,
    /// The organisation's shared contacts (`SHARED`).
    Shared,
}

impl CreateScope {
    /// The wire value: `PRIVATE` or `SHARED`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "PRIVATE",
            Self::Shared => "SHARED",
        }
    }
}

impl fmt::Display for CreateScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl From<CreateScope> for Scope {
    fn from(scope: CreateScope) -> Self {
        match scope {
            CreateScope::Private => Self::Private,
            CreateScope::Shared => Self::Shared,
        }
    }
}

impl From<CreateScope> for ScopeFilter {
    fn from(scope: CreateScope) -> Self {
        match scope {
            CreateScope::Private => Self::Private,
            CreateScope::Shared => Self::Shared,
        }
    }
}

/// Paging and filtering of a listing, stream or export.
///
/// `offset` and `limit` count contacts **of the requested scope** (see
/// [`ContactsClient::list`](crate::ContactsClient::list) for what that costs).
///
/// ```
/// use sipgateio_contacts::ListOptions;
///
/// let options = ListOptions::new().offset(20).limit(10).phone_number("+4921163553355");
/// assert_eq!((options.offset, options.limit), (Some(20), Some(10)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListOptions {
    /// How many contacts of the scope to skip.
    pub offset: Option<u32>,
    /// How many contacts to return at most.
    pub limit: Option<u32>,
    /// Only contacts with one of these numbers (the API's `phonenumbers` filter, E.164).
    pub phone_numbers: Vec<String>,
}

impl ListOptions {
    /// No paging, no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Skips `offset` contacts.
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Returns at most `limit` contacts.
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Offset and limit from a core [`Pagination`].
    #[must_use]
    pub fn pagination(mut self, pagination: Pagination) -> Self {
        self.offset = pagination.offset;
        self.limit = pagination.limit;
        self
    }

    /// Adds a phone number to the filter (contacts with any of the numbers match).
    #[must_use]
    pub fn phone_number(mut self, number: impl Into<String>) -> Self {
        self.phone_numbers.push(number.into());
        self
    }

    /// Checks the values without sending anything (every call does this before its first
    /// request): paging within the API's `int32` range, a `limit` of at least 1, filter
    /// numbers in E.164.
    ///
    /// ```
    /// use sipgateio_contacts::ListOptions;
    ///
    /// assert!(ListOptions::new().limit(50).phone_number("+4921163553355").validate().is_ok());
    /// let error = ListOptions::new().limit(0).validate().unwrap_err();
    /// assert_eq!(error.invalid_field(), Some("limit"));
    /// let error = ListOptions::new().phone_number("0211 123").validate().unwrap_err();
    /// assert_eq!(error.invalid_field(), Some("phone_numbers"));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `offset`, `limit` or `phone_numbers`.
    pub fn validate(&self) -> Result<()> {
        if self.offset.is_some_and(|o| o > MAX_PAGING_VALUE) {
            return Err(Error::invalid_input(
                "offset",
                format!("must be at most {MAX_PAGING_VALUE}"),
            ));
        }
        match self.limit {
            Some(0) => return Err(Error::invalid_input("limit", "must be at least 1")),
            Some(limit) if limit > MAX_PAGING_VALUE => {
                return Err(Error::invalid_input(
                    "limit",
                    format!("must be at most {MAX_PAGING_VALUE}"),
                ));
            }
            _ => {}
        }
        for number in &self.phone_numbers {
            validate::phone_number("phone_numbers", number)?;
        }
        Ok(())
    }
}
