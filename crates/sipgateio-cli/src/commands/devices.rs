//! `sipgateio devices list|get|settings|create …|rename|delete|dnd|caller-id …|local-prefix …|
//! single-row-display|tariff-announcement|target-number|incoming-call-display|reset-password|
//! contingents|sim …`: a web user's devices, from the shell.

use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use sipgateio::devices::{
    AddressId, Device, DeviceId, DeviceUpdate, DevicesClient, DevicesExt as _, DisplayNumber,
    LocalPrefix, SimId, WebuserId,
};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, wire, yes_no};

/// `devices` subcommands. Device ids are `e0` (VoIP phone), `y0` (mobile), `x0` (external).
#[derive(Subcommand, Debug)]
pub(crate) enum DevicesCommand {
    /// List a web user's devices (JSON: the API's device objects).
    List {
        /// The web user (default: the authenticated one), e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// Show one device (JSON: the API's device object).
    Get {
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Show a device's settings: caller id, local prefix, single-row display, tariff
    /// announcement (JSON: `{device, callerId, localPrefix, singleRowDisplay,
    /// tariffAnnouncement}`; a setting the account has not booked is `null`).
    Settings {
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Create a VoIP phone, a mobile or an external phone (JSON: the created device; a VoIP
    /// phone's SIP credentials and a mobile's PUKs included).
    #[command(subcommand)]
    Create(CreateCommand),
    /// Rename a device.
    Rename {
        /// The device, e.g. `e0`.
        device: String,
        /// The new name.
        alias: String,
    },
    /// Delete a device.
    Delete {
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Switch "do not disturb" on or off.
    Dnd {
        /// The device, e.g. `e0`.
        device: String,
        /// `on` or `off`.
        #[arg(value_enum)]
        state: Switch,
    },
    /// Read or set the number a device shows as caller id.
    #[command(subcommand)]
    CallerId(CallerIdCommand),
    /// Set or switch off the area code put in front of numbers dialled without one.
    #[command(subcommand)]
    LocalPrefix(LocalPrefixCommand),
    /// Switch a desk phone's single-row display on or off.
    SingleRowDisplay {
        /// The device, e.g. `e0`.
        device: String,
        /// `on` or `off`.
        #[arg(value_enum)]
        state: Switch,
    },
    /// Switch the tariff announcement before calls on or off.
    TariffAnnouncement {
        /// The device, e.g. `e0`.
        device: String,
        /// `on` or `off`.
        #[arg(value_enum)]
        state: Switch,
    },
    /// Set the number an external phone forwards calls to.
    TargetNumber {
        /// The external device, e.g. `x0`.
        device: String,
        /// The number, in E.164 form (`+4921112345`).
        number: String,
    },
    /// Set which number an external phone shows for an incoming call.
    IncomingCallDisplay {
        /// The external device, e.g. `x0`.
        device: String,
        /// `called` (the sipgate number that was called) or `caller` (the caller's number).
        #[arg(value_enum)]
        show: Shown,
    },
    /// Give a VoIP phone a new SIP password chosen by sipgate.
    ResetPassword {
        /// The device, e.g. `e0`.
        device: String,
    },
    /// List a device's contingents, e.g. the mobile data left (JSON: the API's contingents).
    Contingents {
        /// The device, e.g. `y0`.
        device: String,
        /// The web user the device belongs to (default: the authenticated one).
        #[arg(long)]
        user: Option<String>,
    },
    /// Order, activate or deactivate the SIM card of a mobile device.
    #[command(subcommand)]
    Sim(SimCommand),
}

/// `devices create` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum CreateCommand {
    /// A VoIP phone or softphone; prints the SIP credentials to configure it with.
    Register {
        /// The device's name.
        #[arg(long)]
        alias: String,
        /// The web user (default: the authenticated one), e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// A mobile phone; prints its SIM state and, where sipgate sends them, the SIM id and PUKs.
    Mobile {
        /// The device's name.
        #[arg(long)]
        alias: String,
        /// The web user (default: the authenticated one), e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// An external phone: calls ring at its number.
    External {
        /// The device's name.
        #[arg(long)]
        alias: String,
        /// The phone number, in E.164 form (`+4921112345`).
        #[arg(long)]
        number: String,
        /// The web user (default: the authenticated one), e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
}

/// `devices caller-id` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum CallerIdCommand {
    /// Show the caller id (JSON: `{device, callerId}`).
    Get {
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Set the caller id: a number of the account, in E.164 form.
    Set {
        /// The device, e.g. `e0`.
        device: String,
        /// The number, e.g. `+4921100000`.
        number: String,
    },
}

/// `devices local-prefix` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum LocalPrefixCommand {
    /// Use an area code as local prefix.
    Set {
        /// The device, e.g. `e0`.
        device: String,
        /// The area code, e.g. `030`.
        prefix: String,
    },
    /// Stop using the local prefix.
    Off {
        /// The device, e.g. `e0`.
        device: String,
    },
}

/// `devices sim` subcommands; `--user` names the web user the device belongs to (default:
/// the authenticated one).
#[derive(Subcommand, Debug)]
pub(crate) enum SimCommand {
    /// Order a new SIM card, sent to an address of the account.
    Order {
        /// The mobile device, e.g. `y0`.
        device: String,
        /// The address to send it to (an address id, e.g. `1234`).
        #[arg(long)]
        address: String,
        /// The web user, e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// Activate a SIM card for the device.
    Activate {
        /// The mobile device, e.g. `y0`.
        device: String,
        /// The SIM card's id, as printed on it.
        sim_id: String,
        /// The web user, e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// Deactivate the device's SIM card.
    Deactivate {
        /// The mobile device, e.g. `y0`.
        device: String,
        /// The web user, e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
}

/// A switch.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum Switch {
    /// Switch on.
    On,
    /// Switch off.
    Off,
}

/// Which number an external phone shows for an incoming call.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum Shown {
    /// The sipgate number that was called.
    Called,
    /// The number of the caller.
    Caller,
}

/// The SDK's input names → the arguments of the `devices` commands (`alias` is `ALIAS` in
/// `rename` and `--alias` in `create`: see [`run`]).
const FLAGS: &[(&str, &str)] = &[
    ("device_id", "DEVICE"),
    ("webuser_id", "--user"),
    ("number", "--number"),
    ("caller_id", "NUMBER"),
    ("local_prefix", "PREFIX"),
    ("sim_id", "SIM_ID"),
    ("address_id", "--address"),
];

/// What a command that changes something prints: the device and what changed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Changed<'a> {
    device: &'a str,
    #[serde(flatten)]
    change: serde_json::Value,
}

/// `devices settings`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Settings {
    device: String,
    caller_id: Option<String>,
    local_prefix: Option<LocalPrefix>,
    single_row_display: Option<bool>,
    tariff_announcement: Option<bool>,
}

/// Runs a `devices` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: DevicesCommand) -> Result<(), Failure> {
    // `alias` and `number` are arguments in some commands and flags in `create`.
    let positional: &[(&str, &str)] = match &command {
        DevicesCommand::Rename { .. } => &[("alias", "ALIAS")],
        DevicesCommand::TargetNumber { .. } => &[("number", "NUMBER")],
        _ => &[],
    };
    dispatch(ctx, command).await.map_err(|failure| {
        failure
            .flags(positional)
            .flags(FLAGS)
            .flags(&[("alias", "--alias")])
    })
}

async fn dispatch(ctx: &Ctx, command: DevicesCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    let devices = client.devices();
    match command {
        DevicesCommand::List { user } => {
            let list = match user {
                Some(user) => devices.list_of(&WebuserId::new(user)).await?,
                None => devices.list().await?,
            };
            print_list(ctx, &list)
        }
        DevicesCommand::Get { device } => {
            let found = devices.get(&DeviceId::new(device)).await?;
            ctx.out.show(&found, || human_device(&found, Vec::new()))
        }
        DevicesCommand::Settings { device } => settings(ctx, &devices, device).await,
        DevicesCommand::Create(create) => self::create(ctx, &devices, create).await,
        DevicesCommand::Rename { device, alias } => {
            devices.set_alias(&DeviceId::new(&device), &alias).await?;
            let text = format!("renamed {device} to {alias}");
            changed(ctx, &device, serde_json::json!({ "alias": alias }), text)
        }
        DevicesCommand::Delete { device } => {
            devices.delete(&DeviceId::new(&device)).await?;
            let text = format!("deleted device {device}");
            changed(ctx, &device, serde_json::json!({ "deleted": true }), text)
        }
        DevicesCommand::Dnd { device, state } => {
            let on = matches!(state, Switch::On);
            devices
                .update(&DeviceId::new(&device), &DeviceUpdate::new().dnd(on))
                .await?;
            let text = format!(
                "do not disturb {} on {device}",
                if on { "on" } else { "off" }
            );
            changed(ctx, &device, serde_json::json!({ "dnd": on }), text)
        }
        DevicesCommand::CallerId(CallerIdCommand::Get { device }) => {
            let caller_id = devices.get_caller_id(&DeviceId::new(&device)).await?;
            let text = format!("caller id of {device}: {}", or_dash(caller_id.as_deref()));
            changed(
                ctx,
                &device,
                serde_json::json!({ "callerId": caller_id }),
                text,
            )
        }
        DevicesCommand::CallerId(CallerIdCommand::Set { device, number }) => {
            devices
                .set_caller_id(&DeviceId::new(&device), &number)
                .await?;
            let text = format!("caller id of {device} set to {number}");
            changed(
                ctx,
                &device,
                serde_json::json!({ "callerId": number }),
                text,
            )
        }
        DevicesCommand::LocalPrefix(LocalPrefixCommand::Set { device, prefix }) => {
            devices
                .enable_local_prefix(&DeviceId::new(&device), &prefix)
                .await?;
            let text = format!("local prefix of {device} set to {prefix}");
            let change = serde_json::json!({ "localPrefix": { "value": prefix, "active": true } });
            changed(ctx, &device, change, text)
        }
        DevicesCommand::LocalPrefix(LocalPrefixCommand::Off { device }) => {
            devices
                .disable_local_prefix(&DeviceId::new(&device))
                .await?;
            let text = format!("local prefix of {device} switched off");
            let change = serde_json::json!({ "localPrefix": { "active": false } });
            changed(ctx, &device, change, text)
        }
        DevicesCommand::SingleRowDisplay { device, state } => {
            let id = DeviceId::new(&device);
            let on = matches!(state, Switch::On);
            if on {
                devices.enable_single_row_display(&id).await?;
            } else {
                devices.disable_single_row_display(&id).await?;
            }
            let text = format!("single-row display {} on {device}", on_off(on));
            changed(
                ctx,
                &device,
                serde_json::json!({ "singleRowDisplay": on }),
                text,
            )
        }
        DevicesCommand::TariffAnnouncement { device, state } => {
            let id = DeviceId::new(&device);
            let on = matches!(state, Switch::On);
            if on {
                devices.enable_tariff_announcement(&id).await?;
            } else {
                devices.disable_tariff_announcement(&id).await?;
            }
            let text = format!("tariff announcement {} on {device}", on_off(on));
            changed(
                ctx,
                &device,
                serde_json::json!({ "tariffAnnouncement": on }),
                text,
            )
        }
        DevicesCommand::TargetNumber { device, number } => {
            devices
                .set_target_number(&DeviceId::new(&device), &number)
                .await?;
            let text = format!("{device} now forwards to {number}");
            changed(ctx, &device, serde_json::json!({ "number": number }), text)
        }
        DevicesCommand::IncomingCallDisplay { device, show } => {
            let display = match show {
                Shown::Called => DisplayNumber::Called,
                Shown::Caller => DisplayNumber::Caller,
            };
            devices
                .set_incoming_call_display(&DeviceId::new(&device), display)
                .await?;
            let text = format!(
                "{device} shows the {} number",
                match show {
                    Shown::Called => "called",
                    Shown::Caller => "caller's",
                }
            );
            let change = serde_json::json!({ "incomingCallDisplay": display.as_str() });
            changed(ctx, &device, change, text)
        }
        DevicesCommand::ResetPassword { device } => {
            devices.reset_password(&DeviceId::new(&device)).await?;
            let text = format!("sipgate set a new SIP password for {device}");
            changed(
                ctx,
                &device,
                serde_json::json!({ "passwordReset": true }),
                text,
            )
        }
        DevicesCommand::Contingents { device, user } => {
            let id = DeviceId::new(device);
            let contingents = match user {
                Some(user) => {
                    devices
                        .list_contingents_of(&WebuserId::new(user), &id)
                        .await?
                }
                None => devices.list_contingents(&id).await?,
            };
            ctx.out.list(
                &contingents,
                &["type", "amount", "used", "left", "unit", "expires"],
                |c| {
                    let number =
                        |n: Option<i64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
                    vec![
                        or_dash(c.kind.as_deref()),
                        number(c.amount),
                        number(c.used),
                        number(c.left),
                        or_dash(c.unit.as_deref()),
                        c.expires.map_or_else(|| "-".to_owned(), |t| t.to_rfc3339()),
                    ]
                },
            )
        }
        DevicesCommand::Sim(sim) => self::sim(ctx, &devices, sim).await,
    }
}

async fn create(ctx: &Ctx, devices: &DevicesClient, command: CreateCommand) -> Result<(), Failure> {
    match command {
        CreateCommand::Register { alias, user } => {
            let phone = match user {
                Some(user) => {
                    devices
                        .create_register_of(&WebuserId::new(user), &alias)
                        .await?
                }
                None => devices.create_register(&alias).await?,
            };
            ctx.out.show(&phone, || {
                let sip = phone.credentials.as_ref();
                let text = |f: fn(&sipgateio::devices::SipCredentials) -> Option<&str>| {
                    or_dash(sip.and_then(f))
                };
                human_device(
                    &phone.device,
                    vec![
                        ("SIP user", text(|s| s.username.as_deref())),
                        (
                            "SIP password",
                            text(|s| s.password.as_ref().map(|p| p.expose())),
                        ),
                        ("SIP server", text(|s| s.sip_server.as_deref())),
                        ("outbound proxy", text(|s| s.outbound_proxy.as_deref())),
                    ],
                )
            })
        }
        CreateCommand::Mobile { alias, user } => {
            let mobile = match user {
                Some(user) => {
                    devices
                        .create_mobile_of(&WebuserId::new(user), &alias)
                        .await?
                }
                None => devices.create_mobile(&alias).await?,
            };
            ctx.out.show(&mobile, || {
                let sim = mobile.credentials.as_ref();
                human_device(
                    &mobile.device,
                    vec![
                        (
                            "SIM state",
                            mobile
                                .sim_state
                                .as_ref()
                                .map_or_else(|| "-".to_owned(), wire),
                        ),
                        ("eSIM", yes_no(mobile.esim)),
                        (
                            "SIM id",
                            or_dash(sim.and_then(|s| s.sim_id.as_ref()).map(SimId::as_str)),
                        ),
                        (
                            "PUK 1",
                            or_dash(sim.and_then(|s| s.puk1.as_ref()).map(|p| p.expose())),
                        ),
                        (
                            "PUK 2",
                            or_dash(sim.and_then(|s| s.puk2.as_ref()).map(|p| p.expose())),
                        ),
                    ],
                )
            })
        }
        CreateCommand::External {
            alias,
            number,
            user,
        } => {
            let external = match user {
                Some(user) => {
                    devices
                        .create_external_of(&WebuserId::new(user), &alias, &number)
                        .await?
                }
                None => devices.create_external(&alias, &number).await?,
            };
            ctx.out.show(&external, || {
                human_device(
                    &external.device,
                    vec![
                        ("number", or_dash(external.number.as_deref())),
                        (
                            "incoming calls show",
                            external
                                .incoming_call_display
                                .as_ref()
                                .map_or_else(|| "-".to_owned(), wire),
                        ),
                    ],
                )
            })
        }
    }
}

async fn sim(ctx: &Ctx, devices: &DevicesClient, command: SimCommand) -> Result<(), Failure> {
    let (device, text, change) = match command {
        SimCommand::Order {
            device,
            address,
            user,
        } => {
            let id = DeviceId::new(&device);
            let address_id = AddressId::new(&address);
            match user {
                Some(user) => {
                    devices
                        .order_sim_of(&WebuserId::new(user), &id, &address_id)
                        .await?;
                }
                None => devices.order_sim(&id, &address_id).await?,
            }
            let text = format!("ordered a SIM card for {device}, sent to address {address}");
            (
                device,
                text,
                serde_json::json!({ "simOrdered": { "addressId": address } }),
            )
        }
        SimCommand::Activate {
            device,
            sim_id,
            user,
        } => {
            let id = DeviceId::new(&device);
            let sim = SimId::new(&sim_id);
            match user {
                Some(user) => {
                    devices
                        .activate_sim_of(&WebuserId::new(user), &id, &sim)
                        .await?;
                }
                None => devices.activate_sim(&id, &sim).await?,
            }
            let text = format!("activated SIM card {sim_id} for {device}");
            (device, text, serde_json::json!({ "simActivated": sim_id }))
        }
        SimCommand::Deactivate { device, user } => {
            let id = DeviceId::new(&device);
            match user {
                Some(user) => {
                    devices
                        .deactivate_sim_of(&WebuserId::new(user), &id)
                        .await?
                }
                None => devices.deactivate_sim(&id).await?,
            }
            let text = format!("deactivated the SIM card of {device}");
            (device, text, serde_json::json!({ "simDeactivated": true }))
        }
    };
    changed(ctx, &device, change, text)
}

/// `devices settings`: four reads; a setting the account has not booked (403) is `None`.
async fn settings(ctx: &Ctx, devices: &DevicesClient, device: String) -> Result<(), Failure> {
    let id = DeviceId::new(&device);
    let settings = Settings {
        caller_id: unbooked_is_none(devices.get_caller_id(&id).await)?.flatten(),
        local_prefix: unbooked_is_none(devices.get_local_prefix(&id).await)?,
        single_row_display: unbooked_is_none(devices.get_single_row_display(&id).await)?,
        tariff_announcement: unbooked_is_none(devices.get_tariff_announcement(&id).await)?,
        device,
    };
    ctx.out.show(&settings, || {
        let switch = |value: Option<bool>| value.map_or_else(|| "-".to_owned(), yes_no);
        let prefix = match &settings.local_prefix {
            None => "-".to_owned(),
            Some(prefix) => format!(
                "{} ({})",
                or_dash(prefix.value.as_deref()),
                if prefix.active { "on" } else { "off" }
            ),
        };
        fields(&[
            ("device", settings.device.clone()),
            ("caller id", or_dash(settings.caller_id.as_deref())),
            ("local prefix", prefix),
            ("single-row display", switch(settings.single_row_display)),
            ("tariff announcement", switch(settings.tariff_announcement)),
        ])
    })
}

/// A 403 (feature not booked, or not allowed) becomes `None`; other errors stay errors.
fn unbooked_is_none<T>(result: sipgateio::Result<T>) -> Result<Option<T>, Failure> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(sipgateio::Error::Forbidden(_)) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// `on` or `off`.
fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// Prints what a change did: `{device, …change}` with `--json`, `text` otherwise.
fn changed(
    ctx: &Ctx,
    device: &str,
    change: serde_json::Value,
    text: String,
) -> Result<(), Failure> {
    ctx.out.show(&Changed { device, change }, || text)
}

fn print_list(ctx: &Ctx, devices: &[Device]) -> Result<(), Failure> {
    ctx.out.list(
        devices,
        &["id", "alias", "type", "online", "dnd", "phonelines"],
        |d| {
            vec![
                d.id.to_string(),
                d.alias.clone(),
                wire(&d.device_type),
                yes_no(d.online),
                yes_no(d.dnd),
                or_dash(Some(
                    &d.active_phonelines
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )),
            ]
        },
    )
}

/// A device for people: its fields, then `extra`.
fn human_device(device: &Device, extra: Vec<(&str, String)>) -> String {
    let join = |ids: Vec<&str>| or_dash(Some(&ids.join(", ")));
    let mut pairs = vec![
        ("id", device.id.to_string()),
        ("alias", device.alias.clone()),
        ("type", wire(&device.device_type)),
        ("online", yes_no(device.online)),
        ("do not disturb", yes_no(device.dnd)),
        (
            "phonelines",
            join(
                device
                    .active_phonelines
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect(),
            ),
        ),
        (
            "groups",
            join(device.active_groups.iter().map(|g| g.id.as_str()).collect()),
        ),
    ];
    pairs.extend(extra);
    fields(&pairs)
}
