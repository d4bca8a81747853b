//! `sipgateio webhook log`: sipgate's log of the webhooks it pushed (switched on with
//! `webhook-settings log on`), for the account or one phoneline.

use clap::Args;
use sipgateio::PhonelineId;
use sipgateio::account::AccountExt as _;
use sipgateio::account::models::PhonelineSipgateIoLogResponse;

use super::user_or_me;
use crate::context::Ctx;
use crate::exit::Failure;
use crate::terminal::escape_value as escape;

/// `webhook log`.
#[derive(Args, Debug)]
pub(crate) struct LogArgs {
    /// Only the pushes of this phoneline, e.g. `p0` (default: the whole account's log).
    #[arg(long)]
    phoneline: Option<String>,
    /// The web user the phoneline belongs to (default: the authenticated one); needs
    /// `--phoneline`.
    #[arg(long, requires = "phoneline")]
    user: Option<String>,
}

/// The SDK's input names → the flags of `webhook log`.
pub(crate) const FLAGS: &[(&str, &str)] = &[("phonelineId", "--phoneline"), ("userId", "--user")];

/// Runs `webhook log`.
pub(crate) async fn run(ctx: &Ctx, args: LogArgs) -> Result<(), Failure> {
    let client = ctx.client()?;
    let account = client.account();
    let log = match args.phoneline {
        None => account.list_webhooks_log().await?,
        Some(phoneline) => {
            let user = user_or_me(&client, args.user).await?;
            account
                .list_sipgate_io_logs_of(&user, &PhonelineId::new(phoneline))
                .await?
        }
    };
    let entries = log.items.unwrap_or_default();
    // Values come from sipgate and from the webhook apps it called: escaped for the terminal
    // (`--json` escapes by itself). The request and response bodies are in the JSON only.
    ctx.out.list(
        &entries,
        &["created", "status", "url", "XML error"],
        |entry: &PhonelineSipgateIoLogResponse| {
            let text = |value: Option<&String>| {
                value
                    .filter(|v| !v.is_empty())
                    .map_or_else(|| "-".to_owned(), |v| escape(v).into_owned())
            };
            vec![
                text(entry.created.as_ref()),
                text(entry.status.as_ref()),
                text(entry.url.as_ref()),
                text(entry.xml_error.as_ref()),
            ]
        },
    )
}
