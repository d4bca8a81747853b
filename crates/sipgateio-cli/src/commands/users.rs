//! `sipgateio users list|get|whoami|set-default-device|set-role|busy-on-busy`.

use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use sipgateio::account::AccountExt as _;
use sipgateio::account::models::{
    SetBusyOnBusySettingsRequest, SetDefaultDeviceRequest, SetUserRoleRequest,
};
use sipgateio::{DeviceId, WebuserId};

use super::webhook_settings::OnOff;
use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, yes_no};

/// `users` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum UsersCommand {
    /// List the account's web users (JSON: the API's user objects).
    List,
    /// Show one web user (JSON: the API's user object).
    Get {
        /// The web user, e.g. `w0`.
        user: String,
    },
    /// Show who the credentials belong to (JSON: `{sub, domain, masterSipId, locale}`).
    Whoami,
    /// Make a device the one a web user's calls start from (JSON: `{user, defaultDevice}`).
    SetDefaultDevice {
        /// The web user, e.g. `w0`.
        user: String,
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Make a web user an administrator of the account, or a plain user (JSON: `{user,
    /// admin}`).
    SetRole {
        /// The web user, e.g. `w1`.
        user: String,
        /// The role.
        role: Role,
    },
    /// Switch busy-on-busy on or off for a web user: while they are on a call, further callers
    /// hear busy (JSON: `{user, busyOnBusy}`).
    BusyOnBusy {
        /// The web user, e.g. `w1`.
        user: String,
        /// On or off.
        state: OnOff,
    },
}

/// A web user's role.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum Role {
    /// Administers the account.
    Admin,
    /// A plain user.
    User,
}

/// The SDK's input names → the arguments of `users …`.
pub(crate) const FLAGS: &[(&str, &str)] = &[("userId", "USER"), ("deviceId", "DEVICE")];

/// What `set-default-device` prints.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DefaultDeviceSet<'a> {
    user: &'a str,
    default_device: &'a str,
}

/// What `set-role` and `busy-on-busy` print.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserSwitch<'a> {
    user: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    busy_on_busy: Option<bool>,
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
        UsersCommand::Get { user } => {
            let found = client.account().get_user(&WebuserId::new(user)).await?;
            ctx.out.show(&found, || {
                let name = [found.firstname.as_deref(), found.lastname.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                fields(&[
                    ("id", or_dash(found.id.as_ref().map(WebuserId::as_str))),
                    ("name", or_dash(Some(&name))),
                    ("email", or_dash(found.email.as_deref())),
                    (
                        "default device",
                        or_dash(found.default_device.as_ref().map(DeviceId::as_str)),
                    ),
                    ("admin", found.admin.map_or_else(|| "-".into(), yes_no)),
                    ("timezone", or_dash(found.timezone.as_deref())),
                ])
            })
        }
        UsersCommand::SetDefaultDevice { user, device } => {
            let body = SetDefaultDeviceRequest {
                device_id: DeviceId::new(&device),
            };
            client
                .account()
                .set_default_device(&WebuserId::new(&user), &body)
                .await?;
            let done = DefaultDeviceSet {
                user: &user,
                default_device: &device,
            };
            ctx.out.show(&done, || {
                format!("{device} is now the default device of {user}")
            })
        }
        UsersCommand::SetRole { user, role } => {
            let admin = matches!(role, Role::Admin);
            let body = SetUserRoleRequest { admin: Some(admin) };
            client
                .account()
                .set_role(&WebuserId::new(&user), &body)
                .await?;
            let done = UserSwitch {
                user: &user,
                admin: Some(admin),
                busy_on_busy: None,
            };
            let role = if admin {
                "an administrator"
            } else {
                "a plain user"
            };
            ctx.out.show(&done, || format!("{user} is now {role}"))
        }
        UsersCommand::BusyOnBusy { user, state } => {
            let enabled = matches!(state, OnOff::On);
            let body = SetBusyOnBusySettingsRequest {
                enabled: Some(enabled),
            };
            client
                .account()
                .set_busy_on_busy_setting(&WebuserId::new(&user), &body)
                .await?;
            let done = UserSwitch {
                user: &user,
                admin: None,
                busy_on_busy: Some(enabled),
            };
            let state = if enabled { "on" } else { "off" };
            ctx.out
                .show(&done, || format!("busy-on-busy is {state} for {user}"))
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
