//! `sipgateio account get|balance`.

use clap::Subcommand;
use sipgateio::account::AccountExt as _;

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, wire, yes_no};

/// `account` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum AccountCommand {
    /// Show the account: company, product, verification, history lifetime (JSON: the API's
    /// account object `{company, mainProductType, logoUrl, verified, historyLifeTime}`).
    Get,
    /// Show the account's credit (JSON: `{amount, currency}` as the API sends it; sipgate does
    /// not document the unit of `amount`).
    Balance,
}

/// Runs an `account` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: AccountCommand) -> Result<(), Failure> {
    let account = ctx.client()?.account();
    match command {
        AccountCommand::Get => {
            let info = account.get_account().await?;
            ctx.out.show(&info, || {
                fields(&[
                    ("company", or_dash(info.company.as_deref())),
                    (
                        "product",
                        info.main_product_type
                            .as_ref()
                            .map_or_else(|| "-".into(), wire),
                    ),
                    ("verified", info.verified.map_or_else(|| "-".into(), yes_no)),
                    (
                        "history lifetime",
                        info.history_life_time
                            .as_ref()
                            .map_or_else(|| "-".into(), wire),
                    ),
                ])
            })
        }
        AccountCommand::Balance => {
            let balance = account.get_balance().await?;
            ctx.out.show(&balance, || {
                fields(&[
                    (
                        "amount",
                        balance.amount.map_or_else(|| "-".into(), |a| a.to_string()),
                    ),
                    ("currency", or_dash(balance.currency.as_deref())),
                ])
            })
        }
    }
}
