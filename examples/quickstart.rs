//! Quickstart: check the credentials and list the account's web users.
//!
//! Needs a sipgate account: set `SIPGATE_TOKEN_ID` and `SIPGATE_TOKEN` to a personal access
//! token (created in the sipgate web app), or `SIPGATE_OAUTH_TOKEN` to an OAuth access token,
//! then run
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! `SIPGATE_BASE_URL` points it somewhere else, for example at a sandbox started with
//! `cargo run -p sipgateio-sandbox`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example program: it shows what it does on the terminal"
)]

use std::process::ExitCode;

use sipgateio::prelude::*;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `Display`, not `Debug`: one line that names what failed and why.
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), sipgateio::Error> {
    let client = Client::from_env()?;
    let me = client.get_authenticated_webuser_id().await?;
    println!("Authenticated as web user {me}");
    for user in client.list_web_users().await? {
        println!(
            "- {} {} <{}> ({})",
            user.firstname, user.lastname, user.email, user.id
        );
    }
    Ok(())
}
