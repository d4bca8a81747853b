//! [`Fax`]: the document to send, its recipient and the sending fax line.

use std::fmt;

use chrono::{DateTime, Utc};
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Result};
use sipgateio_types::FaxlineId;

/// The largest document the API accepts: `base64Content` may have at most 28 330 000
/// characters, which is 21 247 500 bytes before encoding.
pub const MAX_PDF_BYTES: usize = 28_330_000 / 4 * 3;

/// A PDF document to fax: the sending fax line, the recipient's number and the document,
/// plus an optional file name.
///
/// ```
/// use sipgateio_fax::{Fax, FaxlineId};
///
/// let pdf = b"%PDF-1.4\n...\n%%EOF\n".to_vec();
/// let fax = Fax::new(FaxlineId::new("f0"), "+4921100000", pdf).filename("invoice.pdf");
/// assert!(fax.validate().is_ok());
///
/// let not_a_pdf = Fax::new(FaxlineId::new("f0"), "+4921100000", b"hello".to_vec());
/// assert_eq!(not_a_pdf.validate().unwrap_err().invalid_field(), Some("content"));
///
/// // The fax line must be a fax extension (`f<n>`).
/// let a_phoneline = Fax::new(FaxlineId::new("p0"), "+4921100000", b"%PDF-1.4 %%EOF".to_vec());
/// assert_eq!(a_phoneline.validate().unwrap_err().invalid_field(), Some("faxline_id"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Fax {
    faxline_id: FaxlineId,
    to: String,
    content: Vec<u8>,
    filename: Option<String>,
}

impl fmt::Debug for Fax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fax")
            .field("faxline_id", &self.faxline_id)
            .field("to", &self.to)
            .field("content", &format_args!("{} bytes", self.content.len()))
            .field("filename", &self.filename)
            .finish()
    }
}

impl Fax {
    /// A fax of the PDF `content` to the phone number `to`, sent by the fax line
    /// `faxline_id` (e.g. `f0`; [`FaxClient::list_faxlines`](crate::FaxClient::list_faxlines)
    /// returns the lines with their ids).
    pub fn new(faxline_id: FaxlineId, to: impl Into<String>, content: impl Into<Vec<u8>>) -> Self {
        Self {
            faxline_id,
            to: to.into(),
            content: content.into(),
            filename: None,
        }
    }

    /// Sets the file name shown in the history. Without one (or with an empty one) the name
    /// is `Fax_<YYYYMMDD>_<HHMM>` of the current UTC time ([`default_filename`]), set in the
    /// request only.
    #[must_use]
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// The sending fax line.
    pub fn faxline_id(&self) -> &FaxlineId {
        &self.faxline_id
    }

    /// The recipient's fax number.
    pub fn to(&self) -> &str {
        &self.to
    }

    /// The PDF document.
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The file name set with [`filename`](Self::filename), if any (the default name is not
    /// written back here).
    pub fn file_name(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The file name that is sent: the one set, or the default for `now`.
    pub fn effective_filename(&self, now: DateTime<Utc>) -> String {
        match self.filename.as_deref() {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => default_filename(now),
        }
    }

    /// Checks the fax the way [`FaxClient::send`](crate::FaxClient::send) does before sending
    /// anything: `faxline_id` (a fax extension `f<n>`), `to` (a phone number in E.164 form) and
    /// `content` (a PDF, see [`check_pdf`], of at most [`MAX_PDF_BYTES`]).
    pub fn validate(&self) -> Result<()> {
        validate::extension(
            "faxline_id",
            self.faxline_id.as_str(),
            &[ExtensionType::Fax],
        )?;
        validate::phone_number("to", &self.to)?;
        check_pdf(&self.content)
    }
}

/// The default file name: `Fax_<UTC YYYYMMDD>_<HHMM>`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let at = Utc.with_ymd_and_hms(2024, 1, 23, 10, 33, 59).unwrap();
/// assert_eq!(sipgateio_fax::default_filename(at), "Fax_20240123_1033");
/// ```
pub fn default_filename(now: DateTime<Utc>) -> String {
    now.format("Fax_%Y%m%d_%H%M").to_string()
}

/// Checks that `content` looks like a PDF: it starts with the magic `%PDF-` and contains an
/// end-of-file marker `%%EOF`, and it is not larger than the API accepts.
///
/// A second `%PDF-` later in the file (incremental updates, embedded PDFs) is fine.
///
/// ```
/// use sipgateio_fax::check_pdf;
///
/// assert!(check_pdf(b"%PDF-1.7\n%PDF-1.7 embedded\n%%EOF").is_ok());
/// assert!(check_pdf(b" %PDF-1.7\n%%EOF").is_err());
/// assert!(check_pdf(b"%PDF-1.7\ntruncated").is_err());
/// ```
pub fn check_pdf(content: &[u8]) -> Result<()> {
    if !content.starts_with(b"%PDF-") {
        return Err(Error::invalid_input(
            "content",
            "must be a PDF document (starting with %PDF-)",
        ));
    }
    if !content.windows(5).any(|window| window == b"%%EOF") {
        return Err(Error::invalid_input(
            "content",
            "must be a complete PDF document (no %%EOF marker found; truncated?)",
        ));
    }
    if content.len() > MAX_PDF_BYTES {
        return Err(Error::invalid_input(
            "content",
            format!(
                "must be at most {MAX_PDF_BYTES} bytes (the API's limit), got {}",
                content.len()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn the_limit_matches_the_base64_limit() {
        use base64::Engine as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(vec![0u8; MAX_PDF_BYTES]);
        assert_eq!(encoded.len(), 28_330_000);
    }

    #[test]
    fn oversized_documents_are_rejected() {
        let mut pdf = b"%PDF-1.4\n%%EOF".to_vec();
        pdf.resize(MAX_PDF_BYTES + 1, b' ');
        let error = check_pdf(&pdf).expect_err("too large");
        assert!(error.to_string().contains("at most"));
        pdf.truncate(MAX_PDF_BYTES);
        assert!(check_pdf(&pdf).is_ok());
    }

    #[test]
    fn pdf_rules() {
        assert!(check_pdf(b"%PDF-1.4\nhello\n%%EOF").is_ok());
        assert!(check_pdf(b"%PDF-1.4\n%%EOF\n%PDF-1.4 second\n%%EOF").is_ok());
        for bad in [
            &b""[..],
            b"%PDF",
            b"%pdf-1.4 %%EOF",
            b"\x00%PDF-1.4 %%EOF",
            b"%PDF-1.4 %%EO",
        ] {
            let error = check_pdf(bad).expect_err("not a pdf");
            assert_eq!(error.invalid_field(), Some("content"));
        }
    }

    #[test]
    fn default_filename_uses_utc_and_is_not_written_back() {
        let at = Utc
            .with_ymd_and_hms(2024, 1, 23, 10, 33, 0)
            .single()
            .expect("valid");
        let fax = Fax::new(
            FaxlineId::new("f0"),
            "+4921100000",
            b"%PDF-1.4 %%EOF".to_vec(),
        );
        assert_eq!(fax.effective_filename(at), "Fax_20240123_1033");
        assert_eq!(fax.file_name(), None);
        let empty = fax.clone().filename("");
        assert_eq!(empty.effective_filename(at), "Fax_20240123_1033");
        let named = fax.filename("a.pdf");
        assert_eq!(named.effective_filename(at), "a.pdf");
    }

    #[test]
    fn debug_does_not_dump_the_document() {
        let fax = Fax::new(FaxlineId::new("f0"), "+4921100000", vec![b'x'; 10_000]);
        let debug = format!("{fax:?}");
        assert!(debug.contains(r#"faxline_id: FaxlineId("f0")"#), "{debug}");
        assert!(
            debug.contains("10000 bytes") && debug.len() < 200,
            "{debug}"
        );
    }
}
