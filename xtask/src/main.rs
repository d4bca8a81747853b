//! `cargo xtask …`: repository automation.
//!
//! * `cargo xtask ci` runs `.ci/run`, the one list of CI checks, exactly as CI does.
//! * `cargo xtask msrv`: every dependency's `rust-version` fits the workspace's.
//! * `cargo xtask lint`: every crate has a description, a README, the workspace lints and
//!   license, and crate docs with an example.
//! * `cargo xtask codegen [--check]` regenerates the facade's features, optional dependencies,
//!   re-exports, prelude and crate tables from each crate's `[package.metadata.sipgateio]`, and
//!   the `sipgateio-account` crate's generated code (models, client and tests) from the
//!   committed API description `crates/sipgateio-sandbox/api/sipgate-api.json`; with `--check`
//!   it writes nothing and fails on drift (a hand edit of any generated file).
//!   `--spec <openapi.yaml> [--date YYYY-MM-DD]` first rewrites that description from a full
//!   OpenAPI document (its facts only, none of its prose).
//! * `cargo xtask coverage [--json]` prints, per API area, how many operations of the API
//!   description the SDK, the sandbox and the CLI cover, and the operations left out on purpose
//!   with their reasons; it fails when an operation is neither in the SDK nor excluded, or the
//!   sandbox does not serve one the SDK has (see `coverage.rs`).
//! * `cargo xtask features` checks that the facade compiles with no feature, with each feature
//!   alone and with `full` (the facade's dev-dependency on itself with `full` would hide a
//!   feature that only compiles together with another one).
//! * `cargo xtask release <version> [--dry-run]` bumps every crate in lockstep, writes the
//!   CHANGELOG section, packages the publishable crates and prints the publish commands in
//!   dependency order (see `release.rs`).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool: it reports on the terminal"
)]

mod codegen;
mod coverage;
mod facade;
mod features;
mod lint;
mod markers;
mod msrv;
mod openapi;
mod release;
#[cfg(test)]
mod testdir;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask ci | lint | msrv | features | codegen [--check] [--spec <openapi.yaml> [--date YYYY-MM-DD]] | coverage [--json] | release <version> [--dry-run] [--package|--no-package] [--no-verify]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("codegen") => codegen::Options::parse(&args[1..])
            .and_then(|options| codegen::run(&workspace::root(), &options)),
        Some("coverage") => coverage::Options::parse(&args[1..])
            .and_then(|options| coverage::run(&workspace::root(), &options)),
        Some("msrv") => msrv::check(&workspace::root()),
        Some("features") => features::check(&workspace::root()),
        Some("lint") => lint::check(&workspace::root()),
        Some("release") => release::Options::parse(&args[1..])
            .and_then(|options| release::run(&workspace::root(), &options)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a command from the workspace root, failing on a non-zero exit.
fn run(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    workspace::run_in(&workspace::root(), program, args, envs)
}

fn ci() -> Result<(), String> {
    // `.ci/run` is the one list of checks; this runs exactly that list.
    run("bash", &[".ci/run"], &[])
}
