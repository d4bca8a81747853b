//! Results of listings and bulk operations, and the internal-contact model.

use serde::{Deserialize, Serialize};
use sipgateio_contacts_format::{Contact, Email, PhoneNumber, Scope};
use sipgateio_core::Error;
use sipgateio_types::ContactId;

/// One page of contacts of a scope (serialized as `{"items", "totalCount", "hasMore"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContactPage {
    /// The contacts of this page.
    pub items: Vec<Contact>,
    /// How many contacts the scope has in all, when known: the server's `totalCount` for
    /// [`ScopeFilter::All`](crate::ScopeFilter::All); for the other scopes only when the
    /// listing reached the end of the server's list.
    pub total_count: Option<u64>,
    /// Whether contacts of the scope follow this page.
    pub has_more: bool,
}

/// What [`ContactsClient::delete_all_shared`](crate::ContactsClient::delete_all_shared) did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct DeleteReport {
    /// Ids of the deleted contacts (a contact already gone, 404, counts as deleted).
    pub deleted: Vec<ContactId>,
    /// Contacts that could not be deleted, with the reason.
    pub failed: Vec<FailedDelete>,
}

impl DeleteReport {
    /// Whether every delete succeeded.
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
    }
}

/// A contact that could not be deleted.
#[derive(Debug)]
#[non_exhaustive]
pub struct FailedDelete {
    /// The contact's id.
    pub id: ContactId,
    /// Why the delete failed.
    pub error: Error,
}

/// A contact of `GET /contacts/internal`: one per web user of the account. Only the id is
/// required; missing fields decode as empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InternalContact {
    /// The contact's id.
    pub id: ContactId,
    /// The web user's name.
    #[serde(default)]
    pub name: String,
    /// E-mail addresses.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Mobile numbers.
    #[serde(default)]
    pub mobile: Vec<String>,
    /// Landline numbers.
    #[serde(default)]
    pub landline: Vec<String>,
    /// Fax numbers.
    #[serde(default)]
    pub fax: Vec<String>,
    /// Direct-dial numbers.
    #[serde(default)]
    pub directdial: Vec<String>,
}

impl InternalContact {
    /// This contact as a [`Contact`] of scope `INTERNAL`. Number types: mobile → `cell`,
    /// landline → `voice`, fax → `fax`, direct dial → `work`.
    pub fn to_contact(&self) -> Contact {
        let mut contact = Contact::new(self.id.clone(), self.name.clone(), Scope::Internal);
        contact.emails = self.emails.iter().map(Email::new).collect();
        let kinds = [
            (&self.mobile, "cell"),
            (&self.landline, "voice"),
            (&self.fax, "fax"),
            (&self.directdial, "work"),
        ];
        contact.numbers = kinds
            .into_iter()
            .flat_map(|(numbers, kind)| {
                numbers
                    .iter()
                    .map(move |n| PhoneNumber::new(n.clone()).types([kind]))
            })
            .collect();
        contact
    }
}

/// The body of `GET /contacts/internal`.
#[derive(Deserialize)]
pub(crate) struct InternalContacts {
    #[serde(default)]
    pub(crate) items: Vec<InternalContact>,
}
