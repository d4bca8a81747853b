//! One module per subcommand.

pub(crate) mod account;
pub(crate) mod api;
pub(crate) mod call;
pub(crate) mod calls;
pub(crate) mod contacts;
pub(crate) mod devices;
pub(crate) mod fax;
pub(crate) mod groups;
pub(crate) mod history;
pub(crate) mod login;
pub(crate) mod numbers;
pub(crate) mod operations;
pub(crate) mod phonelines;
pub(crate) mod sandbox;
pub(crate) mod simulate;
pub(crate) mod sms;
pub(crate) mod users;
pub(crate) mod voicemails;
pub(crate) mod webhook;
pub(crate) mod webhook_log;
pub(crate) mod webhook_settings;

use crate::cli::Command;
use crate::context::Ctx;
use crate::exit::Failure;

/// Runs one subcommand. A bad input the SDK finds is reported under the flag the user typed
/// (`invalid --to: …`), not the SDK's name for it: each command maps the SDK's input names to
/// its flags and arguments (`sms` does so per subcommand).
pub(crate) async fn run(ctx: &Ctx, command: Command) -> Result<(), Failure> {
    let (result, flags): (Result<(), Failure>, &[(&str, &str)]) = match command {
        Command::Sms(c) => (sms::run(ctx, c).await, &[]),
        Command::Fax(c) => (fax::run(ctx, c).await, FAX_FLAGS),
        Command::Call(c) => (call::run(ctx, c).await, CALL_FLAGS),
        Command::Calls(c) => (calls::run(ctx, c).await, CALLS_FLAGS),
        Command::Contacts(c) => (contacts::run(ctx, c).await, CONTACTS_FLAGS),
        Command::History(c) => (history::run(ctx, c).await, HISTORY_FLAGS),
        Command::Numbers(c) => (numbers::run(ctx, c).await, PAGING_FLAGS),
        Command::Devices(c) => (devices::run(ctx, c).await, &[]),
        Command::Voicemails(c) => (voicemails::run(ctx, c).await, &[]),
        Command::Users(c) => (users::run(ctx, c).await, users::FLAGS),
        Command::Account(c) => (account::run(ctx, c).await, &[]),
        Command::Phonelines(c) => (phonelines::run(ctx, c).await, phonelines::FLAGS),
        Command::Groups(c) => (groups::run(ctx, c).await, groups::FLAGS),
        Command::WebhookSettings(c) => (webhook_settings::run(ctx, c).await, SETTINGS_FLAGS),
        Command::Webhook(c @ webhook::WebhookCommand::Log(_)) => {
            (webhook::run(ctx, c).await, webhook_log::FLAGS)
        }
        Command::Webhook(c) => (webhook::run(ctx, c).await, &[("dial", "--answer")]),
        Command::Sandbox(args) => (sandbox::run(ctx, args).await, &[]),
        Command::Simulate(c) => (simulate::run(ctx, c).await, SIMULATE_FLAGS),
        Command::Login(args) => (login::login(ctx, args).await, &[]),
        Command::Logout(args) => (login::logout(ctx, args).await, &[]),
        Command::Api(args) => (api::run(ctx, args).await, &[]),
        Command::Completions { .. } => (Ok(()), &[]),
    };
    result.map_err(|failure| {
        failure
            .flags(flags)
            .flags(GLOBAL_FLAGS)
            .credentials_hint(ctx.credentials_from())
    })
}

/// The SDK's input names → the flags of every command (client settings).
const GLOBAL_FLAGS: &[(&str, &str)] = &[
    ("base_url", "--base-url"),
    ("token_id", "--token-id"),
    ("token", "--token"),
    ("access_token", "--oauth-token"),
];
/// `fax send|status|lines`.
const FAX_FLAGS: &[(&str, &str)] = &[
    ("to", "--to"),
    ("faxline_id", "--from"),
    ("content", "FILE"),
    ("filename", "--filename"),
    ("fax_id", "SESSION_ID"),
];
/// `call start`.
const CALL_FLAGS: &[(&str, &str)] = &[
    ("to", "--to"),
    ("from", "--from"),
    ("device_id", "--device"),
    ("caller_id", "--caller-id"),
];
/// `calls …`.
const CALLS_FLAGS: &[(&str, &str)] = &[
    ("call_id", "CALL_ID"),
    ("phone_number", "NUMBER"),
    ("url", "URL"),
    ("sequence", "SEQUENCE"),
];
/// `contacts …`.
const CONTACTS_FLAGS: &[(&str, &str)] = &[
    ("number", "--number"),
    ("name", "--name"),
    ("phone_number", "--phone-number"),
    ("phone_numbers", "--phone-number"),
    ("limit", "--limit"),
    ("offset", "--offset"),
];
/// `history …`.
const HISTORY_FLAGS: &[(&str, &str)] = &[
    ("limit", "--limit"),
    ("offset", "--offset"),
    ("since", "--since"),
    ("until", "--until"),
    ("phone_number", "--phone-number"),
    ("phonenumber", "--phone-number"),
    ("connection_ids", "--connection-id"),
    ("ids", "ID"),
    ("id", "ID"),
];
/// Listings with paging.
const PAGING_FLAGS: &[(&str, &str)] = &[("limit", "--limit"), ("offset", "--offset")];
/// `webhook-settings …`.
const SETTINGS_FLAGS: &[(&str, &str)] = &[
    ("incoming_url", "URL"),
    ("outgoing_url", "URL"),
    ("url", "URL"),
    ("ext", "EXTENSIONS"),
    ("extensions", "EXTENSIONS"),
    ("whitelist", "EXTENSIONS"),
];
/// `simulate call`.
const SIMULATE_FLAGS: &[(&str, &str)] = &[
    ("from", "--from"),
    ("to", "--to"),
    ("answered_by", "--answered-by"),
    ("diversion", "--diversion"),
];

/// The web user to act for: `--user` or the authenticated one.
pub(crate) async fn user_or_me(
    client: &sipgateio::Client,
    user: Option<String>,
) -> Result<sipgateio::WebuserId, Failure> {
    match user {
        Some(user) => Ok(sipgateio::WebuserId::new(user)),
        None => Ok(client.get_authenticated_webuser_id().await?),
    }
}
