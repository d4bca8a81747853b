//! One module per subcommand.

pub mod call;
pub mod calls;
pub mod contacts;
pub mod devices;
pub mod fax;
pub mod history;
pub mod numbers;
pub mod sandbox;
pub mod simulate;
pub mod sms;
pub mod users;
pub mod voicemails;
pub mod webhook;
pub mod webhook_settings;

use crate::cli::Command;
use crate::context::Ctx;
use crate::exit::Failure;

/// Runs one subcommand.
pub async fn run(ctx: &Ctx, command: Command) -> Result<(), Failure> {
    match command {
        Command::Sms(c) => sms::run(ctx, c).await,
        Command::Fax(c) => fax::run(ctx, c).await,
        Command::Call(c) => call::run(ctx, c).await,
        Command::Calls(c) => calls::run(ctx, c).await,
        Command::Contacts(c) => contacts::run(ctx, c).await,
        Command::History(c) => history::run(ctx, c).await,
        Command::Numbers(c) => numbers::run(ctx, c).await,
        Command::Devices(c) => devices::run(ctx, c).await,
        Command::Voicemails(c) => voicemails::run(ctx, c).await,
        Command::Users(c) => users::run(ctx, c).await,
        Command::WebhookSettings(c) => webhook_settings::run(ctx, c).await,
        Command::Webhook(c) => webhook::run(ctx, c).await,
        Command::Sandbox(args) => sandbox::run(ctx, args).await,
        Command::Simulate(c) => simulate::run(ctx, c).await,
        Command::Completions { .. } => Ok(()),
    }
}

/// The web user to act for: `--user` or the authenticated one.
pub async fn user_or_me(
    client: &sipgateio::Client,
    user: Option<String>,
) -> Result<sipgateio::WebuserId, Failure> {
    match user {
        Some(user) => Ok(sipgateio::WebuserId::new(user)),
        None => Ok(client.get_authenticated_webuser_id().await?),
    }
}
