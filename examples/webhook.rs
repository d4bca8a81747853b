//! A minimal IVR webhook server: callers hear a menu, press 1 to reach the sales team or 2 to
//! leave a voicemail; anything else hangs up.
//!
//! ```sh
//! cargo run --example webhook            # port 3000; PORT=… for another
//! ```
//!
//! sipgate.io must reach it: put it behind a public https URL (a reverse proxy or a tunnel),
//! set `PUBLIC_URL` to that URL, and enter the URL as the incoming webhook URL in the sipgate
//! web app (or with `client.webhook_settings().set_incoming_url(…)`). Every request's
//! signature is checked with sipgate's public key.
//!
//! To try it offline, run the sandbox in another terminal (`cargo run -p sipgateio-sandbox`,
//! port 8090: the ports differ, so both run side by side), start this example with
//! `SIPGATE_WEBHOOK_KEY=crates/sipgateio-sandbox/keys/test-public-key.pem` (the sandbox signs
//! with its test key), and call `http://localhost:3000/` from the sandbox's dialpad at
//! `http://127.0.0.1:8090/` or with `sipgateio --sandbox simulate call --from +4915790000001
//! --to +4921100000000 --webhook-url http://localhost:3000/ --dtmf 1`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example program: it shows what it does on the terminal"
)]

use sipgateio::prelude::*;
use sipgateio::webhook::PublicKey;

/// The menu prompt (WAV, PCM 16 bit, 8 kHz, mono, as sipgate plays it).
const MENU_URL: &str = "https://example.com/sounds/menu.wav";
/// Where "press 1" goes.
const SALES: &str = "+4921100000001";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // `Display`, not `Debug`: one line that says what failed.
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // 3000: apart from the sandbox (8090) and `sipgateio webhook listen` (8080).
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let public_url =
        std::env::var("PUBLIC_URL").unwrap_or_else(|_| format!("http://localhost:{port}/"));

    let mut server = WebhookServer::builder()
        // Follow-up events (the caller's digits, the hang-up) are posted to this address.
        .server_address(&public_url)
        .on_new_call(|call: NewCallEvent| async move {
            println!("call {} from {} to {}", call.call_id, call.from, call.to);
            Response::gather(Gather::new().max_digits(1).timeout_ms(5000).play(MENU_URL))
        })
        .on_dtmf(|dtmf: DtmfEvent| async move {
            println!("call {} pressed {:?}", dtmf.call_id, dtmf.digits);
            match dtmf.digits.as_str() {
                "1" => Response::redirect([SALES]),
                "2" => Ok(Response::voicemail()),
                _ => Ok(Response::hang_up()),
            }
        })
        .on_hangup(|hangup: HangupEvent| async move {
            println!("call {} ended: {:?}", hangup.call_id, hangup.cause);
        });
    if let Ok(path) = std::env::var("SIPGATE_WEBHOOK_KEY") {
        // e.g. the sandbox's key; without this, sipgate's own key is used.
        server = server.public_key(PublicKey::from_pem(&std::fs::read_to_string(path)?)?);
    }

    println!("IVR listening on 0.0.0.0:{port}, public address {public_url} (Ctrl-C stops)");
    server.serve(format!("0.0.0.0:{port}")).await?;
    Ok(())
}
