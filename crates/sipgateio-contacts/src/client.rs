//! The contacts client, its extension trait, and the single-contact operations.

use serde::Serialize;
use sipgateio_contacts_format::{Address, Contact, Email, NewContact, PhoneNumber, Scope};
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::{Client, Error, Result};
use sipgateio_types::ContactId;

use crate::CreateScope;

/// The meaning of a 403 on writing calls.
pub(crate) const WRITE_FORBIDDEN: &str =
    "the credentials may not change contacts (scope contacts:write)";
/// The meaning of a 400 on create and update.
const INVALID_CONTACT: &str = "the server rejected the contact as invalid";
/// The meaning of a 404 on update and delete.
const NOT_FOUND: &str = "contact not found";

/// Access to the account's contacts (`/contacts`).
///
/// Get one with [`ContactsClient::new`] or, with [`ContactsExt`] in scope, `client.contacts()`.
#[derive(Clone, Debug)]
pub struct ContactsClient {
    pub(crate) client: Client,
}

/// The body of `POST /contacts`, in the Node library's key order.
#[derive(Serialize)]
struct CreateBody<'a> {
    name: String,
    family: &'a str,
    given: &'a str,
    organization: &'a [Vec<String>],
    picture: Option<&'a str>,
    scope: Scope,
    addresses: &'a [Address],
    emails: &'a [Email],
    numbers: &'a [PhoneNumber],
}

/// Only `PRIVATE` and `SHARED` can be written: the check for a contact read from the API
/// (new contacts take a [`CreateScope`], which has no other values).
fn check_writable_scope(scope: &Scope) -> Result<()> {
    match scope {
        Scope::Private | Scope::Shared => Ok(()),
        _ => Err(Error::invalid_input("scope", "must be PRIVATE or SHARED")),
    }
}

fn check_entries(contact_numbers: &[PhoneNumber], emails: &[Email]) -> Result<()> {
    if contact_numbers.iter().any(|n| n.number.trim().is_empty()) {
        return Err(Error::invalid_input(
            "numbers",
            "must not contain an empty number",
        ));
    }
    if emails.iter().any(|e| e.email.trim().is_empty()) {
        return Err(Error::invalid_input(
            "emails",
            "must not contain an empty address",
        ));
    }
    Ok(())
}

impl ContactsClient {
    /// A contacts client that uses `client`'s credentials and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Creates a contact in `scope` (`POST /contacts`).
    ///
    /// The body carries `name` ([`NewContact::full_name`]: `"given family"` without stray
    /// spaces, or the display name), `family`, `given`, `organization`, `picture`, `scope`
    /// and every address, e-mail and number.
    ///
    /// ```no_run
    /// use sipgateio_contacts::{ContactsExt, CreateScope, NewContact, PhoneNumber};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// let ada = NewContact::new("Ada", "Lovelace").number(PhoneNumber::new("+4921163553355"));
    /// client.contacts().create(&ada, CreateScope::Shared).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] (no request sent) when the contact has no name at all
    /// (`name`), or a number or e-mail is empty (`numbers`, `emails`);
    /// [`Error::Api`] with the meaning "rejected as invalid" on a 400;
    /// [`Error::Forbidden`] on a 403; a 500 stays a plain [`Error::Api`] server error.
    #[doc(alias = "createContact")]
    pub async fn create(&self, contact: &NewContact, scope: CreateScope) -> Result<()> {
        let request = create_request(contact, scope)?;
        self.client.send_no_content(request).await
    }

    /// Replaces a contact (`PUT /contacts/{id}`) with the given one, `id` included, for
    /// example one read with [`list`](Self::list) or [`stream`](Self::stream) and changed.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] (no request sent) for an empty id, an empty name, a scope
    /// other than PRIVATE or SHARED, or an empty number or e-mail; [`Error::NotFound`]
    /// ("contact not found") on a 404; [`Error::Api`] on a 400 ("rejected as invalid");
    /// [`Error::Forbidden`] on a 403.
    #[doc(alias = "updateContact")]
    pub async fn update(&self, contact: &Contact) -> Result<()> {
        let id = path_segment("id", contact.id.as_str())?;
        if contact.name.trim().is_empty() {
            return Err(Error::invalid_input("name", "must not be empty"));
        }
        check_writable_scope(&contact.scope)?;
        check_entries(&contact.numbers, &contact.emails)?;
        let request = Request::put(format!("contacts/{id}"))
            .json(contact)?
            .on_status(400, INVALID_CONTACT)
            .on_status(403, WRITE_FORBIDDEN)
            .on_status(404, NOT_FOUND);
        self.client.send_no_content(request).await
    }

    /// Deletes one contact (`DELETE /contacts/{id}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an empty id, `.` or `..` (no request sent);
    /// [`Error::NotFound`] ("contact not found") on a 404; [`Error::Forbidden`] on a 403.
    #[doc(alias = "deleteContact")]
    pub async fn delete(&self, id: &ContactId) -> Result<()> {
        let id = path_segment("id", id.as_str())?;
        self.client.send_no_content(delete_request(&id)).await
    }

    /// Deletes every private contact of the web user (`DELETE /contacts`).
    ///
    /// # Errors
    /// [`Error::Forbidden`] on a 403, and the other core errors.
    #[doc(alias = "deleteAllContacts")]
    #[doc(alias = "deleteAllPrivate")]
    pub async fn delete_all_private(&self) -> Result<()> {
        let request = Request::delete("contacts").on_status(403, WRITE_FORBIDDEN);
        self.client.send_no_content(request).await
    }
}

/// `POST /contacts` for a new contact, validated.
pub(crate) fn create_request(contact: &NewContact, scope: CreateScope) -> Result<Request> {
    let name = contact.full_name();
    if name.trim().is_empty() {
        return Err(Error::invalid_input(
            "name",
            "a given name, family name or display name is required",
        ));
    }
    check_entries(&contact.numbers, &contact.emails)?;
    let body = CreateBody {
        name,
        family: &contact.family,
        given: &contact.given,
        organization: &contact.organization,
        picture: contact.picture.as_deref(),
        scope: scope.into(),
        addresses: &contact.addresses,
        emails: &contact.emails,
        numbers: &contact.numbers,
    };
    Ok(Request::post("contacts")
        .json(&body)?
        .on_status(400, INVALID_CONTACT)
        .on_status(403, WRITE_FORBIDDEN))
}

/// `DELETE /contacts/{id}` for an already encoded id.
pub(crate) fn delete_request(encoded_id: &str) -> Request {
    Request::delete(format!("contacts/{encoded_id}"))
        .on_status(403, WRITE_FORBIDDEN)
        .on_status(404, NOT_FOUND)
}

/// Adds [`contacts`](ContactsExt::contacts) to the core [`Client`].
pub trait ContactsExt {
    /// The contacts API of this client.
    fn contacts(&self) -> ContactsClient;
}

impl ContactsExt for Client {
    fn contacts(&self) -> ContactsClient {
        ContactsClient::new(self)
    }
}
