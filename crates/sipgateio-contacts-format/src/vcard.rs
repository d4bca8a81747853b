//! vCard import (2.1, 3.0, 4.0) and export (4.0), built on the `calcard` parser and writer.
//!
//! Export writes one card per contact: `BEGIN:VCARD`, `VERSION:4.0`, `FN`, `N`
//! (`family;given;;;`), one `TEL;TYPE=…` per number, one `EMAIL;TYPE=…` per address, one
//! `ADR` per postal address and one `ORG` per organisation, then `END:VCARD`. Lines end with
//! CRLF and are folded at 75 octets; text is escaped (`\,` `\;` `\\` `\n`).
//!
//! Import accepts CRLF or LF, folded lines, one or many cards, any number of `TEL`, `EMAIL`
//! and `ADR` properties with their `TYPE` parameters (also the bare 2.1/3.0 form
//! `TEL;WORK;VOICE:`), property groups (`item1.TEL`) and cards without `ORG`.

use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue, VCardVersion,
};
use calcard::{Entry, Parser};

use crate::error::{CardError, CardProblem, Error, InputProblem};
use crate::model::{Address, Contact, Email, NewContact, PhoneNumber, join_names, split_name};
use calcard::common::IanaString as _;

/// The parts of a contact a vCard carries.
struct CardData<'a> {
    full_name: String,
    given: String,
    family: String,
    numbers: &'a [PhoneNumber],
    emails: &'a [Email],
    addresses: &'a [Address],
    organization: &'a [Vec<String>],
}

impl NewContact {
    /// This contact as a vCard 4.0 (CRLF line ends, folded at 75 octets).
    ///
    /// ```
    /// use sipgateio_contacts_format::{NewContact, PhoneNumber};
    ///
    /// let card = NewContact::new("Ada", "Lovelace")
    ///     .number(PhoneNumber::new("+4921163553355").types(["work"]))
    ///     .to_vcard();
    /// assert_eq!(
    ///     card,
    ///     "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n\
    ///      TEL;TYPE=work:+4921163553355\r\nEND:VCARD\r\n"
    /// );
    /// ```
    pub fn to_vcard(&self) -> String {
        let mut out = String::with_capacity(256);
        write_card(
            &CardData {
                full_name: self.full_name(),
                given: self.given.clone(),
                family: self.family.clone(),
                numbers: &self.numbers,
                emails: &self.emails,
                addresses: &self.addresses,
                organization: &self.organization,
            },
            &mut out,
        );
        out
    }
}

impl Contact {
    /// This contact as a vCard 4.0. `FN` is the display name; `N` uses the known given and
    /// family names or splits the display name at its last space.
    ///
    /// ```
    /// use sipgateio_contacts_format::{Contact, ContactId, Scope};
    ///
    /// let card = Contact::new(ContactId::new("7"), "Ada King Lovelace", Scope::Shared).to_vcard();
    /// assert!(card.contains("\r\nFN:Ada King Lovelace\r\nN:Lovelace;Ada King;;;\r\n"));
    /// ```
    pub fn to_vcard(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_vcard(&mut out);
        out
    }

    fn write_vcard(&self, out: &mut String) {
        let (given, family) = self.given_and_family();
        write_card(
            &CardData {
                full_name: self.name.clone(),
                given,
                family,
                numbers: &self.numbers,
                emails: &self.emails,
                addresses: &self.addresses,
                organization: &self.organization,
            },
            out,
        );
    }
}

/// Many contacts as one vCard address book (the cards one after another).
pub fn address_book<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> String {
    let mut out = String::new();
    for contact in contacts {
        contact.write_vcard(&mut out);
    }
    out
}

fn text(value: &str) -> VCardValue {
    VCardValue::Text(value.to_owned())
}

/// `TYPE` is a comma-separated list in vCard, so a type such as `"work,cell"` is written as
/// the two types `work` and `cell` (quoted as one value it would not survive re-import).
fn typed(name: VCardProperty, types: &[String], value: &str) -> VCardEntry {
    let params = types
        .iter()
        .flat_map(|t| clean_types(t))
        .map(|t| VCardParameter::typ(VCardParameterValue::Text(t)))
        .collect();
    VCardEntry::new(name)
        .with_params(params)
        .with_value(text(value))
}

fn write_card(data: &CardData<'_>, out: &mut String) {
    let mut entries = vec![
        VCardEntry::new(VCardProperty::Fn).with_value(text(&data.full_name)),
        VCardEntry::new(VCardProperty::N).with_values(vec![
            text(&data.family),
            text(&data.given),
            text(""),
            text(""),
            text(""),
        ]),
    ];
    for number in data.numbers {
        entries.push(typed(VCardProperty::Tel, &number.types, &number.number));
    }
    for email in data.emails {
        entries.push(typed(VCardProperty::Email, &email.types, &email.email));
    }
    for address in data.addresses {
        let values = address.components().into_iter().map(text).collect();
        entries.push(VCardEntry::new(VCardProperty::Adr).with_values(values));
    }
    for units in data.organization {
        let values = units.iter().map(|u| text(u)).collect();
        entries.push(VCardEntry::new(VCardProperty::Org).with_values(values));
    }
    // Writing into a `String` cannot fail.
    let _ = VCard { entries }.write_to(out, VCardVersion::V4_0);
}

/// Parses one or many vCards (2.1, 3.0 or 4.0) into contacts to create.
///
/// Every invalid card is reported at once in [`InputProblem::InvalidCards`]; an input without
/// any card is [`InputProblem::NoVCard`] (both in an [`Error::InvalidInput`] on `vcard`).
///
/// ```
/// use sipgateio_contacts_format::parse_vcards;
///
/// let input = "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;Ada;;;\nTEL;TYPE=WORK,VOICE:+4921163553355\n\
///              TEL;TYPE=CELL:+4915799912345\nEND:VCARD\n";
/// let contacts = parse_vcards(input)?;
/// assert_eq!(contacts[0].given, "Ada");
/// assert_eq!(contacts[0].numbers[0].types, ["work", "voice"]);
/// assert_eq!(contacts[0].numbers.len(), 2);
/// # Ok::<(), sipgateio_contacts_format::Error>(())
/// ```
pub fn parse_vcards(input: &str) -> Result<Vec<NewContact>, Error> {
    let mut parser = Parser::new(input);
    let mut contacts = Vec::new();
    let mut errors = Vec::new();
    let mut card = 0;
    loop {
        match parser.entry() {
            Entry::VCard(vcard) => {
                card += 1;
                match read_card(&vcard) {
                    Ok(contact) => contacts.push(contact),
                    Err(problem) => errors.push(CardError { card, problem }),
                }
            }
            Entry::Eof => break,
            Entry::InvalidLine(line) if line.trim().is_empty() => {}
            Entry::InvalidLine(line) => errors.push(CardError {
                card: card + 1,
                problem: CardProblem::InvalidLine(line.trim().to_owned()),
            }),
            _ => errors.push(CardError {
                card: card + 1,
                problem: CardProblem::InvalidLine("a component that is not a vCard".into()),
            }),
        }
    }
    if let Some(unterminated) = unterminated_card(input) {
        errors.push(CardError {
            card: unterminated,
            problem: CardProblem::Unterminated,
        });
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.card);
        return Err(Error::invalid("vcard", InputProblem::InvalidCards(errors)));
    }
    if contacts.is_empty() {
        return Err(Error::invalid("vcard", InputProblem::NoVCard));
    }
    Ok(contacts)
}

/// The 1-based number of the first card without `END:VCARD`, if any. (The parser itself
/// accepts a card cut off at the end of the input.)
fn unterminated_card(input: &str) -> Option<usize> {
    let mut open = false;
    let mut card = 0;
    for line in input.lines() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.eq_ignore_ascii_case("BEGIN:VCARD") {
            if open {
                return Some(card);
            }
            open = true;
            card += 1;
        } else if line.eq_ignore_ascii_case("END:VCARD") {
            open = false;
        }
    }
    open.then_some(card)
}

fn value_text(value: &VCardValue) -> String {
    match value {
        VCardValue::Text(text) => text.clone(),
        VCardValue::Component(parts) => parts.join(","),
        VCardValue::Binary(data) => data.to_unwrapped_string(),
        other => other.as_text().unwrap_or_default().to_owned(),
    }
}

fn first_text(entry: &VCardEntry) -> String {
    entry
        .values
        .iter()
        .map(value_text)
        .collect::<Vec<_>>()
        .join(",")
}

/// One `TYPE` value as the list of types it stands for: split at commas (a list, also when it
/// arrived escaped as one value), control characters dropped, trimmed, empty parts skipped.
/// Import and export both go through this, so export → import keeps the types.
fn clean_types(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(|part| {
            part.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .filter(|part| !part.is_empty())
}

fn types_of(entry: &VCardEntry) -> Vec<String> {
    entry
        .params
        .iter()
        .filter(|p| p.name == VCardParameterName::Type)
        .filter_map(|p| match &p.value {
            VCardParameterValue::Type(t) => Some(t.as_str().to_ascii_lowercase()),
            VCardParameterValue::Text(t) => Some(t.to_lowercase()),
            _ => None,
        })
        .flat_map(|t| clean_types(&t).collect::<Vec<_>>())
        .collect()
}

fn read_card(card: &VCard) -> Result<NewContact, CardProblem> {
    let version = card
        .property(&VCardProperty::Version)
        .map(|e| first_text(e).trim().to_owned());
    match version.as_deref() {
        Some("2.1" | "3.0" | "4.0") => {}
        _ => return Err(CardProblem::UnsupportedVersion(version)),
    }

    let full_name = card
        .property(&VCardProperty::Fn)
        .map(first_text)
        .filter(|n| !n.trim().is_empty());
    let from_n = card.property(&VCardProperty::N).and_then(|n| {
        let part = |i: usize| n.values.get(i).map(value_text).unwrap_or_default();
        let (family, given) = (part(0), part(1));
        (!family.trim().is_empty() || !given.trim().is_empty()).then_some((given, family))
    });
    let (given, family) = match (from_n, &full_name) {
        (Some(names), _) => names,
        (None, Some(full_name)) => split_name(full_name),
        (None, None) => return Err(CardProblem::MissingName),
    };
    let name = full_name.filter(|n| *n != join_names(&given, &family));

    let mut contact = NewContact {
        given,
        family,
        name,
        ..NewContact::default()
    };
    for entry in &card.entries {
        match entry.name {
            VCardProperty::Tel => {
                let value = first_text(entry);
                let mut number = value.as_str();
                while let Some(rest) = number.strip_prefix("tel:") {
                    number = rest;
                }
                if !number.trim().is_empty() {
                    contact.numbers.push(PhoneNumber {
                        number: number.to_owned(),
                        types: types_of(entry),
                    });
                }
            }
            VCardProperty::Email => {
                let email = first_text(entry);
                if !email.trim().is_empty() {
                    contact.emails.push(Email {
                        email,
                        types: types_of(entry),
                    });
                }
            }
            VCardProperty::Adr => {
                let address = Address::from_components(entry.values.iter().map(value_text));
                if address.components().iter().any(|c| !c.trim().is_empty()) {
                    contact.addresses.push(address);
                }
            }
            VCardProperty::Org => {
                let units: Vec<String> = entry.values.iter().map(value_text).collect();
                if units.iter().any(|u| !u.trim().is_empty()) {
                    contact.organization.push(units);
                }
            }
            _ => {}
        }
    }
    Ok(contact)
}
