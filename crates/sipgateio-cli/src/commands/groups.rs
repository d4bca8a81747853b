//! `sipgateio groups list|get|users|numbers|add-device|remove-device`.

use clap::Subcommand;
use serde::Serialize;
use sipgateio::account::AccountExt as _;
use sipgateio::account::models::RouteDeviceRequest;
use sipgateio::{DeviceId, GroupId, WebuserId};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash};

/// `groups` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum GroupsCommand {
    /// List the account's groups, or those a web user belongs to (JSON: the API's group
    /// objects `[{id, alias, departmentId, …}]`).
    List {
        /// Only the groups of this web user, e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// Show one group with its voicemail boxes (JSON: the API's group object).
    Get {
        /// The group, e.g. `g0`.
        group: String,
    },
    /// List a group's members (JSON: `[{id, firstname, lastname, userUrl}]`).
    Users {
        /// The group, e.g. `g0`.
        group: String,
    },
    /// List the numbers that ring a group (JSON: `[{number, type}]`).
    Numbers {
        /// The group, e.g. `g0`.
        group: String,
    },
    /// Let calls to a group ring a device too (JSON: `{group, device, action: "added"}`).
    AddDevice {
        /// The group, e.g. `g0`.
        group: String,
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Stop calls to a group ringing a device (JSON: `{group, device, action: "removed"}`).
    RemoveDevice {
        /// The group, e.g. `g0`.
        group: String,
        /// The device, e.g. `e0`.
        device: String,
    },
}

/// What `add-device` and `remove-device` print.
#[derive(Serialize)]
struct Membership<'a> {
    group: &'a str,
    device: &'a str,
    action: &'a str,
}

/// The SDK's input names → the arguments of `groups …`.
pub(crate) const FLAGS: &[(&str, &str)] = &[
    ("groupId", "GROUP"),
    ("userId", "--user"),
    ("deviceId", "DEVICE"),
];

/// Runs a `groups` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: GroupsCommand) -> Result<(), Failure> {
    let account = ctx.client()?.account();
    match command {
        GroupsCommand::List { user } => {
            let user = user.map(WebuserId::new);
            let groups = account
                .list_groups(user.as_ref())
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(&groups, &["id", "alias"], |g| {
                vec![
                    or_dash(g.id.as_ref().map(GroupId::as_str)),
                    or_dash(g.alias.as_deref()),
                ]
            })
        }
        GroupsCommand::Get { group } => {
            let found = account.get_group(&GroupId::new(group)).await?;
            ctx.out.show(&found, || {
                let voicemails = found
                    .voicemails
                    .iter()
                    .flatten()
                    .filter_map(|v| v.id.as_deref())
                    .collect::<Vec<_>>()
                    .join(", ");
                fields(&[
                    ("id", or_dash(found.id.as_ref().map(GroupId::as_str))),
                    ("alias", or_dash(found.alias.as_deref())),
                    ("voicemails", or_dash(Some(&voicemails))),
                ])
            })
        }
        GroupsCommand::Users { group } => {
            let users = account
                .list_group_users(&GroupId::new(group))
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(&users, &["id", "name"], |u| {
                let name = [u.firstname.as_deref(), u.lastname.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                vec![
                    or_dash(u.id.as_ref().map(WebuserId::as_str)),
                    or_dash(Some(&name)),
                ]
            })
        }
        GroupsCommand::Numbers { group } => {
            let numbers = account
                .list_group_numbers(&GroupId::new(group))
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(&numbers, &["number", "type"], |n| {
                vec![
                    or_dash(n.number.as_deref()),
                    n.r#type.as_deref().unwrap_or_default().join(", "),
                ]
            })
        }
        GroupsCommand::AddDevice { group, device } => {
            let body = RouteDeviceRequest {
                device_id: DeviceId::new(&device),
            };
            account
                .add_device_to_group(&GroupId::new(&group), &body)
                .await?;
            let done = Membership {
                group: &group,
                device: &device,
                action: "added",
            };
            ctx.out
                .show(&done, || format!("calls to {group} now ring {device} too"))
        }
        GroupsCommand::RemoveDevice { group, device } => {
            account
                .remove_device_from_group(&GroupId::new(&group), &DeviceId::new(&device))
                .await?;
            let done = Membership {
                group: &group,
                device: &device,
                action: "removed",
            };
            ctx.out.show(&done, || {
                format!("calls to {group} no longer ring {device}")
            })
        }
    }
}
