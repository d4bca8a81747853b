//! JSON export of contacts: `{"contacts": […], "totalCount": n}`.

use serde::{Deserialize, Serialize};
use sipgateio_types::ContactId;

use crate::{Address, Contact, Scope};

/// The JSON export of contacts: the exported contacts and how many contacts the exported
/// selection has in all (more than `contacts.len()` when only a page was exported).
///
/// It serializes to `{"contacts":[…],"totalCount":n}` (with `serde_json`, in this key order),
/// each contact an [`ExportedContact`]: the columns of the CSV export, with e-mails and numbers
/// as plain strings. For the full contact model, serialize the [`Contact`]s themselves.
///
/// ```
/// use sipgateio_contacts_format::{Contact, ContactId, ContactsJson, Email, PhoneNumber, Scope};
///
/// let mut ada = Contact::new(ContactId::new("7"), "Ada Lovelace", Scope::Shared);
/// ada.emails.push(Email::new("ada@example.com").types(["work"]));
/// ada.numbers.push(PhoneNumber::new("+4921163553355").types(["cell"]));
/// ada.organization.push(vec!["sipgate".into(), "Support".into()]);
///
/// let export = ContactsJson::new([&ada], 12);
/// assert_eq!(
///     serde_json::to_string(&export)?,
///     r#"{"contacts":[{"id":"7","name":"Ada Lovelace","emails":["ada@example.com"],"numbers":["+4921163553355"],"addresses":[],"organizations":[["sipgate","Support"]],"scope":"SHARED"}],"totalCount":12}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContactsJson {
    /// The exported contacts, in the order of the API's list.
    pub contacts: Vec<ExportedContact>,
    /// How many contacts the exported selection (scope and phone-number filter) has in all.
    pub total_count: u64,
}

impl ContactsJson {
    /// The export of `contacts`, out of `total_count` contacts in all.
    pub fn new<'a>(contacts: impl IntoIterator<Item = &'a Contact>, total_count: u64) -> Self {
        Self {
            contacts: contacts.into_iter().map(ExportedContact::from).collect(),
            total_count,
        }
    }
}

/// One contact of a [`ContactsJson`] export: `id`, `name`, the e-mail addresses and numbers
/// without their types, the postal addresses as the API returns them, the organisations and
/// the scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExportedContact {
    /// The contact's id.
    pub id: ContactId,
    /// The display name.
    pub name: String,
    /// The e-mail addresses.
    pub emails: Vec<String>,
    /// The phone numbers.
    pub numbers: Vec<String>,
    /// The postal addresses.
    pub addresses: Vec<Address>,
    /// The organisations, each a list of units (the contact's `organization`).
    pub organizations: Vec<Vec<String>>,
    /// Who can see the contact.
    pub scope: Scope,
}

impl From<&Contact> for ExportedContact {
    fn from(contact: &Contact) -> Self {
        Self {
            id: contact.id.clone(),
            name: contact.name.clone(),
            emails: contact.emails.iter().map(|e| e.email.clone()).collect(),
            numbers: contact.numbers.iter().map(|n| n.number.clone()).collect(),
            addresses: contact.addresses.clone(),
            organizations: contact.organization.clone(),
            scope: contact.scope.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_export_keeps_the_total() {
        let export = ContactsJson::new([], 3);
        assert_eq!(
            serde_json::to_string(&export).expect("serializes"),
            r#"{"contacts":[],"totalCount":3}"#
        );
    }

    #[test]
    fn addresses_and_unknown_scopes_are_written_as_the_api_sends_them() {
        let mut contact = Contact::new(
            ContactId::new("1"),
            "Peter Ustinov",
            Scope::Unknown("TEAM".into()),
        );
        contact.addresses.push(Address::new(
            "2 Enterprise Avenue",
            "01111",
            "Worktown",
            "USA",
        ));
        let export = ContactsJson::new([&contact], 1);
        let json = serde_json::to_value(&export).expect("serializes");
        assert_eq!(json["contacts"][0]["scope"], "TEAM");
        assert_eq!(
            json["contacts"][0]["addresses"][0],
            serde_json::json!({"poBox": "", "extendedAddress": "", "streetAddress": "2 Enterprise Avenue",
                "locality": "Worktown", "region": "", "postalCode": "01111", "country": "USA"})
        );
        let back: ContactsJson = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, export);
    }
}
