//! vCard import (2.1, 3.0, 4.0), built on the `calcard` parser, and export (4.0), written
//! directly (the few properties below, escaped and folded as `calcard` writes them, without
//! building `calcard`'s object model first).
//!
//! Export writes one card per contact: `BEGIN:VCARD`, `VERSION:4.0`, `FN`, `N`
//! (`family;given;;;`), one `TEL;TYPE=…` per number, one `EMAIL;TYPE=…` per address, one
//! `ADR` per postal address and one `ORG` per organisation, then `END:VCARD`. Lines end with
//! CRLF and are folded at 75 octets; text is escaped (`\,` `\;` `\\` `\n`).
//!
//! Import accepts CRLF or LF, folded lines, one or many cards, any number of `TEL`, `EMAIL`
//! and `ADR` properties with their `TYPE` parameters (also the bare 2.1/3.0 form
//! `TEL;WORK;VOICE:`), property groups (`item1.TEL`) and cards without `ORG`.

use std::io;

use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use calcard::{Entry, Parser};

use crate::error::{CardError, CardProblem, Error, InputProblem};
use crate::model::{Address, Contact, Email, NewContact, PhoneNumber, join_names, split_name};
use calcard::common::IanaString as _;

/// The parts of a contact a vCard carries.
struct CardData<'a> {
    full_name: &'a str,
    given: &'a str,
    family: &'a str,
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
        let full_name = self.full_name();
        write_card(&self.card_data(&full_name), &mut out);
        out
    }

    fn card_data<'a>(&'a self, full_name: &'a str) -> CardData<'a> {
        CardData {
            full_name,
            given: &self.given,
            family: &self.family,
            numbers: &self.numbers,
            emails: &self.emails,
            addresses: &self.addresses,
            organization: &self.organization,
        }
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
        write_card(&self.card_data(), &mut out);
        out
    }

    /// Writes this contact as a vCard 4.0 (the text of [`Contact::to_vcard`]) to any
    /// [`io::Write`], piece by piece and without building the card first: give it a buffered
    /// writer (a [`BufWriter`](io::BufWriter) around a file or socket). For exports too large
    /// to hold in memory, write the contacts one after another as they arrive.
    ///
    /// ```
    /// use sipgateio_contacts_format::{Contact, ContactId, Scope};
    ///
    /// let contacts = [
    ///     Contact::new(ContactId::new("1"), "Ada Lovelace", Scope::Private),
    ///     Contact::new(ContactId::new("2"), "Alan Turing", Scope::Shared),
    /// ];
    /// let mut out = std::io::BufWriter::new(Vec::new());
    /// for contact in &contacts {
    ///     contact.write_vcard(&mut out)?;
    /// }
    /// let book = String::from_utf8(out.into_inner()?).expect("vCards are UTF-8");
    /// assert_eq!(book, contacts[0].to_vcard() + &contacts[1].to_vcard());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_vcard(&self, out: impl io::Write) -> io::Result<()> {
        let mut out = IoText { out, error: None };
        write_card(&self.card_data(), &mut out);
        out.error.map_or(Ok(()), Err)
    }

    fn card_data(&self) -> CardData<'_> {
        let (given, family) = self.given_and_family_str();
        CardData {
            full_name: &self.name,
            given,
            family,
            numbers: &self.numbers,
            emails: &self.emails,
            addresses: &self.addresses,
            organization: &self.organization,
        }
    }
}

/// Many contacts as one vCard address book (the cards one after another).
pub fn address_book<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> String {
    let contacts = contacts.into_iter();
    // About 250 bytes per card with a number, an e-mail address and an address: fewer
    // reallocations of a large book.
    let mut out = String::with_capacity(contacts.size_hint().0.saturating_mul(256));
    for contact in contacts {
        write_card(&contact.card_data(), &mut out);
    }
    out
}

/// Where the vCard writer puts its text: a `String` or an [`io::Write`].
trait Text {
    fn put(&mut self, text: &str);
}

impl Text for String {
    #[inline]
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// An [`io::Write`] as [`Text`]: the first error is kept and ends the writing.
struct IoText<W> {
    out: W,
    error: Option<io::Error>,
}

impl<W: io::Write> Text for IoText<W> {
    fn put(&mut self, text: &str) {
        if self.error.is_none()
            && let Err(error) = self.out.write_all(text.as_bytes())
        {
            self.error = Some(error);
        }
    }
}

/// The bytes a text value escapes: `\\` `;` `,` LF and CR.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\\' as usize] = true;
    table[b';' as usize] = true;
    table[b',' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

/// The bytes of a `TYPE` value that needs no trimming, cleaning, quoting or escaping
/// (letters, digits, `-` and `_`).
const PLAIN_TYPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        byte += 1;
    }
    table
};

/// `u64` with every byte 1, and with every byte's high bit set.
const LOW_BITS: u64 = u64::from_le_bytes([1; 8]);
const HIGH_BITS: u64 = LOW_BITS << 7;

/// The high bit of every zero byte of `x` (and possibly of bytes after the first zero byte,
/// which the callers never look at: they take the lowest).
const fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LOW_BITS) & !x & HIGH_BITS
}

/// The index of the first byte that a text value escapes ([`ESCAPED`]): eight bytes at a time
/// (a zero-byte test per escaped byte), the tail by table.
fn first_escaped(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hits = zero_bytes(x ^ (LOW_BITS * u64::from(b'\\')))
            | zero_bytes(x ^ (LOW_BITS * u64::from(b';')))
            | zero_bytes(x ^ (LOW_BITS * u64::from(b',')))
            | zero_bytes(x ^ (LOW_BITS * u64::from(b'\n')))
            | zero_bytes(x ^ (LOW_BITS * u64::from(b'\r')));
        if hits != 0 {
            // Little-endian: the lowest flagged byte is the first in the text.
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| ESCAPED[usize::from(b)])
        .map(|i| at + i)
}

/// The longest content line in octets (RFC 6350 §3.2); longer lines continue on the next
/// line after CRLF and one space.
const LINE_OCTETS: usize = 75;

/// One content line being written, folded at [`LINE_OCTETS`]. Folding never splits a UTF-8
/// character, an escape (`\,`) or a piece of the line's structure (`TEL`, `;`, `TYPE`, `=`, …):
/// such a piece moves to the next line whole, as `calcard`'s writer (which the import uses)
/// does, so that export → import is exact.
struct Line<'a, T: Text> {
    out: &'a mut T,
    octets: usize,
}

impl<'a, T: Text> Line<'a, T> {
    fn start(out: &'a mut T, name: &str) -> Self {
        let mut line = Self { out, octets: 0 };
        line.atomic(name);
        line
    }

    /// A line whose first `octets` octets (its name and `:`, never folded) are written.
    fn resume(out: &'a mut T, octets: usize) -> Self {
        Self { out, octets }
    }

    fn fold(&mut self) {
        self.out.put("\r\n ");
        self.octets = 1;
    }

    /// A piece that is not split (at most a few octets).
    fn atomic(&mut self, piece: &str) {
        if self.octets + piece.len() > LINE_OCTETS {
            self.fold();
        }
        self.out.put(piece);
        self.octets += piece.len();
    }

    /// Text that may be folded between any two characters.
    fn run(&mut self, mut run: &str) {
        loop {
            let room = LINE_OCTETS.saturating_sub(self.octets);
            if run.len() <= room {
                self.out.put(run);
                self.octets += run.len();
                return;
            }
            let mut split = room;
            while !run.is_char_boundary(split) {
                split -= 1;
            }
            if split > 0 {
                self.out.put(&run[..split]);
            }
            self.fold();
            run = &run[split..];
        }
    }

    /// A text value: `\` `;` `,` CR and LF escaped (RFC 6350 §3.4), everything else as is.
    fn text(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        let mut rest = value;
        while let Some(at) = first_escaped(rest.as_bytes()) {
            let escape = match rest.as_bytes()[at] {
                b'\\' => "\\\\",
                b';' => "\\;",
                b',' => "\\,",
                b'\n' => "\\n",
                _ => "\\r",
            };
            // The escaped bytes are ASCII: the slices end on character boundaries.
            self.run(&rest[..at]);
            self.atomic(escape);
            rest = &rest[at + 1..];
        }
        self.run(rest);
    }

    /// One `TYPE` value (already cleaned: no control characters, trimmed), double-quoted when
    /// it holds `:` `;` `=` `,` a space or `"`; `\` and `"` escaped.
    fn parameter(&mut self, value: &str) {
        let quoted = value
            .bytes()
            .any(|b| matches!(b, b',' | b':' | b'=' | b' ' | b';' | b'"'));
        if quoted {
            self.atomic("\"");
        }
        let mut plain = 0;
        for (i, byte) in value.bytes().enumerate() {
            let escape = match byte {
                b'\\' => "\\\\",
                b'"' => "\\\"",
                _ => continue,
            };
            self.run(&value[plain..i]);
            self.atomic(escape);
            plain = i + 1;
        }
        self.run(&value[plain..]);
        if quoted {
            self.atomic("\"");
        }
    }

    /// The values of a structured property (`N`, `ADR`, `ORG`), separated by `;`.
    fn components<'v>(&mut self, values: impl IntoIterator<Item = &'v str>) {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.atomic(";");
            }
            self.text(value);
        }
    }

    /// `;TYPE=a,b` for the types of a number or e-mail address: each split at commas (a type
    /// such as `"work,cell"` is the two types `work` and `cell`; quoted as one value it would
    /// not survive re-import), control characters dropped, trimmed, empty ones left out.
    fn types(&mut self, types: &[String]) {
        let mut first = true;
        for t in types {
            // The everyday type (`work`, `cell`, `x-custom`): one piece that needs no
            // splitting, trimming, cleaning, quoting or escaping, written as is.
            if !t.is_empty() && t.bytes().all(|b| PLAIN_TYPE[usize::from(b)]) {
                self.type_separator(&mut first);
                self.run(t);
                continue;
            }
            for part in t.split(',') {
                let part = part.trim_matches(|c: char| c.is_control() || c.is_whitespace());
                if part.is_empty() {
                    continue;
                }
                self.type_separator(&mut first);
                if part.chars().any(char::is_control) {
                    let clean: String = part.chars().filter(|c| !c.is_control()).collect();
                    self.parameter(&clean);
                } else {
                    self.parameter(part);
                }
            }
        }
    }

    /// `;TYPE=` before the first type (right after the property's name: never at the fold),
    /// `,` before the others.
    fn type_separator(&mut self, first: &mut bool) {
        if *first {
            self.atomic(";TYPE=");
            *first = false;
        } else {
            self.atomic(",");
        }
    }

    fn end(self) {
        self.out.put("\r\n");
    }
}

/// `NAME;TYPE=…:value` of a number or e-mail address.
fn typed(out: &mut impl Text, name: &str, types: &[String], value: &str) {
    let mut line = Line::start(out, name);
    line.types(types);
    line.atomic(":");
    line.text(value);
    line.end();
}

fn write_card(data: &CardData<'_>, out: &mut impl Text) {
    out.put("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:");
    let mut line = Line::resume(out, "FN:".len());
    line.text(data.full_name);
    line.end();
    out.put("N:");
    let mut line = Line::resume(out, "N:".len());
    line.components([data.family, data.given, "", "", ""]);
    line.end();
    for number in data.numbers {
        typed(out, "TEL", &number.types, &number.number);
    }
    for email in data.emails {
        typed(out, "EMAIL", &email.types, &email.email);
    }
    for address in data.addresses {
        out.put("ADR:");
        let mut line = Line::resume(out, "ADR:".len());
        line.components(address.components());
        line.end();
    }
    for units in data.organization {
        out.put("ORG:");
        let mut line = Line::resume(out, "ORG:".len());
        line.components(units.iter().map(String::as_str));
        line.end();
    }
    out.put("END:VCARD\r\n");
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
        // A folded line's continuation (RFC 6350 §3.2) is part of a value, even if it reads
        // `BEGIN:VCARD` (a long value folded just before such text).
        if line.starts_with([' ', '\t']) {
            continue;
        }
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

/// The direct writer against the `calcard` object model and writer it replaced: the same
/// bytes for any contact (long and multi-byte values around the fold, every escape, control
/// characters, odd `TYPE` values).
#[cfg(test)]
mod calcard_oracle {
    use calcard::vcard::{
        VCard, VCardEntry, VCardParameter, VCardParameterValue, VCardProperty, VCardValue,
        VCardVersion,
    };
    use proptest::prelude::*;

    use super::{CardData, clean_types, write_card};
    use crate::model::{Address, Email, PhoneNumber};

    fn text(value: &str) -> VCardValue {
        VCardValue::Text(value.to_owned())
    }

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

    fn calcard_card(data: &CardData<'_>) -> String {
        let mut entries = vec![
            VCardEntry::new(VCardProperty::Fn).with_value(text(data.full_name)),
            VCardEntry::new(VCardProperty::N).with_values(vec![
                text(data.family),
                text(data.given),
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
        let mut out = String::new();
        VCard { entries }
            .write_to(&mut out, VCardVersion::V4_0)
            .expect("writing to a String");
        out
    }

    /// Short and long values of ASCII, escapes, controls and 2-, 3- and 4-byte characters.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 +@.]{0,12}",
            "([a-zA-Z0-9 ]|[;,\\\\\r\n\t\"=:]|[äß€😀]|[\u{1}\u{7f}\u{85}]){0,120}",
        ]
    }

    fn types() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(
            prop_oneof![
                "(work|cell|home|fax|voice)",
                "([a-z ,;:=\"\\\\]|[\u{0}\u{9}\u{a0}\u{85}]|[ä😀]){0,30}",
            ],
            0..4,
        )
    }

    prop_compose! {
        fn contact()(
            full_name in value(), given in value(), family in value(),
            numbers in proptest::collection::vec((value(), types()), 0..3),
            emails in proptest::collection::vec((value(), types()), 0..3),
            addresses in proptest::collection::vec(proptest::collection::vec(value(), 7), 0..2),
            organization in proptest::collection::vec(proptest::collection::vec(value(), 0..3), 0..2),
        ) -> (String, String, String, Vec<PhoneNumber>, Vec<Email>, Vec<Address>, Vec<Vec<String>>) {
            let numbers = numbers.into_iter().map(|(n, t)| PhoneNumber::new(n).types(t)).collect();
            let emails = emails.into_iter().map(|(e, t)| Email::new(e).types(t)).collect();
            let addresses = addresses
                .into_iter()
                .map(|parts| Address::from_components(parts.into_iter()))
                .collect();
            (full_name, given, family, numbers, emails, addresses, organization)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn direct_writer_writes_what_calcard_wrote(contact in contact()) {
            let (full_name, given, family, numbers, emails, addresses, organization) = contact;
            let data = CardData {
                full_name: &full_name,
                given: &given,
                family: &family,
                numbers: &numbers,
                emails: &emails,
                addresses: &addresses,
                organization: &organization,
            };
            let mut direct = String::new();
            write_card(&data, &mut direct);
            prop_assert_eq!(direct, calcard_card(&data));
        }
    }
}
