//! Announcement checks: read a WAV file's header and tell whether sipgate can play it, and for
//! how long. Explicit and cached per URL; building a `<Play>` never does this implicitly.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::{Error, Result};

/// How many bytes of the file are read at most to find the header.
const HEADER_BYTES: usize = 64 * 1024;
const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

/// The audio format of a WAV file, as read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WavFormat {
    /// The format tag (1 = PCM, 3 = IEEE float, 6 = A-law, 7 = µ-law, …; the sub-format for
    /// `WAVE_FORMAT_EXTENSIBLE`).
    pub format_tag: u16,
    /// Channels (1 = mono).
    pub channels: u16,
    /// Samples per second.
    pub sample_rate: u32,
    /// Bits per sample.
    pub bits_per_sample: u16,
    /// Length of the audio data in bytes.
    pub data_bytes: u64,
}

impl WavFormat {
    /// The playing time of the audio data.
    pub fn duration(&self) -> Duration {
        let bytes_per_second = u64::from(self.sample_rate)
            * u64::from(self.channels)
            * u64::from(self.bits_per_sample).div_ceil(8);
        if bytes_per_second == 0 {
            return Duration::ZERO;
        }
        let whole = self.data_bytes / bytes_per_second;
        let rest = self.data_bytes % bytes_per_second;
        Duration::from_secs(whole) + Duration::from_nanos(rest * 1_000_000_000 / bytes_per_second)
    }

    /// Whether sipgate can play it: PCM, 16 bit, 8000 Hz, mono.
    pub fn is_playable_by_sipgate(&self) -> bool {
        self.why_unplayable().is_none()
    }

    /// What keeps sipgate from playing it (`not PCM, not mono (the file is …)`), if anything.
    pub fn why_unplayable(&self) -> Option<String> {
        let mut wrong = Vec::new();
        if self.format_tag != 1 {
            wrong.push("not PCM");
        }
        if self.bits_per_sample != 16 {
            wrong.push("not 16 bit");
        }
        if self.sample_rate != 8000 {
            wrong.push("not 8000 Hz");
        }
        if self.channels != 1 {
            wrong.push("not mono");
        }
        (!wrong.is_empty()).then(|| format!("{} (the file is {self})", wrong.join(", ")))
    }
}

impl fmt::Display for WavFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codec = match self.format_tag {
            1 => "PCM".to_owned(),
            3 => "IEEE float".to_owned(),
            6 => "A-law".to_owned(),
            7 => "µ-law".to_owned(),
            tag => format!("format 0x{tag:04x}"),
        };
        let channels = match self.channels {
            1 => "mono".to_owned(),
            2 => "stereo".to_owned(),
            n => format!("{n} channels"),
        };
        write!(
            f,
            "WAVE {codec}, {} bit, {} Hz, {channels}",
            self.bits_per_sample, self.sample_rate
        )
    }
}

/// A checked announcement: its URL, format and duration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Announcement {
    /// Where the file is.
    pub url: String,
    /// Its format.
    pub format: WavFormat,
    /// Its playing time.
    pub duration: Duration,
}

impl Announcement {
    /// An announcement whose duration you know, without fetching it (e.g. your own files).
    pub fn with_known_duration(url: impl Into<String>, duration: Duration) -> Self {
        Self {
            url: url.into(),
            format: WavFormat {
                format_tag: 1,
                channels: 1,
                sample_rate: 8000,
                bits_per_sample: 16,
                data_bytes: duration
                    .as_millis()
                    .try_into()
                    .unwrap_or(u64::MAX)
                    .saturating_mul(16),
            },
            duration,
        }
    }
}

/// Why a header could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeaderError {
    /// More bytes are needed.
    Truncated,
    /// Not a WAV file, or a broken one.
    Invalid(String),
}

/// Read a WAV header. `total_len` is the file's full length if known; it is used when the
/// header does not state the data length (streamed files write 0 or `0xFFFFFFFF`). The `data`
/// chunk must start within the first 64 KiB, as for [`AudioValidator::check`].
pub fn read_wav_header(bytes: &[u8], total_len: Option<u64>) -> Result<WavFormat, String> {
    parse_header(bytes, total_len).map_err(|error| match error {
        HeaderError::Truncated => "the header is incomplete".to_owned(),
        HeaderError::Invalid(problem) => problem,
    })
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn parse_header(bytes: &[u8], total_len: Option<u64>) -> Result<WavFormat, HeaderError> {
    if bytes.len() < 12 {
        return Err(if b"RIFF".starts_with(&bytes[..bytes.len().min(4)]) {
            HeaderError::Truncated
        } else {
            HeaderError::Invalid("not a RIFF file".into())
        });
    }
    if &bytes[..4] != b"RIFF" {
        return Err(HeaderError::Invalid("not a RIFF file".into()));
    }
    if &bytes[8..12] != b"WAVE" {
        return Err(HeaderError::Invalid("a RIFF file but not WAVE".into()));
    }
    let mut at = 12usize;
    let mut format: Option<(u16, u16, u32, u16)> = None;
    loop {
        let (Some(id), Some(size)) = (bytes.get(at..at + 4), u32_at(bytes, at + 4)) else {
            return Err(HeaderError::Truncated);
        };
        let body = at + 8;
        if id == b"fmt " {
            let fmt = bytes.get(body..body + 16).ok_or(HeaderError::Truncated)?;
            let mut tag = u16_at(fmt, 0).unwrap_or(0);
            if tag == 0xFFFE {
                // WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID's first word.
                tag = u16_at(bytes, body + 24).ok_or(HeaderError::Truncated)?;
            }
            format = Some((
                tag,
                u16_at(fmt, 2).unwrap_or(0),
                u32_at(fmt, 4).unwrap_or(0),
                u16_at(fmt, 14).unwrap_or(0),
            ));
        } else if id == b"data" {
            let (format_tag, channels, sample_rate, bits_per_sample) = format.ok_or_else(|| {
                HeaderError::Invalid("the data chunk comes before the fmt chunk".into())
            })?;
            let stated = u64::from(size);
            let data_bytes = match total_len {
                Some(total) if stated == 0 || stated == u64::from(u32::MAX) => {
                    total.saturating_sub(body as u64)
                }
                Some(total) => stated.min(total.saturating_sub(body as u64)),
                None => stated,
            };
            return Ok(WavFormat {
                format_tag,
                channels,
                sample_rate,
                bits_per_sample,
                data_bytes,
            });
        }
        // Chunks are padded to an even size.
        at = body
            .checked_add(usize::try_from(size).unwrap_or(usize::MAX))
            .and_then(|end| end.checked_add(size as usize & 1))
            .ok_or(HeaderError::Truncated)?;
        if at >= HEADER_BYTES {
            return Err(HeaderError::Invalid(format!(
                "no data chunk in the first {HEADER_BYTES} bytes"
            )));
        }
    }
}

/// Checks announcements: fetches the start of the file (a range request; servers that ignore
/// ranges are read only up to the header), reads the WAV header and caches each URL's result.
///
/// sipgate plays only WAVE files with 16 bit PCM, 8000 Hz, mono. Call [`check`](Self::check)
/// once per announcement (e.g. at start-up); later calls for the same URL are answered from
/// the cache. Failures are not cached.
///
/// At most the first **64 KiB** of a file are read to find its header (the `fmt ` and `data`
/// chunks must start within them), and one fetch may take at most **15 seconds**.
///
/// ```no_run
/// # async fn run() -> Result<(), sipgateio_webhook::Error> {
/// use sipgateio_webhook::AudioValidator;
///
/// let audio = AudioValidator::new()?;
/// let announcement = audio.check("https://example.com/welcome.wav").await?;
/// println!("plays for {:?}", announcement.duration);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AudioValidator {
    http: reqwest::Client,
    cache: Arc<Mutex<HashMap<String, Announcement>>>,
}

impl fmt::Debug for AudioValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AudioValidator").finish_non_exhaustive()
    }
}

impl AudioValidator {
    /// A validator with its own HTTP client (no sipgate credentials are ever sent to
    /// announcement hosts).
    pub fn new() -> Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .build()
            .map_err(|error| {
                Error::audio_fetch(
                    String::new(),
                    format!("could not create the HTTP client: {error}"),
                )
            })?;
        Ok(Self {
            http,
            cache: Arc::default(),
        })
    }

    /// Fetch the header of `url` (or answer from the cache) and check that sipgate can play
    /// it. The error names what is wrong and the file's actual format.
    pub async fn check(&self, url: &str) -> Result<Announcement> {
        if let Some(hit) = self.cached(url) {
            return Ok(hit);
        }
        sipgateio_xml::Response::play(url)?;
        let format = self.fetch_format(url).await?;
        if let Some(problem) = format.why_unplayable() {
            return Err(Error::audio_format(url, problem));
        }
        let announcement = Announcement {
            url: url.to_owned(),
            format,
            duration: format.duration(),
        };
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(url.to_owned(), announcement.clone());
        }
        Ok(announcement)
    }

    /// Drop `url` from the cache (e.g. after replacing the file).
    pub fn forget(&self, url: &str) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.remove(url);
        }
    }

    fn cached(&self, url: &str) -> Option<Announcement> {
        self.cache.lock().ok()?.get(url).cloned()
    }

    async fn fetch_format(&self, url: &str) -> Result<WavFormat> {
        let fetch_error = |message: String| Error::audio_fetch(url, message);
        let mut response = self
            .http
            .get(url)
            .header(
                reqwest::header::RANGE,
                format!("bytes=0-{}", HEADER_BYTES - 1),
            )
            .send()
            .await
            .map_err(|error| fetch_error(error.to_string()))?;
        let status = response.status();
        if !status.is_success() {
            return Err(fetch_error(format!("the server answered {status}")));
        }
        let total_len = total_length(&response);
        let mut bytes = Vec::new();
        loop {
            match parse_header(&bytes, total_len) {
                Ok(format) => return Ok(format),
                Err(HeaderError::Invalid(problem)) => {
                    return Err(Error::audio_format(url, problem));
                }
                Err(HeaderError::Truncated) if bytes.len() >= HEADER_BYTES => {
                    return Err(Error::audio_format(
                        url,
                        format!("no complete WAV header in the first {HEADER_BYTES} bytes"),
                    ));
                }
                Err(HeaderError::Truncated) => {}
            }
            match response
                .chunk()
                .await
                .map_err(|error| fetch_error(error.to_string()))?
            {
                Some(chunk) => bytes.extend_from_slice(&chunk),
                None => {
                    return Err(Error::audio_format(
                        url,
                        "the file ends inside its WAV header",
                    ));
                }
            }
        }
    }
}

/// The full file length: from `Content-Range: bytes 0-N/TOTAL` for a partial answer, from
/// `Content-Length` for a full one.
fn total_length(response: &reqwest::Response) -> Option<u64> {
    let headers = response.headers();
    if response.status() == reqwest::StatusCode::PARTIAL_CONTENT {
        headers
            .get(reqwest::header::CONTENT_RANGE)?
            .to_str()
            .ok()?
            .rsplit_once('/')?
            .1
            .trim()
            .parse()
            .ok()
    } else {
        response.content_length()
    }
}
