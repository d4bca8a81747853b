//! `sipgateio webhook-settings get|set-incoming|set-outgoing|clear-…|whitelist …|log on/off`.

use clap::{Subcommand, ValueEnum};
use sipgateio::webhook_settings::{ExtensionId, WebhookSettings, WebhookSettingsExt as _};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, yes_no};

/// `webhook-settings` subcommands; each prints the settings afterwards (JSON:
/// `{incomingUrl, outgoingUrl, log, whitelist}`).
#[derive(Subcommand, Debug)]
pub(crate) enum WebhookSettingsCommand {
    /// Show the settings.
    Get,
    /// Set the URL sipgate posts incoming-call events to.
    SetIncoming {
        /// An http(s) URL.
        url: String,
    },
    /// Set the URL sipgate posts outgoing-call events to.
    SetOutgoing {
        /// An http(s) URL.
        url: String,
    },
    /// Remove the incoming URL.
    ClearIncoming,
    /// Remove the outgoing URL.
    ClearOutgoing,
    /// Restrict which phonelines and groups trigger webhooks.
    #[command(subcommand)]
    Whitelist(WhitelistCommand),
    /// Switch sipgate's webhook log on or off.
    Log {
        /// `on` or `off`.
        #[arg(value_enum)]
        state: OnOff,
    },
}

/// `webhook-settings whitelist` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum WhitelistCommand {
    /// Only these extensions (`p0`, `g1`, …) trigger webhooks.
    Set {
        /// Phoneline or group extensions.
        #[arg(required = true)]
        extensions: Vec<String>,
    },
    /// An empty whitelist: no extension triggers webhooks.
    Clear,
    /// No whitelist: every extension triggers webhooks.
    Disable,
}

/// A switch.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum OnOff {
    /// Switch on.
    On,
    /// Switch off.
    Off,
}

/// Runs a `webhook-settings` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: WebhookSettingsCommand) -> Result<(), Failure> {
    let settings = ctx.client()?.webhook_settings();
    let now = match command {
        WebhookSettingsCommand::Get => settings.get().await?,
        WebhookSettingsCommand::SetIncoming { url } => settings.set_incoming_url(&url).await?,
        WebhookSettingsCommand::SetOutgoing { url } => settings.set_outgoing_url(&url).await?,
        WebhookSettingsCommand::ClearIncoming => settings.clear_incoming_url().await?,
        WebhookSettingsCommand::ClearOutgoing => settings.clear_outgoing_url().await?,
        WebhookSettingsCommand::Whitelist(WhitelistCommand::Set { extensions }) => {
            settings
                .set_whitelist(extensions.into_iter().map(ExtensionId::new))
                .await?
        }
        WebhookSettingsCommand::Whitelist(WhitelistCommand::Clear) => {
            settings.clear_whitelist().await?
        }
        WebhookSettingsCommand::Whitelist(WhitelistCommand::Disable) => {
            settings.disable_whitelist().await?
        }
        WebhookSettingsCommand::Log { state: OnOff::On } => settings.enable_log().await?,
        WebhookSettingsCommand::Log { state: OnOff::Off } => settings.disable_log().await?,
    };
    ctx.out.show(&now, || human(&now))
}

fn human(settings: &WebhookSettings) -> String {
    let whitelist = match &settings.whitelist {
        None => "(none: every extension)".to_owned(),
        Some(list) if list.is_empty() => "(empty: no extension)".to_owned(),
        Some(list) => list
            .iter()
            .map(ExtensionId::as_str)
            .collect::<Vec<_>>()
            .join(", "),
    };
    fields(&[
        ("incoming URL", or_dash(Some(&settings.incoming_url))),
        ("outgoing URL", or_dash(Some(&settings.outgoing_url))),
        ("log", yes_no(settings.log)),
        ("whitelist", whitelist),
    ])
}
