//! `sipgateio users list|whoami`.

use clap::Subcommand;
use sipgateio::DeviceId;

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, yes_no};

/// `users` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum UsersCommand {
    /// List the account's web users (JSON: the API's user objects).
    List,
    /// Show who the credentials belong to (JSON: `{sub, domain, masterSipId, locale}`).
    Whoami,
}

/// Runs a `users` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: UsersCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    match command {
        UsersCommand::List => {
            let users = client.list_web_users().await?;
            ctx.out.list(
                &users,
                &["id", "name", "email", "default device", "admin"],
                |u| {
                    vec![
                        u.id.to_string(),
                        format!("{} {}", u.firstname, u.lastname).trim().to_owned(),
                        u.email.clone(),
                        or_dash(u.default_device.as_ref().map(DeviceId::as_str)),
                        yes_no(u.admin),
                    ]
                },
            )
        }
        UsersCommand::Whoami => {
            let me = client.get_userinfo().await?;
            ctx.out.show(&me, || {
                fields(&[
                    ("user", me.sub.to_string()),
                    ("domain", or_dash(me.domain.as_deref())),
                    ("master SIP id", or_dash(me.master_sip_id.as_deref())),
                    ("locale", or_dash(me.locale.as_deref())),
                ])
            })
        }
    }
}
