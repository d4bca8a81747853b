//! The contact types shared by the converters and the REST crate (`sipgateio-contacts`).
//!
//! Field names on the wire follow the sipgate API (`poBox`, `extendedAddress`, …).

use serde::{Deserialize, Deserializer, Serialize};
use sipgateio_types::ContactId;

use crate::compact;

sipgateio_types::wire_enum! {
    /// Who can see a contact.
    ///
    /// Decoding never fails: a scope the SDK does not know yet becomes [`Scope::Unknown`].
    ///
    /// ```
    /// use sipgateio_contacts_format::Scope;
    ///
    /// assert_eq!(Scope::from("SHARED"), Scope::Shared);
    /// assert_eq!(Scope::Internal.as_str(), "INTERNAL");
    /// assert_eq!(Scope::from("TEAM"), Scope::Unknown("TEAM".into()));
    /// ```
    pub enum Scope {
        /// Only the web user who created it (`PRIVATE`).
        Private = "PRIVATE",
        /// Everyone in the organisation (`SHARED`).
        Shared = "SHARED",
        /// Created by sipgate, for example one contact per web user (`INTERNAL`).
        Internal = "INTERNAL",
    }
}

/// A phone number of a contact with its types (`work`, `cell`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhoneNumber {
    /// The number as stored (usually E.164, e.g. `+4921163553355`).
    pub number: String,
    /// Its types, lower case on import from vCard (`work`, `home`, `cell`, `fax`, …).
    #[serde(rename = "type", default, deserialize_with = "compact::list")]
    pub types: Vec<String>,
}

impl PhoneNumber {
    /// A number without types.
    pub fn new(number: impl Into<String>) -> Self {
        Self {
            number: number.into(),
            types: Vec::new(),
        }
    }

    /// Sets its types (`work`, `cell`, …).
    ///
    /// ```
    /// use sipgateio_contacts_format::PhoneNumber;
    ///
    /// let number = PhoneNumber::new("+4921163553355").types(["work", "voice"]);
    /// assert_eq!(number.types, ["work", "voice"]);
    /// ```
    #[must_use]
    pub fn types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.types = types.into_iter().map(Into::into).collect();
        self
    }
}

/// An e-mail address of a contact with its types (`work`, `home`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Email {
    /// The address.
    pub email: String,
    /// Its types, lower case on import from vCard.
    #[serde(rename = "type", default, deserialize_with = "compact::list")]
    pub types: Vec<String>,
}

impl Email {
    /// An address without types.
    pub fn new(email: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            types: Vec::new(),
        }
    }

    /// Sets its types (`work`, `home`, …).
    #[must_use]
    pub fn types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.types = types.into_iter().map(Into::into).collect();
        self
    }
}

/// A postal address (the seven components of a vCard `ADR`). Missing fields decode as empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Address {
    /// Post office box.
    #[serde(deserialize_with = "null_as_default")]
    pub po_box: String,
    /// Extended address (apartment, suite, …).
    #[serde(deserialize_with = "null_as_default")]
    pub extended_address: String,
    /// Street and house number.
    #[serde(deserialize_with = "null_as_default")]
    pub street_address: String,
    /// City.
    #[serde(deserialize_with = "null_as_default")]
    pub locality: String,
    /// Region or state.
    #[serde(deserialize_with = "null_as_default")]
    pub region: String,
    /// Postal code.
    #[serde(deserialize_with = "null_as_default")]
    pub postal_code: String,
    /// Country.
    #[serde(deserialize_with = "null_as_default")]
    pub country: String,
}

impl Address {
    /// An address with street, postal code, city and country; the other fields empty.
    pub fn new(
        street_address: impl Into<String>,
        postal_code: impl Into<String>,
        locality: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        Self {
            street_address: street_address.into(),
            postal_code: postal_code.into(),
            locality: locality.into(),
            country: country.into(),
            ..Self::default()
        }
    }

    /// The seven `ADR` components in vCard order.
    pub(crate) fn components(&self) -> [&str; 7] {
        [
            &self.po_box,
            &self.extended_address,
            &self.street_address,
            &self.locality,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
    }

    /// Builds an address from `ADR` components in vCard order; missing ones are empty.
    pub(crate) fn from_components(mut parts: impl Iterator<Item = String>) -> Self {
        let mut next = || parts.next().unwrap_or_default();
        Self {
            po_box: next(),
            extended_address: next(),
            street_address: next(),
            locality: next(),
            region: next(),
            postal_code: next(),
            country: next(),
        }
    }
}

/// Reads `null` like a missing value: the API sends `null` for empty fields although its
/// description says string or array.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A contact as the sipgate API returns it (`GET /contacts`) and takes it back (`PUT`).
///
/// The server keeps one display `name`; `given`/`family` are only present when known (the
/// API accepts them on create and update).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Contact {
    /// The contact's id.
    pub id: ContactId,
    /// The display name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Given name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// Family name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// A base64 picture, if any.
    #[serde(default)]
    pub picture: Option<String>,
    /// E-mail addresses.
    #[serde(default, deserialize_with = "compact::list")]
    pub emails: Vec<Email>,
    /// Phone numbers.
    #[serde(default, deserialize_with = "compact::list")]
    pub numbers: Vec<PhoneNumber>,
    /// Postal addresses.
    #[serde(default, deserialize_with = "compact::list")]
    pub addresses: Vec<Address>,
    /// Organisations, each a list of units (`[["sipgate", "Support"]]`).
    #[serde(default, deserialize_with = "compact::nested_list")]
    pub organization: Vec<Vec<String>>,
    /// Who can see the contact.
    pub scope: Scope,
}

impl Contact {
    /// A contact with an id, a display name and a scope; everything else empty.
    pub fn new(id: ContactId, name: impl Into<String>, scope: Scope) -> Self {
        Self {
            id,
            name: name.into(),
            given: None,
            family: None,
            picture: None,
            emails: Vec::new(),
            numbers: Vec::new(),
            addresses: Vec::new(),
            organization: Vec::new(),
            scope,
        }
    }

    /// Given and family name: the known ones, or the display name split at its last space
    /// (family = the last word; a name without a space is all given name).
    ///
    /// ```
    /// use sipgateio_contacts_format::{Contact, ContactId, Scope};
    ///
    /// let contact = Contact::new(ContactId::new("1"), "Ada King Lovelace", Scope::Private);
    /// assert_eq!(contact.given_and_family(), ("Ada King".to_owned(), "Lovelace".to_owned()));
    /// ```
    pub fn given_and_family(&self) -> (String, String) {
        match (&self.given, &self.family) {
            (Some(given), Some(family)) => (given.clone(), family.clone()),
            (given, family) => {
                let (split_given, split_family) = split_name(&self.name);
                (
                    given.clone().unwrap_or(split_given),
                    family.clone().unwrap_or(split_family),
                )
            }
        }
    }

    /// [`Contact::given_and_family`] without copying the names.
    pub(crate) fn given_and_family_str(&self) -> (&str, &str) {
        match (&self.given, &self.family) {
            (Some(given), Some(family)) => (given, family),
            (given, family) => {
                let (split_given, split_family) = split_name_str(&self.name);
                (
                    given.as_deref().unwrap_or(split_given),
                    family.as_deref().unwrap_or(split_family),
                )
            }
        }
    }

    /// This contact as input for creating a new one (names, numbers, e-mails, addresses,
    /// organisations and picture).
    pub fn to_new_contact(&self) -> NewContact {
        let (given, family) = self.given_and_family();
        let derived = join_names(&given, &family);
        NewContact {
            name: (self.name != derived).then(|| self.name.clone()),
            given,
            family,
            picture: self.picture.clone(),
            emails: self.emails.clone(),
            numbers: self.numbers.clone(),
            addresses: self.addresses.clone(),
            organization: self.organization.clone(),
        }
    }
}

/// Splits a display name at its last space: `("Ada King", "Lovelace")`; no space → all given.
pub(crate) fn split_name(name: &str) -> (String, String) {
    let (given, family) = split_name_str(name);
    (given.to_owned(), family.to_owned())
}

/// [`split_name`] without copying.
fn split_name_str(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((given, family)) => (given.trim_end(), family),
        None => (name, ""),
    }
}

/// `"given family"`, leaving out empty parts (no stray spaces).
pub(crate) fn join_names(given: &str, family: &str) -> String {
    match (given.is_empty(), family.is_empty()) {
        (false, false) => format!("{given} {family}"),
        (false, true) => given.to_owned(),
        (true, _) => family.to_owned(),
    }
}

/// A contact to create: what a vCard import yields and what `create` takes.
///
/// ```
/// use sipgateio_contacts_format::{NewContact, PhoneNumber};
///
/// let contact = NewContact::new("Ada", "Lovelace").number(PhoneNumber::new("+4921163553355"));
/// assert_eq!(contact.full_name(), "Ada Lovelace");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewContact {
    /// Given name.
    pub given: String,
    /// Family name.
    pub family: String,
    /// A display name that differs from `"given family"` (for example `Dr. Ada Lovelace`);
    /// `None` means `"given family"`.
    pub name: Option<String>,
    /// A base64 picture, if any.
    pub picture: Option<String>,
    /// E-mail addresses.
    pub emails: Vec<Email>,
    /// Phone numbers.
    pub numbers: Vec<PhoneNumber>,
    /// Postal addresses.
    pub addresses: Vec<Address>,
    /// Organisations, each a list of units.
    pub organization: Vec<Vec<String>>,
}

impl NewContact {
    /// A contact with a given and a family name.
    pub fn new(given: impl Into<String>, family: impl Into<String>) -> Self {
        Self {
            given: given.into(),
            family: family.into(),
            ..Self::default()
        }
    }

    /// The display name: the `name` field, or `"given family"` without stray spaces.
    pub fn full_name(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| join_names(&self.given, &self.family))
    }

    /// Sets a display name that differs from `"given family"` (for example `Dr. Ada
    /// Lovelace`).
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Adds a phone number.
    #[must_use]
    pub fn number(mut self, number: PhoneNumber) -> Self {
        self.numbers.push(number);
        self
    }

    /// Adds an e-mail address.
    #[must_use]
    pub fn email(mut self, email: Email) -> Self {
        self.emails.push(email);
        self
    }

    /// Adds a postal address.
    #[must_use]
    pub fn address(mut self, address: Address) -> Self {
        self.addresses.push(address);
        self
    }

    /// Adds an organisation (its units, e.g. `["sipgate", "Support"]`).
    #[must_use]
    pub fn organization<S: Into<String>>(mut self, units: impl IntoIterator<Item = S>) -> Self {
        self.organization
            .push(units.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the base64 picture.
    #[must_use]
    pub fn picture(mut self, picture: impl Into<String>) -> Self {
        self.picture = Some(picture.into());
        self
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nulls_from_the_server_read_as_empty() {
        let json = r#"{"id":"1","name":null,"picture":null,"emails":null,
            "numbers":[{"number":"+4921100000","type":null}],
            "addresses":[{"poBox":null,"extendedAddress":null,"streetAddress":"Gladbacher Str. 74",
                "locality":"Düsseldorf","region":null,"postalCode":"40219","country":null}],
            "organization":null,"scope":"PRIVATE"}"#;
        let contact: Contact = serde_json::from_str(json).expect("nulls are accepted");
        assert_eq!(contact.name, "");
        assert!(contact.emails.is_empty() && contact.organization.is_empty());
        assert!(contact.numbers[0].types.is_empty());
        assert_eq!(contact.addresses[0].extended_address, "");
        assert_eq!(contact.addresses[0].street_address, "Gladbacher Str. 74");
    }

    use super::*;

    #[test]
    fn scope_round_trips_and_keeps_unknown_values() {
        for (wire, scope) in [
            ("PRIVATE", Scope::Private),
            ("SHARED", Scope::Shared),
            ("INTERNAL", Scope::Internal),
            ("GLOBAL", Scope::Unknown("GLOBAL".into())),
        ] {
            let json = format!("\"{wire}\"");
            assert_eq!(
                serde_json::from_str::<Scope>(&json).ok(),
                Some(scope.clone())
            );
            assert_eq!(serde_json::to_string(&scope).ok(), Some(json));
        }
    }

    #[test]
    fn name_splitting() {
        for (name, given, family) in [
            ("Ada Lovelace", "Ada", "Lovelace"),
            ("Ada King Lovelace", "Ada King", "Lovelace"),
            ("Cher", "Cher", ""),
            ("  Alan   Turing ", "Alan", "Turing"),
            ("", "", ""),
        ] {
            assert_eq!(split_name(name), (given.into(), family.into()), "{name:?}");
        }
    }

    #[test]
    fn known_names_win_over_splitting() {
        let mut contact = Contact::new(ContactId::new("1"), "Dr. Ada Lovelace", Scope::Shared);
        contact.given = Some("Ada".into());
        contact.family = Some("Lovelace".into());
        assert_eq!(
            contact.given_and_family(),
            ("Ada".into(), "Lovelace".into())
        );
        let new = contact.to_new_contact();
        assert_eq!(new.full_name(), "Dr. Ada Lovelace");
        contact.name = "Ada Lovelace".into();
        assert_eq!(contact.to_new_contact().name, None);
    }

    #[test]
    fn full_name_has_no_stray_spaces() {
        assert_eq!(NewContact::new("Ada", "").full_name(), "Ada");
        assert_eq!(NewContact::new("", "Lovelace").full_name(), "Lovelace");
        assert_eq!(
            NewContact::new("Ada", "Lovelace")
                .name("Countess")
                .full_name(),
            "Countess"
        );
    }

    #[test]
    fn contact_decodes_the_api_example_and_tolerates_missing_fields() {
        let json = r#"{"id":"b3d9","name":"Ada Lovelace","picture":null,
            "emails":[{"email":"a@b.de","type":["work"]}],
            "numbers":[{"number":"+4915799912345","type":["cell"]}],
            "addresses":[{"poBox":"","country":"DE","streetAddress":"Gladbacher Str. 74",
                "postalCode":"40219","locality":"Düsseldorf","extendedAddress":"","region":""}],
            "organization":[["sipgate","Support"]],"scope":"PRIVATE"}"#;
        let contact: Contact = serde_json::from_str(json).expect("valid");
        assert_eq!(contact.id, ContactId::new("b3d9"));
        let written = serde_json::to_value(&contact).expect("serializes");
        assert_eq!(
            written["id"], "b3d9",
            "the id is a plain string on the wire"
        );
        assert_eq!(contact.numbers[0].types, ["cell"]);
        assert_eq!(contact.addresses[0].locality, "Düsseldorf");
        let minimal: Contact =
            serde_json::from_str(r#"{"id":"1","scope":"SHARED","addresses":[{}]}"#).expect("valid");
        assert_eq!(minimal.addresses, [Address::default()]);
        assert!(minimal.numbers.is_empty());
    }
}
