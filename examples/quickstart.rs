//! Quickstart: check the credentials and list the account's web users.
//!
//! Needs a sipgate account: set `SIPGATE_TOKEN_ID` and `SIPGATE_TOKEN` to a personal access
//! token (created in the sipgate web app), then run
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use sipgateio::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (Ok(token_id), Ok(token)) = (
        std::env::var("SIPGATE_TOKEN_ID"),
        std::env::var("SIPGATE_TOKEN"),
    ) else {
        eprintln!(
            "Set SIPGATE_TOKEN_ID and SIPGATE_TOKEN to a personal access token to run this example."
        );
        std::process::exit(2);
    };
    let mut builder = Client::builder().personal_access_token(token_id, token);
    if let Ok(base_url) = std::env::var("SIPGATE_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = builder.build()?;

    let me = client.get_authenticated_webuser_id().await?;
    println!("Authenticated as web user {me}");
    for user in client.get_web_users().await? {
        println!(
            "- {} {} <{}> ({})",
            user.firstname, user.lastname, user.email, user.id
        );
    }
    Ok(())
}
