//! The command line: global options and one subcommand per API area.

use clap::{Parser, Subcommand};

use crate::commands::{
    account, api, call, calls, contacts, devices, fax, groups, history, login, numbers, phonelines,
    sandbox, simulate, sms, users, voicemails, webhook, webhook_settings,
};
use crate::context::GlobalArgs;

const ABOUT: &str = "The sipgate.io command line: SMS, fax, calls, contacts, history, webhooks and an offline sandbox.";

const AFTER_HELP: &str = "\
Credentials, first found wins:
  1. flags: --token-id/--token, or --oauth-token
  2. environment: SIPGATE_TOKEN_ID/SIPGATE_TOKEN, or SIPGATE_OAUTH_TOKEN
  3. the profile `sipgateio login` stored: --profile NAME (SIPGATEIO_PROFILE), else `default`
At one level an OAuth token wins over a personal access token. The base URL follows the same
order (--base-url, SIPGATE_BASE_URL, the profile's). Try everything offline with --sandbox.

Output: tables for people; --json prints stable JSON (the API's camelCase field names)
for scripts. Errors are one line on stderr.

";

/// `sipgateio`: the sipgate.io command line.
#[derive(Parser, Debug)]
#[command(
    name = "sipgateio",
    version,
    about = ABOUT,
    after_help = format!("{AFTER_HELP}{}", crate::exit::EXIT_CODES),
    propagate_version = true
)]
pub(crate) struct Cli {
    /// Options of every command.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Send and schedule SMS, list SMS extensions and manage sender caller ids.
    #[command(subcommand)]
    Sms(sms::SmsCommand),
    /// Send and resend faxes, read their status, administer fax lines.
    #[command(subcommand)]
    Fax(fax::FaxCommand),
    /// Start a call between two phones (click-to-dial).
    #[command(subcommand)]
    Call(call::CallCommand),
    /// Control running calls: list, mute, hold, record, announce, DTMF, transfer, hang up.
    #[command(subcommand)]
    Calls(calls::CallsCommand),
    /// List, create, update and delete contacts; import CSV/vCard files, export CSV/vCard.
    #[command(subcommand)]
    Contacts(contacts::ContactsCommand),
    /// Call, fax, SMS and voicemail history: list, show, delete, export as CSV.
    #[command(subcommand)]
    History(history::HistoryCommand),
    /// The account's phone numbers: list, route to an extension, quick dials.
    #[command(subcommand)]
    Numbers(numbers::NumbersCommand),
    /// A web user's devices.
    #[command(subcommand)]
    Devices(devices::DevicesCommand),
    /// The account's voicemail boxes: list, show, record greetings, play recordings.
    #[command(subcommand)]
    Voicemails(voicemails::VoicemailsCommand),
    /// Web users of the account, and who the credentials belong to.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// The account and its balance.
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// A web user's phonelines, their forwardings, numbers and devices.
    #[command(subcommand)]
    Phonelines(phonelines::PhonelinesCommand),
    /// The account's groups, their members and numbers.
    #[command(subcommand)]
    Groups(groups::GroupsCommand),
    /// Read and change the account's webhook URLs, whitelist and log switch.
    #[command(subcommand)]
    WebhookSettings(webhook_settings::WebhookSettingsCommand),
    /// Run a webhook server that prints each call event and answers with canned XML; show
    /// sipgate's log of the webhooks it pushed.
    #[command(subcommand)]
    Webhook(webhook::WebhookCommand),
    /// Run the offline sipgate.io sandbox until Ctrl-C and print how to use it.
    Sandbox(sandbox::SandboxArgs),
    /// Drive a simulated call flow against a webhook URL (needs a sandbox).
    #[command(subcommand)]
    Simulate(simulate::SimulateCommand),
    /// Sign in with your OAuth client in the browser and store the tokens in a profile.
    Login(login::LoginArgs),
    /// Delete the tokens stored in a profile.
    Logout(login::LogoutArgs),
    /// Send any request of the API (`api GET /account`), or list its operations (`api --list`).
    Api(api::ApiArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}
