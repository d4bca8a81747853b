//! `sipgateio numbers list`.

use clap::Subcommand;
use futures_util::TryStreamExt as _;
use sipgateio::Pagination;
use sipgateio::numbers::{ExtensionId, NumbersExt as _};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{or_dash, wire};

/// `numbers` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum NumbersCommand {
    /// List the account's phone numbers (JSON: the API's number objects).
    List {
        /// Skip this many numbers.
        #[arg(long)]
        offset: Option<u32>,
        /// Return at most this many numbers (default: all, fetched page by page).
        #[arg(long)]
        limit: Option<u32>,
    },
}

/// Runs a `numbers` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: NumbersCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    let NumbersCommand::List { offset, limit } = command;
    let numbers = match (offset, limit) {
        (None, None) => client.numbers().stream(100).try_collect::<Vec<_>>().await?,
        (offset, limit) => {
            let pagination = Pagination::new(offset.unwrap_or(0), limit.unwrap_or(100));
            client.numbers().list(pagination).await?.items
        }
    };
    ctx.out.list(
        &numbers,
        &["id", "number", "type", "endpoint", "alias"],
        |n| {
            vec![
                n.id.to_string(),
                n.number.clone(),
                wire(&n.number_type),
                or_dash(n.endpoint_id.as_ref().map(ExtensionId::as_str)),
                or_dash(n.endpoint_alias.as_deref()),
            ]
        },
    )
}
