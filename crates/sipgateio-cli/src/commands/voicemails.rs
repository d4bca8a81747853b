//! `sipgateio voicemails list`.

use clap::Subcommand;
use sipgateio::voicemails::VoicemailsExt as _;

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::wire;

/// `voicemails` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum VoicemailsCommand {
    /// List the account's voicemail boxes (JSON: the API's voicemail objects).
    List,
}

/// Runs a `voicemails` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: VoicemailsCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    let VoicemailsCommand::List = command;
    let voicemails = client.voicemails().list().await?;
    ctx.out
        .list(&voicemails, &["id", "alias", "belongs to", "type"], |v| {
            vec![
                v.id.to_string(),
                v.alias.clone(),
                v.belongs_to_endpoint.extension.to_string(),
                wire(&v.belongs_to_endpoint.endpoint_type),
            ]
        })
}
