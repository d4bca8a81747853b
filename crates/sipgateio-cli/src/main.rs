//! `sipgateio`: the sipgate.io command line.
//!
//! Every API area of the SDK is a subcommand (`sipgateio sms send …`, `sipgateio history
//! export`, `sipgateio webhook listen`, …). Credentials come from flags or the environment,
//! `--sandbox` runs a command against an embedded offline sandbox, `--json` prints stable JSON
//! for scripts. See the crate README for the JSON shapes and the exit codes.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool: the terminal is its interface"
)]

mod cli;
mod commands;
mod context;
mod exit;
mod output;
mod parse;
mod profile;
mod terminal;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::exit::Failure;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // Credentials follow one precedence (flags, then variables, then the profile): clap's
    // matches know which values came from where.
    cli.global.origins = context::Origins::of(&matches);
    // `-v` logs every request; `sipgateio sandbox` always shows the sandbox's log (requests
    // failed on demand, the verification codes it "sends").
    let level = if cli.global.verbose {
        Some(tracing::Level::DEBUG)
    } else if matches!(cli.command, Command::Sandbox(_)) {
        Some(tracing::Level::INFO)
    } else {
        None
    };
    if let Some(level) = level {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(level)
            .with_target(false)
            .init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return report(&Failure::Other(format!("cannot start the runtime: {e}"))),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(&failure),
    }
}

fn report(failure: &Failure) -> ExitCode {
    if let Some(message) = failure.message() {
        // Messages can quote what the API sent.
        let shown = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            terminal::safe_text(&message)
        } else {
            std::borrow::Cow::Borrowed(message.as_str())
        };
        eprintln!("error: {shown}");
    }
    ExitCode::from(failure.code())
}

async fn run(cli: Cli) -> Result<(), Failure> {
    if let Command::Completions { shell } = cli.command {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "sipgateio", &mut out);
        return output::write_stdout_raw(&out);
    }
    // Only commands that talk to the API use a sandbox (`webhook listen --sandbox` just trusts
    // its key; `sandbox` runs one; `api --list` reads the embedded API description).
    let talks_to_the_api = match &cli.command {
        Command::Sandbox(_)
        | Command::Webhook(commands::webhook::WebhookCommand::Listen(_))
        | Command::Logout(_) => false,
        Command::Api(args) => args.talks_to_the_api(),
        _ => true,
    };
    let ctx = Ctx::new(cli.global, talks_to_the_api).await?;
    commands::run(&ctx, cli.command).await
}
