//! Announcement checks on generated WAV headers, and fetching them over HTTP (wiremock).

use std::time::Duration;

use sipgateio_webhook::{AudioValidator, Error, read_wav_header};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A WAV file: `fmt ` with these fields, optional extra chunks before `data`, then
/// `data_len` bytes of silence (`data_size` in the header, defaulting to `data_len`).
struct Wav {
    format_tag: u16,
    channels: u16,
    sample_rate: u32,
    bits: u16,
    data_len: usize,
    stated_data_size: Option<u32>,
    extra_chunk: Option<usize>,
    extensible: bool,
}

impl Wav {
    fn good(seconds: f64) -> Self {
        Self {
            format_tag: 1,
            channels: 1,
            sample_rate: 8000,
            bits: 16,
            data_len: (seconds * 16000.0) as usize,
            stated_data_size: None,
            extra_chunk: None,
            extensible: false,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut fmt = Vec::new();
        fmt.extend(
            (if self.extensible {
                0xFFFE
            } else {
                self.format_tag
            })
            .to_le_bytes(),
        );
        fmt.extend(self.channels.to_le_bytes());
        fmt.extend(self.sample_rate.to_le_bytes());
        let block = self.channels * self.bits.div_ceil(8);
        fmt.extend((self.sample_rate * u32::from(block)).to_le_bytes());
        fmt.extend(block.to_le_bytes());
        fmt.extend(self.bits.to_le_bytes());
        if self.extensible {
            fmt.extend(22u16.to_le_bytes());
            fmt.extend(self.bits.to_le_bytes());
            fmt.extend(0u32.to_le_bytes());
            fmt.extend(self.format_tag.to_le_bytes());
            fmt.extend([0u8; 14]);
        }
        let mut body = b"WAVE".to_vec();
        chunk(&mut body, b"fmt ", &fmt, None);
        if let Some(len) = self.extra_chunk {
            chunk(&mut body, b"LIST", &vec![b'x'; len], None);
        }
        chunk(
            &mut body,
            b"data",
            &vec![0; self.data_len],
            self.stated_data_size,
        );
        let mut file = b"RIFF".to_vec();
        file.extend((body.len() as u32).to_le_bytes());
        file.extend(body);
        file
    }
}

fn chunk(out: &mut Vec<u8>, id: &[u8; 4], body: &[u8], stated: Option<u32>) {
    out.extend(id);
    out.extend(stated.unwrap_or(body.len() as u32).to_le_bytes());
    out.extend(body);
    if body.len() % 2 == 1 {
        out.push(0);
    }
}

#[test]
fn a_good_header_and_its_duration() {
    let file = Wav::good(2.5).bytes();
    let format = read_wav_header(&file, None).expect("readable");
    assert!(format.is_playable_by_sipgate());
    assert_eq!(format.duration(), Duration::from_millis(2500));
    assert_eq!(format.to_string(), "WAVE PCM, 16 bit, 8000 Hz, mono");
    // Only the header is needed.
    assert_eq!(
        read_wav_header(&file[..44], None)
            .expect("readable")
            .duration(),
        Duration::from_millis(2500)
    );
}

#[test]
fn each_bad_field_is_named_with_the_actual_format() {
    let cases = [
        (
            Wav {
                format_tag: 3,
                bits: 32,
                ..Wav::good(1.0)
            },
            "not PCM, not 16 bit",
            "IEEE float, 32 bit",
        ),
        (
            Wav {
                bits: 8,
                ..Wav::good(1.0)
            },
            "not 16 bit",
            "PCM, 8 bit",
        ),
        (
            Wav {
                sample_rate: 44100,
                ..Wav::good(1.0)
            },
            "not 8000 Hz",
            "44100 Hz",
        ),
        (
            Wav {
                channels: 2,
                ..Wav::good(1.0)
            },
            "not mono",
            "stereo",
        ),
        (
            Wav {
                format_tag: 7,
                bits: 8,
                ..Wav::good(1.0)
            },
            "not PCM",
            "µ-law",
        ),
    ];
    for (wav, problem, actual) in cases {
        let format = read_wav_header(&wav.bytes(), None).expect("readable");
        assert!(!format.is_playable_by_sipgate());
        let text = format!("{format}");
        assert!(text.contains(actual), "{text}");
        let why = format.why_unplayable().expect("a problem");
        assert!(why.starts_with(problem) && why.contains(&text), "{why}");
    }
}

#[test]
fn extensible_format_list_chunks_and_streamed_sizes() {
    let wav = Wav {
        extensible: true,
        extra_chunk: Some(301),
        ..Wav::good(1.0)
    };
    let format = read_wav_header(&wav.bytes(), None).expect("readable");
    assert!(format.is_playable_by_sipgate(), "{format}");
    assert_eq!(format.duration(), Duration::from_secs(1));

    // A streamed file states 0 or 0xFFFFFFFF: the file length decides.
    for stated in [0, u32::MAX] {
        let wav = Wav {
            stated_data_size: Some(stated),
            ..Wav::good(3.0)
        };
        let file = wav.bytes();
        let format = read_wav_header(&file[..64], Some(file.len() as u64)).expect("readable");
        assert_eq!(format.duration(), Duration::from_secs(3));
    }
}

#[test]
fn broken_headers() {
    let good = Wav::good(1.0).bytes();
    let mut not_wave = good.clone();
    not_wave[8..12].copy_from_slice(b"AVI ");
    let mut data_first = b"RIFF\0\0\0\0WAVEdata\x02\0\0\0\0\0".to_vec();
    data_first.extend(&good[12..]);
    for (bytes, problem) in [
        (b"ID3\x03 mp3 data here".to_vec(), "not a RIFF file"),
        (not_wave, "not WAVE"),
        (data_first, "before the fmt chunk"),
        (good[..30].to_vec(), "incomplete"),
        (Vec::new(), "incomplete"),
    ] {
        let error = read_wav_header(&bytes, None).expect_err("unreadable");
        assert!(error.contains(problem), "{error}");
    }
}

async fn serve_wav(server: &MockServer, route: &str, file: Vec<u8>, honour_range: bool) {
    let response = if honour_range {
        let head = file[..file.len().min(65536)].to_vec();
        ResponseTemplate::new(206)
            .insert_header(
                "content-range",
                format!("bytes 0-{}/{}", head.len() - 1, file.len()).as_str(),
            )
            .set_body_bytes(head)
    } else {
        ResponseTemplate::new(200).set_body_bytes(file)
    };
    Mock::given(method("GET"))
        .and(path(route))
        .and(header("range", "bytes=0-65535"))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn check_fetches_once_per_url_with_a_range_request() {
    let server = MockServer::start().await;
    serve_wav(&server, "/ranged.wav", Wav::good(12.0).bytes(), true).await;
    serve_wav(&server, "/full.wav", Wav::good(0.5).bytes(), false).await;
    let audio = AudioValidator::new().expect("client");
    let ranged = format!("{}/ranged.wav", server.uri());
    for _ in 0..3 {
        let announcement = audio.check(&ranged).await.expect("playable");
        assert_eq!(announcement.duration, Duration::from_secs(12));
        assert_eq!(announcement.url, ranged);
    }
    let full = audio
        .check(&format!("{}/full.wav", server.uri()))
        .await
        .expect("playable");
    assert_eq!(full.duration, Duration::from_millis(500));
    // `expect(1)` on each mock: the cache answered the repeats.
}

#[tokio::test]
async fn check_reports_the_actual_format_and_does_not_cache_failures() {
    let server = MockServer::start().await;
    let stereo = Wav {
        channels: 2,
        sample_rate: 44100,
        ..Wav::good(1.0)
    }
    .bytes();
    Mock::given(method("GET"))
        .and(path("/stereo.wav"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(stereo))
        .expect(2)
        .mount(&server)
        .await;
    let audio = AudioValidator::new().expect("client");
    let url = format!("{}/stereo.wav", server.uri());
    for _ in 0..2 {
        match audio.check(&url).await {
            Err(Error::AudioFormat(error)) => {
                assert_eq!(error.url(), url);
                let problem = error.problem();
                assert!(problem.contains("not 8000 Hz, not mono"), "{problem}");
                assert!(
                    problem.contains("WAVE PCM, 16 bit, 44100 Hz, stereo"),
                    "{problem}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn fetch_failures() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/missing.wav"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/song.mp3"))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(b"ID3\x04\0\0\0\0\0\0 not a wav".to_vec()),
        )
        .mount(&server)
        .await;
    let audio = AudioValidator::new().expect("client");
    match audio.check(&format!("{}/missing.wav", server.uri())).await {
        Err(Error::AudioFetch(error)) => {
            assert!(error.problem().contains("404"), "{error:?}");
            assert!(error.url().ends_with("/missing.wav"), "{error:?}");
        }
        other => panic!("{other:?}"),
    }
    match audio.check(&format!("{}/song.mp3", server.uri())).await {
        Err(Error::AudioFormat(error)) => {
            assert!(error.problem().contains("not a RIFF"), "{error:?}")
        }
        other => panic!("{other:?}"),
    }
    // An invalid URL is refused before any request.
    assert!(matches!(
        audio.check("file:///etc/passwd").await,
        Err(Error::Xml(_))
    ));
    // Nothing listens on port 9 of loopback: a fetch error, not a panic.
    assert!(matches!(
        audio.check("http://127.0.0.1:9/a.wav").await,
        Err(Error::AudioFetch(_))
    ));
}
