//! The sandbox's inspector in a real browser: headless Chromium, driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`; `chromedriver` is started by the test on a free
//! port of 127.0.0.1), against a running sandbox and a test IVR built with
//! `sipgateio-webhook` that trusts the sandbox's signing key.
//!
//! What a developer does: open the page, watch an SMS sent through the SDK appear, place a call
//! from the dialpad, press keys while the IVR's `<Gather>` waits, hang up, reset.
//!
//! Without `chromium` and `chromedriver` on the `PATH` the test fails and says how to install
//! them — unless `SIPGATEIO_SKIP_BROWSER=1` is set. A screenshot of the page is written to
//! `target/browser/inspector.png` (under `CARGO_TARGET_DIR` when set).

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fantoccini::wd::Capabilities;
use fantoccini::{Client as Browser, ClientBuilder, Locator};
use serde_json::json;
use sipgateio::prelude::*;
use sipgateio::sandbox::Sandbox;
use sipgateio::webhook::{PublicKey, WebhookServer};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Set to `1` to skip the browser tests on a machine without Chromium.
const SKIP: &str = "SIPGATEIO_SKIP_BROWSER";
/// The longest a step waits for the page (a bound that ends a broken run, not a timing check).
const PATIENCE: Duration = Duration::from_secs(30);

/// An executable on the `PATH`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// `chromedriver`, killed when dropped.
struct Driver {
    child: Child,
    url: String,
    profile: TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory removed when dropped (Chromium's profile).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("sipgateio-browser-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary profile directory");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts `chromedriver` on a free port and connects a headless Chromium session, or returns
/// `None` when the browser is missing and `SIPGATEIO_SKIP_BROWSER` allows skipping.
#[allow(
    clippy::print_stderr,
    reason = "a skipped test says so in the test output"
)]
async fn browser() -> Option<(Driver, Browser)> {
    let (Some(chromium), Some(chromedriver)) = (
        on_path(&["chromium", "chromium-browser"]),
        on_path(&["chromedriver"]),
    ) else {
        if std::env::var(SKIP).is_ok_and(|v| v == "1") {
            eprintln!("skipped: chromium or chromedriver is missing and {SKIP}=1");
            return None;
        }
        panic!(
            "the browser tests need chromium and chromedriver on the PATH \
             (Debian: apt-get install chromium chromium-driver); set {SKIP}=1 to skip them"
        );
    };
    let port = StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let profile = TempDir::new();
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        profile,
    };
    // Listening is ready enough: the session request below waits for the browser.
    let mut listening = false;
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            listening = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(listening, "chromedriver did not listen on {}", driver.url);

    let args = [
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--window-size=1400,1300".to_owned(),
        format!("--user-data-dir={}", driver.profile.0.display()),
    ];
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".to_owned(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({ "binary": chromium, "args": args }),
    );
    let session = ClientBuilder::rustls()
        .expect("a WebDriver client")
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("chromedriver starts a headless Chromium");
    Some((driver, session))
}

/// What the test IVR saw.
type Seen = Arc<Mutex<Vec<String>>>;

/// A webhook server (`sipgateio-webhook`) trusting the sandbox's key: a two-digit menu; `42`
/// connects to a colleague, anything else hangs up. Stops when the sender is dropped.
async fn ivr(seen: &Seen) -> (String, oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let key = PublicKey::from_pem(sipgateio::sandbox::PUBLIC_KEY_PEM).expect("sandbox key");
    let (on_call, on_dtmf, on_hangup) = (seen.clone(), seen.clone(), seen.clone());
    let server = WebhookServer::builder()
        .local_server_address(&listener)
        .public_key(key)
        .on_new_call(move |call: NewCallEvent| {
            on_call
                .lock()
                .expect("not poisoned")
                .push(format!("newCall {}", call.to));
            async {
                Response::gather(
                    Gather::new()
                        .max_digits(2)
                        .timeout_ms(5000)
                        .play("https://example.com/menu.wav"),
                )
            }
        })
        .on_dtmf(move |dtmf: DtmfEvent| {
            on_dtmf
                .lock()
                .expect("not poisoned")
                .push(format!("dtmf {}", dtmf.digits));
            async move {
                match dtmf.digits.as_str() {
                    "42" => Response::redirect(["+4921100000001"]),
                    _ => Ok(Response::hang_up()),
                }
            }
        })
        .on_hangup(move |hangup: HangupEvent| {
            on_hangup
                .lock()
                .expect("not poisoned")
                .push(format!("hangup {:?}", hangup.cause));
            async {}
        })
        .build()
        .expect("a valid webhook server");
    let url = server.server_address().expect("its address").to_owned();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(server.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    (url, stop)
}

/// Waits (bounded) for an element the CSS selector or XPath describes.
async fn wait_for(browser: &Browser, locator: Locator<'_>) -> fantoccini::elements::Element {
    let description = format!("{locator:?}");
    browser
        .wait()
        .at_most(PATIENCE)
        .every(Duration::from_millis(50))
        .for_element(locator)
        .await
        .unwrap_or_else(|e| panic!("the page shows {description}: {e}"))
}

/// Where the screenshot goes: `target/browser/` of this workspace (or `CARGO_TARGET_DIR`).
fn screenshot_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    target.join("browser").join("inspector.png")
}

#[tokio::test]
async fn the_inspector_shows_what_happens_and_its_dialpad_calls_an_ivr() {
    let Some((_driver, browser)) = browser().await else {
        return;
    };
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let client = Client::builder()
        .personal_access_token(sandbox.token_id(), sandbox.token())
        .base_url(sandbox.base_url())
        .build()
        .expect("a client for the sandbox");
    let seen = Seen::default();
    let (hook_url, _stop_ivr) = ivr(&seen).await;

    // The page loads and its live feed connects.
    browser
        .goto(&sandbox.inspector_url())
        .await
        .expect("the inspector loads");
    assert_eq!(
        browser.title().await.expect("title"),
        "sipgate.io sandbox · inspector"
    );
    wait_for(&browser, Locator::Css("#live-dot.on")).await;
    let token_id = wait_for(
        &browser,
        Locator::XPath(&format!(
            "//code[@id='token-id'][text()='{}']",
            sandbox.token_id()
        )),
    )
    .await;
    assert_eq!(token_id.text().await.expect("text"), sandbox.token_id());

    // An SMS sent through the SDK appears in the outbox, and its request in the log.
    let sms = ShortMessage::via_extension(
        SmsExtensionId::new("s0"),
        "+4915790000002",
        "Hello from the SDK <b>not bold</b>",
    );
    client.sms().send(&sms).await.expect("SMS sent");
    let row = wait_for(
        &browser,
        Locator::XPath(
            "//tbody[@data-rows='sms']/tr[@data-item][contains(., 'Hello from the SDK')]",
        ),
    )
    .await;
    let text = row.text().await.expect("row text");
    assert!(text.contains("+4915790000002"), "{text}");
    assert!(text.contains("<b>not bold</b>"), "text stays text: {text}");
    wait_for(
        &browser,
        Locator::XPath(
            "//tbody[@data-rows='requests']/tr[@data-item][contains(., '/v2/sessions/sms')][contains(., '204')]",
        ),
    )
    .await;

    // A sign-in at the sandbox's login server (RFC 7636's PKCE example pair) shows as a row.
    let login = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let authorized = login
        .get(sandbox.oauth_authorization_url())
        .query(&[
            ("response_type", "code"),
            ("client_id", sandbox.oauth_client().client_id()),
            ("redirect_uri", "http://127.0.0.1:9/callback"),
            ("scope", "numbers:read"),
            (
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .expect("the login server answers");
    let location = authorized.headers()["location"].to_str().expect("ASCII");
    let code = location.split("code=").nth(1).expect("a code").to_owned();
    let tokens = login
        .post(sandbox.oauth_token_url())
        .basic_auth(
            sandbox.oauth_client().client_id(),
            Some(sandbox.oauth_client().client_secret()),
        )
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/callback"),
            (
                "code_verifier",
                "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            ),
        ])
        .send()
        .await
        .expect("the token endpoint answers");
    assert_eq!(tokens.status(), 200);
    wait_for(
        &browser,
        Locator::XPath(
            "//tbody[@data-rows='oauth']/tr[@data-item][contains(., 'sign-in')][contains(., 'w0')][contains(., 'numbers:read')]",
        ),
    )
    .await;

    // The dialpad calls the IVR; the keys pressed in the page reach the app.
    let url_field = browser
        .find(Locator::Css("#dial-url"))
        .await
        .expect("webhook URL field");
    url_field.send_keys(&hook_url).await.expect("typed");
    let to = browser
        .find(Locator::Css("#dial-to"))
        .await
        .expect("number select");
    wait_for(
        &browser,
        Locator::Css("#dial-to option[value='+4921100000000']"),
    )
    .await;
    to.select_by_value("+4921100000000")
        .await
        .expect("number chosen");
    browser
        .find(Locator::Css("#dial-call"))
        .await
        .expect("call button")
        .click()
        .await
        .expect("call placed");
    wait_for(&browser, Locator::Css("#dial-status[data-phase='gather']")).await;
    // The app's answer shows in the call's transcript, XML and all.
    wait_for(
        &browser,
        Locator::XPath("//ol[@id='dial-transcript']//pre[contains(., '<Gather')]"),
    )
    .await;
    for key in ["4", "2"] {
        browser
            .find(Locator::Css(&format!("#keypad [data-key='{key}']")))
            .await
            .expect("key")
            .click()
            .await
            .expect("key pressed");
    }
    wait_for(&browser, Locator::Css("#dial-status[data-phase='talking']")).await;
    let typed = browser
        .find(Locator::Css("#dial-typed"))
        .await
        .expect("typed keys")
        .text()
        .await
        .expect("text");
    assert_eq!(typed, "42");
    assert_eq!(
        seen.lock().expect("not poisoned").clone(),
        ["newCall +4921100000000", "dtmf 42"]
    );
    wait_for(
        &browser,
        Locator::XPath("//tbody[@data-rows='calls']/tr[@data-item][contains(., 'established')]"),
    )
    .await;

    // Hang up: the transcript ends, the app hears the hangup.
    browser
        .find(Locator::Css("#dial-hangup"))
        .await
        .expect("hang-up button")
        .click()
        .await
        .expect("hung up");
    wait_for(&browser, Locator::Css("#dial-status[data-phase='ended']")).await;
    wait_for(
        &browser,
        Locator::XPath(
            "//ol[@id='dial-transcript']/li[contains(., 'Call ended: normalClearing, answered by +4921100000001')]",
        ),
    )
    .await;
    assert_eq!(
        seen.lock()
            .expect("not poisoned")
            .last()
            .map(String::as_str),
        Some("hangup NormalClearing")
    );

    let png = browser.screenshot().await.expect("screenshot");
    let path = screenshot_path();
    std::fs::create_dir_all(path.parent().expect("a parent directory")).expect("target/browser");
    std::fs::write(&path, &png).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");

    // Reset: the account is seeded again and the page is empty.
    browser
        .find(Locator::Css("#reset"))
        .await
        .expect("reset button")
        .click()
        .await
        .expect("reset");
    wait_for(&browser, Locator::Css("[data-count='sms']")).await;
    wait_for(
        &browser,
        Locator::XPath("//span[@data-count='sms'][text()='0']"),
    )
    .await;
    assert!(sandbox.sent_sms().is_empty());

    browser.close().await.expect("the browser closes");
}
