//! `sipgateio phonelines list|get|forwardings|set-forwardings|clear-forwardings|
//! parallel-forwardings|add-parallel-forwarding|delete-parallel-forwarding|numbers|devices|
//! add-device|remove-device|webhooks|set-webhooks`.

use clap::{Args, Subcommand};
use serde::Serialize;
use sipgateio::account::AccountExt as _;
use sipgateio::account::models::{
    Forwarding, PhonelineSipgateIoResponse, RouteDeviceRequest, SetForwardingsRequest,
    SetParallelForwardingRequest, SetSipgateIoPhonelineSettingsRequest,
};
use sipgateio::{DeviceId, ParallelForwardingId, PhonelineId, validate};

use super::user_or_me;
use super::webhook_settings::OnOff;
use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, yes_no};

/// `phonelines` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum PhonelinesCommand {
    /// List a web user's phonelines (JSON: the API's phoneline objects `[{id, alias, …}]`).
    List(UserArg),
    /// Show one phoneline with its voicemail boxes (JSON: the API's phoneline object).
    Get(Line),
    /// List a phoneline's forwardings (JSON: `[{destination, timeout, active, alias}]`).
    Forwardings(Line),
    /// Replace a phoneline's forwardings: calls to it also ring each `--to` (JSON: `{phoneline,
    /// forwardings}`, what was sent).
    SetForwardings {
        #[command(flatten)]
        line: Line,
        /// A number to forward to, in E.164 (`+4915799912345`); repeat for several.
        #[arg(long = "to", value_name = "NUMBER", required = true)]
        to: Vec<String>,
        /// Seconds before a forwarding rings (the API's `timeout`; 0: at once). Not sent when
        /// left out: sipgate's default applies.
        #[arg(long, value_name = "SECONDS")]
        after: Option<u32>,
        /// Store the forwardings switched off.
        #[arg(long)]
        inactive: bool,
    },
    /// Remove every forwarding of a phoneline (JSON: `{phoneline, forwardings: []}`).
    ClearForwardings(Line),
    /// List the numbers that ring at the same time as a phoneline (JSON: `[{id, destination,
    /// alias, active}]`).
    ParallelForwardings(Line),
    /// Ring a number at the same time as a phoneline (JSON: `{phoneline, destination, alias,
    /// active}`, what was sent).
    AddParallelForwarding {
        #[command(flatten)]
        line: Line,
        /// The number, in E.164 (`+4915799912345`).
        #[arg(long = "to", value_name = "NUMBER")]
        to: String,
        /// A name for it.
        #[arg(long)]
        alias: Option<String>,
        /// Store it switched off.
        #[arg(long)]
        inactive: bool,
    },
    /// Remove a parallel forwarding (JSON: `{phoneline, deleted}`).
    DeleteParallelForwarding {
        #[command(flatten)]
        line: Line,
        /// The parallel forwarding, as `parallel-forwardings` lists it.
        id: String,
    },
    /// List the numbers that ring a phoneline (JSON: the API's number objects).
    Numbers(Line),
    /// List the devices a phoneline rings (JSON: the API's device objects).
    Devices(Line),
    /// Let calls to a phoneline ring a device too (JSON: `{phoneline, device, action:
    /// "added"}`).
    AddDevice {
        #[command(flatten)]
        line: Line,
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Stop calls to a phoneline ringing a device (JSON: `{phoneline, device, action:
    /// "removed"}`).
    RemoveDevice {
        #[command(flatten)]
        line: Line,
        /// The device, e.g. `e0`.
        device: String,
    },
    /// Show a phoneline's own webhook settings (JSON: the API's object `{incomingActive,
    /// outgoingActive, incomingUrl, outgoingUrl, log, certificate, allowSelfSigned}`).
    Webhooks(Line),
    /// Change a phoneline's own webhook settings; what is not given stays as it is (JSON: the
    /// settings sent, with `phoneline`).
    SetWebhooks {
        #[command(flatten)]
        line: Line,
        /// The URL sipgate posts this phoneline's incoming-call events to; `""` switches them
        /// off.
        #[arg(long, value_name = "URL")]
        incoming: Option<String>,
        /// The URL sipgate posts this phoneline's outgoing-call events to; `""` switches them
        /// off.
        #[arg(long, value_name = "URL")]
        outgoing: Option<String>,
        /// sipgate's log of this phoneline's pushes (`webhook log --phoneline`).
        #[arg(long)]
        log: Option<OnOff>,
    },
}

/// `--user`.
#[derive(Args, Debug)]
pub(crate) struct UserArg {
    /// The web user (default: the authenticated one), e.g. `w0`.
    #[arg(long)]
    user: Option<String>,
}

/// A phoneline of a web user.
#[derive(Args, Debug)]
pub(crate) struct Line {
    /// The phoneline, e.g. `p0`.
    phoneline: String,
    #[command(flatten)]
    user: UserArg,
}

/// The SDK's input names → the flags of `phonelines …`.
pub(crate) const FLAGS: &[(&str, &str)] = &[
    ("to", "--to"),
    ("userId", "--user"),
    ("phonelineId", "PHONELINE"),
    ("parallelForwardingId", "ID"),
    ("deviceId", "DEVICE"),
];

/// What `set-forwardings` and `clear-forwardings` print.
#[derive(Serialize)]
struct Changed<'a> {
    phoneline: &'a str,
    forwardings: &'a [Forwarding],
}

/// What `add-parallel-forwarding` prints: the phoneline and the forwarding sent.
#[derive(Serialize)]
struct ParallelAdded<'a> {
    phoneline: &'a str,
    #[serde(flatten)]
    forwarding: &'a SetParallelForwardingRequest,
}

/// What `add-device` and `remove-device` print.
#[derive(Serialize)]
struct Membership<'a> {
    phoneline: &'a str,
    device: &'a str,
    action: &'a str,
}

/// What `set-webhooks` prints: the phoneline and the settings sent.
#[derive(Serialize)]
struct WebhooksSet<'a> {
    phoneline: &'a str,
    #[serde(flatten)]
    settings: &'a SetSipgateIoPhonelineSettingsRequest,
}

/// What `delete-parallel-forwarding` prints.
#[derive(Serialize)]
struct ParallelDeleted<'a> {
    phoneline: &'a str,
    deleted: &'a str,
}

/// Runs a `phonelines` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: PhonelinesCommand) -> Result<(), Failure> {
    // Numbers are checked before anything is sent (even the user lookup).
    match &command {
        PhonelinesCommand::SetForwardings { to, .. } => {
            for number in to {
                validate::phone_number("to", number)?;
            }
        }
        PhonelinesCommand::AddParallelForwarding { to, .. } => validate::phone_number("to", to)?,
        PhonelinesCommand::SetWebhooks {
            incoming,
            outgoing,
            log,
            ..
        } => {
            if incoming.is_none() && outgoing.is_none() && log.is_none() {
                return Err(Failure::Usage(
                    "set-webhooks needs --incoming, --outgoing or --log".into(),
                ));
            }
            for (flag, url) in [("--incoming", incoming), ("--outgoing", outgoing)] {
                if let Some(url) = url.as_deref().filter(|url| !url.is_empty()) {
                    sipgateio_types::url::check_http_url(url)
                        .map_err(|e| Failure::invalid(format!("invalid {flag}: {}", e.rule())))?;
                }
            }
        }
        _ => {}
    }
    let client = ctx.client()?;
    let account = client.account();
    match command {
        PhonelinesCommand::List(UserArg { user }) => {
            let user = user_or_me(&client, user).await?;
            let lines = account
                .list_phonelines_of(&user)
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(&lines, &["id", "alias"], |l| {
                vec![
                    or_dash(l.id.as_ref().map(PhonelineId::as_str)),
                    or_dash(l.alias.as_deref()),
                ]
            })
        }
        PhonelinesCommand::Get(line) => {
            let (user, id) = resolve(&client, line).await?;
            let found = account.get_phoneline_of(&user, &id).await?;
            ctx.out.show(&found, || {
                let voicemails = found
                    .voicemails
                    .iter()
                    .flatten()
                    .filter_map(|v| v.id.as_ref().map(ToString::to_string))
                    .collect::<Vec<_>>()
                    .join(", ");
                fields(&[
                    ("id", or_dash(found.id.as_ref().map(PhonelineId::as_str))),
                    ("alias", or_dash(found.alias.as_deref())),
                    ("voicemails", or_dash(Some(&voicemails))),
                ])
            })
        }
        PhonelinesCommand::Forwardings(line) => {
            let (user, id) = resolve(&client, line).await?;
            let forwardings = account
                .list_phoneline_forwardings_of(&user, &id)
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(
                &forwardings,
                &["destination", "timeout", "active", "alias"],
                |f| {
                    vec![
                        or_dash(f.destination.as_deref()),
                        f.timeout.map_or_else(|| "-".into(), |t| format!("{t}s")),
                        f.active.map_or_else(|| "-".into(), yes_no),
                        or_dash(f.alias.as_deref()),
                    ]
                },
            )
        }
        PhonelinesCommand::SetForwardings {
            line,
            to,
            after,
            inactive,
        } => {
            let timeout = after
                .map(|t| {
                    i32::try_from(t).map_err(|_| Failure::invalid("invalid --after: too large"))
                })
                .transpose()?;
            let forwardings: Vec<Forwarding> = to
                .into_iter()
                .map(|number| Forwarding {
                    destination: Some(number),
                    timeout,
                    active: Some(!inactive),
                })
                .collect();
            set_forwardings(ctx, &client, line, forwardings).await
        }
        PhonelinesCommand::ClearForwardings(line) => {
            set_forwardings(ctx, &client, line, Vec::new()).await
        }
        PhonelinesCommand::ParallelForwardings(line) => {
            let (user, id) = resolve(&client, line).await?;
            let forwardings = account
                .list_phoneline_parallel_forwardings_of(&user, &id)
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(
                &forwardings,
                &["id", "destination", "alias", "active"],
                |f| {
                    vec![
                        or_dash(f.id.as_ref().map(ParallelForwardingId::as_str)),
                        or_dash(f.destination.as_deref()),
                        or_dash(f.alias.as_deref()),
                        f.active.map_or_else(|| "-".into(), yes_no),
                    ]
                },
            )
        }
        PhonelinesCommand::AddParallelForwarding {
            line,
            to,
            alias,
            inactive,
        } => {
            let (user, id) = resolve(&client, line).await?;
            let body = SetParallelForwardingRequest {
                destination: Some(to),
                alias,
                active: Some(!inactive),
            };
            account
                .create_parallel_forwarding_of(&user, &id, &body)
                .await?;
            let added = ParallelAdded {
                phoneline: id.as_str(),
                forwarding: &body,
            };
            ctx.out.show(&added, || {
                format!(
                    "{id} now also rings {}",
                    body.destination.as_deref().unwrap_or_default()
                )
            })
        }
        PhonelinesCommand::DeleteParallelForwarding {
            line,
            id: forwarding,
        } => {
            let (user, id) = resolve(&client, line).await?;
            let forwarding = ParallelForwardingId::new(forwarding);
            account
                .delete_parallel_forwarding_of(&user, &id, &forwarding)
                .await?;
            let deleted = ParallelDeleted {
                phoneline: id.as_str(),
                deleted: forwarding.as_str(),
            };
            ctx.out.show(&deleted, || {
                format!("parallel forwarding {forwarding} of {id} deleted")
            })
        }
        PhonelinesCommand::AddDevice { line, device } => {
            let (user, id) = resolve(&client, line).await?;
            let body = RouteDeviceRequest {
                device_id: DeviceId::new(&device),
            };
            account
                .add_device_to_phoneline_of(&user, &id, &body)
                .await?;
            let done = Membership {
                phoneline: id.as_str(),
                device: &device,
                action: "added",
            };
            ctx.out
                .show(&done, || format!("calls to {id} now ring {device} too"))
        }
        PhonelinesCommand::RemoveDevice { line, device } => {
            let (user, id) = resolve(&client, line).await?;
            account
                .remove_device_from_phoneline_of(&user, &id, &DeviceId::new(&device))
                .await?;
            let done = Membership {
                phoneline: id.as_str(),
                device: &device,
                action: "removed",
            };
            ctx.out
                .show(&done, || format!("calls to {id} no longer ring {device}"))
        }
        PhonelinesCommand::Webhooks(line) => {
            let (user, id) = resolve(&client, line).await?;
            let settings = account.get_sipgate_io_settings_of(&user, &id).await?;
            ctx.out.show(&settings, || webhooks_human(&settings))
        }
        PhonelinesCommand::SetWebhooks {
            line,
            incoming,
            outgoing,
            log,
        } => {
            let (user, id) = resolve(&client, line).await?;
            // The API takes the whole object: read it, change what was given, send it back.
            let now = account.get_sipgate_io_settings_of(&user, &id).await?;
            let url = |given: Option<String>, current: Option<String>, active: Option<bool>| {
                match given {
                    Some(url) => (Some(!url.is_empty()), url),
                    None => (active, current.unwrap_or_default()),
                }
            };
            let (incoming_active, incoming_url) =
                url(incoming, now.incoming_url, now.incoming_active);
            let (outgoing_active, outgoing_url) =
                url(outgoing, now.outgoing_url, now.outgoing_active);
            let body = SetSipgateIoPhonelineSettingsRequest {
                incoming_active,
                outgoing_active,
                incoming_url,
                outgoing_url,
                log: log.map(|state| matches!(state, OnOff::On)).or(now.log),
                certificate: now.certificate,
                allow_self_signed: now.allow_self_signed,
            };
            account
                .set_sipgate_io_settings_of(&user, &id, &body)
                .await?;
            let done = WebhooksSet {
                phoneline: id.as_str(),
                settings: &body,
            };
            ctx.out.show(&done, || {
                let url = |active: Option<bool>, url: &str| match active {
                    Some(false) => "(off)".to_owned(),
                    _ => or_dash(Some(url)),
                };
                fields(&[
                    ("phoneline", id.to_string()),
                    (
                        "incoming URL",
                        url(body.incoming_active, &body.incoming_url),
                    ),
                    (
                        "outgoing URL",
                        url(body.outgoing_active, &body.outgoing_url),
                    ),
                    ("log", body.log.map_or_else(|| "-".into(), yes_no)),
                ])
            })
        }
        PhonelinesCommand::Numbers(line) => {
            let (user, id) = resolve(&client, line).await?;
            let numbers = account
                .list_phoneline_numbers_of(&user, &id)
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
        PhonelinesCommand::Devices(line) => {
            let (user, id) = resolve(&client, line).await?;
            let devices = account
                .list_phoneline_devices_of(&user, &id)
                .await?
                .items
                .unwrap_or_default();
            ctx.out.list(&devices, &["id", "alias"], |d| {
                vec![
                    or_dash(d.id.as_ref().map(ToString::to_string).as_deref()),
                    or_dash(d.alias.as_deref()),
                ]
            })
        }
    }
}

/// The web user and the phoneline id of `line`.
async fn resolve(
    client: &sipgateio::Client,
    line: Line,
) -> Result<(sipgateio::WebuserId, PhonelineId), Failure> {
    let user = user_or_me(client, line.user.user).await?;
    Ok((user, PhonelineId::new(line.phoneline)))
}

async fn set_forwardings(
    ctx: &Ctx,
    client: &sipgateio::Client,
    line: Line,
    forwardings: Vec<Forwarding>,
) -> Result<(), Failure> {
    let (user, id) = resolve(client, line).await?;
    let body = SetForwardingsRequest {
        forwardings: Some(forwardings),
    };
    client
        .account()
        .set_phoneline_forwarding_settings_of(&user, &id, &body)
        .await?;
    let sent = body.forwardings.as_deref().unwrap_or_default();
    let changed = Changed {
        phoneline: id.as_str(),
        forwardings: sent,
    };
    ctx.out.show(&changed, || {
        if sent.is_empty() {
            format!("{id}: no forwardings")
        } else {
            let to = sent
                .iter()
                .filter_map(|f| f.destination.as_deref())
                .collect::<Vec<_>>()
                .join(", ");
            format!("{id} now forwards to {to}")
        }
    })
}

/// A phoneline's webhook settings for people.
fn webhooks_human(settings: &PhonelineSipgateIoResponse) -> String {
    let url = |active: Option<bool>, url: Option<&str>| match active {
        Some(false) => format!("{} (off)", or_dash(url)),
        _ => or_dash(url),
    };
    fields(&[
        (
            "incoming URL",
            url(settings.incoming_active, settings.incoming_url.as_deref()),
        ),
        (
            "outgoing URL",
            url(settings.outgoing_active, settings.outgoing_url.as_deref()),
        ),
        ("log", settings.log.map_or_else(|| "-".into(), yes_no)),
        (
            "self-signed certificates",
            settings
                .allow_self_signed
                .map_or_else(|| "-".into(), yes_no),
        ),
    ])
}
