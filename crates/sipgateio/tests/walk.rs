//! The walk: every SDK function that calls one REST operation (every function with a
//! `#[doc(alias = "<operationId>")]` in `crates/sipgateio-*/src`, except the CLI, the sandbox
//! and the test support) is called against a **strict** sandbox, so each request it sends is
//! checked against sipgate's API description; then the sources are scanned for those aliases
//! and every aliased operation the walk did not reach with a success is named.
//!
//! Adding a function: one `walk!(w, part.function(args));` line in [`walk_everything`] (ids of
//! the seeded account are at its top; `made_up::<T>()` builds a request body of type `T` from
//! the description's schema of the same name).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{TimeDelta, Utc};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use sipgateio::account::models::*;
use sipgateio::call::NewCall;
use sipgateio::contacts::{
    CreateScope, ListOptions, NewContact, PhoneNumber, ScopeFilter, parse_csv,
};
use sipgateio::devices::{DeviceUpdate, DisplayNumber, NewDeviceType};
use sipgateio::fax::Fax;
use sipgateio::history::{HistoryEntryUpdate, HistoryFilter, StreamOptions};
use sipgateio::numbers::NumberSettings;
use sipgateio::prelude::*;
use sipgateio::rtcm::{RecordingAnnouncement, Transfer};
use sipgateio::sandbox::Sandbox;
use sipgateio::sms::{ShortMessage, SmsCallerIdId, SmsExtensionId};
use sipgateio::voicemails::{GreetingRecording, IvrRecording};
use sipgateio::{
    AddressId, CallId, DeviceId, ExtensionId, FaxlineId, GreetingId, GroupId, HistoryEntryId,
    IvrId, NotificationId, NumberId, OauthClientId, Pagination, ParallelForwardingId, PhonelineId,
    RecordingId, Secret, SimId, VoicemailId, WebuserId,
};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const FRIEND: &str = "+4915739777777";
const VCARD: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dijkstra;Edsger;;;\r\nFN:Edsger Dijkstra\r\nTEL;TYPE=work:+31205550100\r\nEND:VCARD\r\n";

/// The committed API description (the facts file the sandbox serves).
fn description() -> Value {
    serde_json::from_str(include_str!("../../sipgateio-sandbox/api/sipgate-api.json"))
        .expect("the API description is JSON")
}

/// A request body of type `T` made from the description's schema of the same name (compared
/// without case and underscores: `CreateClientRequest` is `createClient_request`): its
/// fields with plausible values.
fn made_up<T: DeserializeOwned>() -> T {
    let d = description();
    let type_name = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or_default();
    let key = |name: &str| name.replace('_', "").to_ascii_lowercase();
    let schema = d["components"]["schemas"]
        .as_object()
        .and_then(|all| all.iter().find(|(name, _)| key(name) == key(type_name)))
        .map(|(_, schema)| schema.clone())
        .unwrap_or_else(|| panic!("no schema named {type_name} in the description"));
    let value = value_for(&d, &schema, "", 0);
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{type_name} from the description ({value}): {e}"))
}

fn value_for(d: &Value, schema: &Value, name: &str, depth: usize) -> Value {
    if let Some(reference) = schema["$ref"].as_str() {
        let target = reference.rsplit('/').next().unwrap_or_default();
        return value_for(d, &d["components"]["schemas"][target], name, depth);
    }
    if let Some(first) = schema["enum"].get(0) {
        return first.clone();
    }
    let lower = name.to_ascii_lowercase();
    match schema["type"].as_str() {
        Some("integer") => json!(schema["minimum"].as_i64().unwrap_or(1).max(1)),
        Some("number") => json!(1.0),
        Some("boolean") => json!(true),
        Some("array") => json!([value_for(d, &schema["items"], name, depth + 1)]),
        Some("string") if lower.contains("mail") => json!("walk@example.com"),
        Some("string") if lower.ends_with("url") || lower.ends_with("uri") => {
            json!("https://example.com/walk")
        }
        Some("string") if lower.contains("number") || lower.contains("phone") => {
            json!("+4921100000000")
        }
        Some("string") if lower.contains("base64") => json!("V0FMSw=="),
        Some("string") if lower.ends_with("id") => json!("p0"),
        Some("string") => json!("walk"),
        _ if depth > 6 => json!({}),
        _ => {
            let mut out = Map::new();
            for field in schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|p| p.0)
            {
                out.insert(
                    field.to_owned(),
                    value_for(d, &schema["properties"][field.as_str()], field, depth + 1),
                );
            }
            Value::Object(out)
        }
    }
}

/// What the walk saw go wrong.
#[derive(Default)]
struct Walk {
    failures: Vec<String>,
}

impl Walk {
    fn check<T>(&mut self, call: &str, result: sipgateio::Result<T>) {
        if let Err(e) = result {
            self.failures.push(format!("{call}: {e}"));
        }
    }
}

/// One SDK call: `walk!(w, client.part().function(args));`.
macro_rules! walk {
    ($w:ident, $call:expr) => {
        $w.check(stringify!($call), $call.await)
    };
}

/// The first item of a stream, as a result.
async fn first<T>(mut stream: sipgateio::ItemStream<T>) -> sipgateio::Result<Option<T>> {
    stream.next().await.transpose()
}

#[tokio::test]
async fn every_sdk_function_against_a_strict_sandbox() {
    let (sandbox, client) = common::start().await;
    let mut w = Walk::default();
    walk_everything(&mut w, &sandbox, &client).await;
    let answered = sandbox.answered_operations();
    let aliased = aliased_operations();
    let missing: Vec<&String> = aliased
        .iter()
        .filter(|id| !answered.contains(*id))
        .collect();
    assert!(
        w.failures.is_empty() && missing.is_empty(),
        "failed calls:\n{}\n\naliased operations the walk did not reach with a success:\n{}",
        w.failures.join("\n"),
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The operationIds of the description that some SDK function names in a
/// `#[doc(alias = "…")]` (the CLI, the sandbox and the test support are not SDK parts).
fn aliased_operations() -> BTreeSet<String> {
    let d = description();
    let operations: BTreeSet<String> = d["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .flat_map(|(_, item)| item.as_object().into_iter().flatten())
        .filter_map(|(_, op)| op["operationId"].as_str().map(str::to_owned))
        .collect();
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(&crates)
        .expect("the crates directory")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("sipgateio-")
            || [
                "sipgateio-cli",
                "sipgateio-sandbox",
                "sipgateio-test-support",
            ]
            .contains(&name.as_str())
        {
            continue;
        }
        scan(&entry.path().join("src"), &operations, &mut found);
    }
    found
}

fn scan(dir: &Path, operations: &BTreeSet<String>, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            scan(&path, operations, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for piece in text.split("#[doc(alias = \"").skip(1) {
                let alias = piece.split('"').next().unwrap_or_default();
                if operations.contains(alias) {
                    found.insert(alias.to_owned());
                }
            }
        }
    }
}

/// Every SDK function, one line each.
async fn walk_everything(w: &mut Walk, sandbox: &Sandbox, client: &Client) {
    let w0 = WebuserId::new("w0");
    let p0 = PhonelineId::new("p0");
    let v0 = VoicemailId::new("v0");
    let g0 = GroupId::new("g0");
    let e0 = DeviceId::new("e0");
    let f0 = FaxlineId::new("f0");

    // sipgateio-core.
    walk!(w, client.get_userinfo());
    walk!(w, client.get_authenticated_webuser_id());
    walk!(w, client.list_web_users());

    // sipgateio-webhook-settings.
    let settings = client.webhook_settings();
    walk!(w, settings.get());
    walk!(w, settings.set_incoming_url("https://example.com/walk/in"));
    walk!(w, settings.clear_incoming_url());
    walk!(w, settings.set_outgoing_url("https://example.com/walk/out"));
    walk!(w, settings.clear_outgoing_url());
    walk!(
        w,
        settings.set_whitelist([ExtensionId::new("p0"), ExtensionId::new("g0")])
    );
    walk!(w, settings.clear_whitelist());
    walk!(w, settings.disable_whitelist());
    walk!(w, settings.enable_log());
    walk!(w, settings.disable_log());

    // sipgateio-sms.
    let sms = client.sms();
    let s0 = SmsExtensionId::new("s0");
    let message = ShortMessage::via_extension(s0.clone(), FRIEND, "walk");
    walk!(w, sms.send(&message));
    walk!(
        w,
        sms.schedule(&message, Utc::now() + TimeDelta::minutes(5))
    );
    walk!(w, sms.list_extensions());
    walk!(w, sms.list_extensions_of(&w0));
    walk!(w, sms.set_extension_alias(&s0, "walk"));
    walk!(w, sms.set_extension_alias_of(&w0, &s0, "walk"));
    walk!(w, sms.create_caller_id(&s0, "+4917699999990"));
    walk!(w, sms.create_caller_id_of(&w0, &s0, "+4917699999991"));
    walk!(w, sms.list_caller_ids(&s0));
    let callers = sms.list_caller_ids_of(&w0, &s0).await.unwrap_or_default();
    walk!(w, sms.list_caller_ids_of(&w0, &s0));
    let caller = |number: &str| {
        callers
            .iter()
            .find(|c| c.phonenumber == number)
            .map(|c| c.id)
            .unwrap_or_else(|| SmsCallerIdId::new(0))
    };
    let (one, two) = (caller("+4917699999990"), caller("+4917699999991"));
    let code = |number: &str| sandbox.verification_code("s0", number).unwrap_or_default();
    walk!(w, sms.verify_caller_id(&s0, &one, &code("+4917699999990")));
    walk!(
        w,
        sms.verify_caller_id_of(&w0, &s0, &two, &code("+4917699999991"))
    );
    walk!(w, sms.set_default_caller_id(&s0, &one));
    walk!(w, sms.set_default_caller_id_of(&w0, &s0, &two));
    walk!(w, sms.delete_caller_id(&s0, &one));
    walk!(w, sms.delete_caller_id_of(&w0, &s0, &two));

    // sipgateio-call and sipgateio-rtcm.
    let call = client
        .call()
        .initiate(&NewCall::new("e0", FRIEND))
        .await
        .map(|session| session.session_id);
    walk!(w, client.call().initiate(&NewCall::new("e0", FRIEND)));
    let rtcm = client.rtcm();
    let call_id = call.unwrap_or_else(|_| CallId::new("0"));
    walk!(w, rtcm.list());
    walk!(w, rtcm.mute(&call_id));
    walk!(w, rtcm.unmute(&call_id));
    walk!(w, rtcm.hold(&call_id));
    walk!(w, rtcm.resume(&call_id));
    walk!(
        w,
        rtcm.start_recording(&call_id, RecordingAnnouncement::Play)
    );
    walk!(w, rtcm.stop_recording(&call_id));
    walk!(w, rtcm.announce(&call_id, "https://example.com/walk.wav"));
    walk!(w, rtcm.send_dtmf(&call_id, "12#"));
    walk!(
        w,
        rtcm.transfer(&call_id, "+4921100000001", Transfer::Blind)
    );
    let other = client.call().initiate(&NewCall::new("e0", FRIEND)).await;
    let other = other
        .map(|s| s.session_id)
        .unwrap_or_else(|_| CallId::new("0"));
    walk!(w, rtcm.hang_up(&other));

    // sipgateio-fax.
    let fax = client.fax();
    let sent = fax.send(&Fax::new(f0.clone(), FRIEND, PDF)).await;
    walk!(w, fax.send(&Fax::new(f0.clone(), FRIEND, PDF)));
    let session = sent
        .map(|s| s.session_id)
        .unwrap_or_else(|_| HistoryEntryId::new("0"));
    walk!(w, fax.resend(&session, None));
    walk!(w, fax.list_faxlines());
    walk!(w, fax.list_faxlines_of(&w0));
    walk!(w, fax.create_faxline());
    walk!(w, fax.create_faxline_of(&w0));
    walk!(w, fax.set_faxline_alias(&f0, "walk"));
    walk!(w, fax.set_faxline_alias_of(&w0, &f0, "walk"));
    walk!(w, fax.set_faxline_tagline(&f0, "walk"));
    walk!(w, fax.set_faxline_tagline_of(&w0, &f0, "walk"));
    walk!(w, fax.get_faxline_caller_id(&f0));
    walk!(w, fax.get_faxline_caller_id_of(&w0, &f0));
    walk!(w, fax.set_faxline_caller_id(&f0, "+4921100000000"));
    walk!(w, fax.set_faxline_caller_id_of(&w0, &f0, "+4921100000000"));
    walk!(w, fax.list_faxline_numbers(&f0));
    walk!(w, fax.list_faxline_numbers_of(&w0, &f0));
    walk!(w, fax.delete_faxline(&FaxlineId::new("f9")));
    walk!(w, fax.delete_faxline_of(&w0, &FaxlineId::new("f8")));

    // sipgateio-history.
    let history = client.history();
    let filter = HistoryFilter::new();
    let entries = history.list(&filter, Pagination::first(10)).await;
    let ids: Vec<HistoryEntryId> = entries
        .map(|page| page.items.into_iter().map(|e| e.id().clone()).collect())
        .unwrap_or_default();
    let entry = |i: usize| {
        ids.get(i)
            .cloned()
            .unwrap_or_else(|| HistoryEntryId::new("0"))
    };
    walk!(w, history.list(&filter, Pagination::first(10)));
    walk!(w, first(history.stream(&filter)));
    walk!(w, first(history.stream_with(&filter, StreamOptions::new())));
    walk!(w, history.get(&entry(0)));
    walk!(
        w,
        history.update(&entry(0), &HistoryEntryUpdate::new().starred(true))
    );
    walk!(
        w,
        history.update_many([(entry(0), HistoryEntryUpdate::new().read(true))])
    );
    walk!(w, history.archive(&entry(0)));
    walk!(w, history.unarchive(&entry(0)));
    walk!(w, history.mark_read(&entry(0)));
    walk!(w, history.mark_unread(&entry(0)));
    walk!(w, history.set_note(&entry(0), "walk"));
    walk!(w, history.export_csv(&filter, Pagination::first(10)));
    let mut csv = Vec::new();
    walk!(
        w,
        history.export_csv_to(&filter, Pagination::first(10), &mut csv)
    );
    walk!(w, history.delete(&entry(1)));
    walk!(w, history.delete_many(&[entry(2)]));

    // sipgateio-contacts.
    let contacts = client.contacts();
    let all = ListOptions::new();
    let ada = NewContact::new("Ada", "Byron").number(PhoneNumber::new("+4921163553355"));
    walk!(w, contacts.create(&ada, CreateScope::Private));
    walk!(
        w,
        contacts.import_csv("firstname,lastname,number\nKatherine,Johnson,+4930111222333\n")
    );
    let rows = parse_csv("number,firstname,lastname\n+4930444555666,Margaret,Hamilton\n");
    if let Ok(rows) = rows {
        walk!(w, contacts.import_csv_rows(&rows));
    }
    walk!(w, contacts.import_vcard(VCARD, CreateScope::Shared));
    walk!(
        w,
        contacts.import_google(&Secret::new("google-access-token"))
    );
    walk!(w, contacts.list(ScopeFilter::All, &all));
    walk!(w, first(contacts.stream(ScopeFilter::All, &all)));
    walk!(w, contacts.list_internal());
    walk!(w, contacts.export_csv(ScopeFilter::All, ';', &all));
    walk!(w, contacts.export_import_csv(ScopeFilter::All, &all));
    walk!(w, contacts.export_json(ScopeFilter::All, &all));
    walk!(w, contacts.export_vcards(ScopeFilter::All, &all));
    walk!(w, contacts.export_address_book(ScopeFilter::All, &all));
    let listed = contacts
        .list(ScopeFilter::Private, &all)
        .await
        .map(|page| page.items);
    let mut listed = listed.unwrap_or_default().into_iter();
    if let Some(contact) = listed.next() {
        walk!(w, contacts.update(&contact));
        walk!(w, contacts.delete(&contact.id));
    }
    walk!(w, contacts.delete_all_private());

    // sipgateio-devices.
    let devices = client.devices();
    walk!(w, devices.list());
    walk!(w, devices.list_of(&w0));
    walk!(w, devices.get(&e0));
    walk!(w, devices.create(NewDeviceType::Register, "walk"));
    walk!(w, devices.create_of(&w0, NewDeviceType::Mobile, "walk"));
    walk!(w, devices.create_register("walk"));
    walk!(w, devices.create_register_of(&w0, "walk"));
    walk!(w, devices.create_mobile("walk"));
    walk!(w, devices.create_mobile_of(&w0, "walk"));
    walk!(w, devices.create_external("walk", "+4921100000002"));
    walk!(w, devices.create_external_of(&w0, "walk", "+4921100000002"));
    walk!(w, devices.update(&e0, &DeviceUpdate::new().dnd(true)));
    walk!(w, devices.set_alias(&e0, "walk"));
    walk!(w, devices.get_caller_id(&e0));
    walk!(w, devices.set_caller_id(&e0, "+4921100000000"));
    walk!(w, devices.reset_password(&e0));
    walk!(
        w,
        devices.set_incoming_call_display(&e0, DisplayNumber::Caller)
    );
    walk!(w, devices.set_target_number(&e0, "+4921100000002"));
    walk!(w, devices.get_local_prefix(&e0));
    walk!(w, devices.enable_local_prefix(&e0, "0211"));
    walk!(w, devices.disable_local_prefix(&e0));
    walk!(w, devices.get_single_row_display(&e0));
    walk!(w, devices.enable_single_row_display(&e0));
    walk!(w, devices.disable_single_row_display(&e0));
    walk!(w, devices.get_tariff_announcement(&e0));
    walk!(w, devices.enable_tariff_announcement(&e0));
    walk!(w, devices.disable_tariff_announcement(&e0));
    walk!(w, devices.list_contingents(&e0));
    walk!(w, devices.list_contingents_of(&w0, &e0));
    walk!(w, devices.activate_sim(&e0, &SimId::new("1")));
    walk!(w, devices.activate_sim_of(&w0, &e0, &SimId::new("1")));
    walk!(w, devices.deactivate_sim(&e0));
    walk!(w, devices.deactivate_sim_of(&w0, &e0));
    walk!(w, devices.order_sim(&e0, &AddressId::new("1")));
    walk!(w, devices.order_sim_of(&w0, &e0, &AddressId::new("1")));
    walk!(w, devices.delete(&DeviceId::new("x9")));

    // sipgateio-numbers.
    let numbers = client.numbers();
    let number = numbers
        .list(Pagination::first(10))
        .await
        .map(|page| page.items);
    let number_id = number
        .ok()
        .and_then(|n| n.into_iter().next())
        .map(|n| n.id)
        .unwrap_or_else(|| NumberId::new("0"));
    walk!(w, numbers.list(Pagination::first(10)));
    walk!(w, first(numbers.stream(10)));
    walk!(
        w,
        numbers.update(&number_id, &NumberSettings::new(ExtensionId::new("p0")))
    );
    walk!(w, numbers.list_user_numbers());
    walk!(w, numbers.list_user_numbers_of(&w0));
    walk!(w, numbers.check_quick_dial("10"));
    walk!(w, numbers.create_quick_dial("10"));
    walk!(w, numbers.create_quick_dial_of(&w0, "11"));
    walk!(w, numbers.update_quick_dial(&NumberId::new("1"), "12"));
    walk!(
        w,
        numbers.update_quick_dial_of(&w0, &NumberId::new("1"), "13")
    );
    walk!(w, numbers.delete_quick_dial(&NumberId::new("1")));

    // sipgateio-voicemails.
    let voicemails = client.voicemails();
    walk!(w, voicemails.list());
    walk!(w, voicemails.get(&v0));
    walk!(
        w,
        voicemails.record_greeting(&GreetingRecording::new(e0.clone(), v0.clone()))
    );
    walk!(
        w,
        voicemails.record_ivr_message(&IvrRecording::new(e0.clone(), IvrId::new("h0")))
    );
    walk!(w, voicemails.play_recording(&e0, &RecordingId::new("1")));

    // sipgateio-account (generated): every function, in the generator's order.
    let account = client.account();
    // Deleting deletes (the sandbox keeps the account): the walk deletes two lines it made
    // and the other user, so the seeded ones stay for the calls after.
    let mut spare_lines = Vec::new();
    for _ in 0..2 {
        let line = account.create_phoneline().await.ok().and_then(|l| l.id);
        spare_lines.push(line.unwrap_or_else(|| PhonelineId::new("p9")));
    }
    let w1 = WebuserId::new("w1");
    walk!(
        w,
        account.add_device_to_group(&g0, &made_up::<RouteDeviceRequest>())
    ); // addDeviceToGroup
    walk!(
        w,
        account.add_device_to_phoneline_of(&w0, &p0, &made_up::<RouteDeviceRequest>())
    ); // addDeviceToPhoneline
    walk!(
        w,
        account.add_device_to_phoneline(&p0, &made_up::<RouteDeviceRequest>())
    ); // addDeviceToPhoneline
    walk!(
        w,
        account.create_autorecording_greeting(&made_up::<AddGreetingRequest>())
    ); // addAutorecordingGreeting
    walk!(
        w,
        account.create_email_notification_for_call_of(
            &w0,
            &made_up::<AddCallEmailNotificationRequest>()
        )
    ); // createEmailNotificationForCall
    walk!(
        w,
        account.create_email_notification_for_call(&made_up::<AddCallEmailNotificationRequest>())
    ); // createEmailNotificationForCall
    walk!(
        w,
        account.create_fax_email_notification_of(&w0, &made_up::<AddFaxEmailNotificationRequest>())
    ); // addFaxEmailNotification
    walk!(
        w,
        account.create_fax_email_notification(&made_up::<AddFaxEmailNotificationRequest>())
    ); // addFaxEmailNotification
    walk!(
        w,
        account.create_fax_report_email_notification_of(
            &w0,
            &made_up::<AddFaxReportEmailNotificationRequest>()
        )
    ); // addFaxReportEmailNotification
    walk!(
        w,
        account.create_fax_report_email_notification(&made_up::<
            AddFaxReportEmailNotificationRequest,
        >())
    ); // addFaxReportEmailNotification
    walk!(
        w,
        account.create_fax_sms_notification_of(&w0, &made_up::<AddFaxSmsNotificationRequest>())
    ); // addFaxSmsNotification
    walk!(
        w,
        account.create_fax_sms_notification(&made_up::<AddFaxSmsNotificationRequest>())
    ); // addFaxSmsNotification
    walk!(
        w,
        account.create_incoming_entry(&made_up::<IncomingEntry>())
    ); // addIncomingEntry
    walk!(
        w,
        account.create_oauth_client(&made_up::<CreateClientRequest>())
    ); // createClient
    walk!(
        w,
        account.create_parallel_forwarding_of(&w0, &p0, &made_up::<SetParallelForwardingRequest>())
    ); // addParallelForwarding
    walk!(
        w,
        account.create_parallel_forwarding(&p0, &made_up::<SetParallelForwardingRequest>())
    ); // addParallelForwarding
    walk!(w, account.create_phoneline_of(&w0)); // createPhoneline
    walk!(w, account.create_phoneline()); // createPhoneline
    walk!(
        w,
        account.create_phoneline_voicemail_greeting_of(
            &w0,
            &p0,
            &v0,
            &made_up::<AddGreetingRequest>()
        )
    ); // addGreeting
    walk!(
        w,
        account.create_phoneline_voicemail_greeting(&p0, &v0, &made_up::<AddGreetingRequest>())
    ); // addGreeting
    walk!(
        w,
        account.create_sms_email_notification_of(&w0, &made_up::<AddSmsEmailNotificationRequest>())
    ); // addSmsEmailNotification
    walk!(
        w,
        account.create_sms_email_notification(&made_up::<AddSmsEmailNotificationRequest>())
    ); // addSmsEmailNotification
    walk!(
        w,
        account
            .create_sms_notification_for_call_of(&w0, &made_up::<AddCallSmsNotificationRequest>())
    ); // createSmsNotificationForCall
    walk!(
        w,
        account.create_sms_notification_for_call(&made_up::<AddCallSmsNotificationRequest>())
    ); // createSmsNotificationForCall
    walk!(
        w,
        account.create_voicemail_email_notification_of(
            &w0,
            &made_up::<AddVoicemailEmailVoicemailNotificationRequest>()
        )
    ); // addVoicemailEmailNotification
    walk!(
        w,
        account.create_voicemail_email_notification(&made_up::<
            AddVoicemailEmailVoicemailNotificationRequest,
        >())
    ); // addVoicemailEmailNotification
    walk!(
        w,
        account.create_voicemail_sms_notification_of(
            &w0,
            &made_up::<AddVoicemailSmslVoicemailNotificationRequest>()
        )
    ); // addVoicemailSmsNotification
    walk!(
        w,
        account.create_voicemail_sms_notification(&made_up::<
            AddVoicemailSmslVoicemailNotificationRequest,
        >())
    ); // addVoicemailSmsNotification
    walk!(
        w,
        account.delete_autorecording_greeting(&GreetingId::new("1"))
    ); // deleteGreeting
    walk!(w, account.delete_incoming_entry("+4921100000000")); // removeIncomingEntry
    walk!(
        w,
        account.delete_notification_of(&w0, &NotificationId::new("1"))
    ); // deleteNotification
    walk!(w, account.delete_notification(&NotificationId::new("1"))); // deleteNotification
    walk!(w, account.delete_oauth_client(&OauthClientId::new("1"))); // deleteClient
    walk!(
        w,
        account.delete_parallel_forwarding_of(&w0, &p0, &ParallelForwardingId::new("1"))
    ); // deleteParallelForwardingSettings
    walk!(
        w,
        account.delete_parallel_forwarding(&p0, &ParallelForwardingId::new("1"))
    ); // deleteParallelForwardingSettings
    walk!(w, account.delete_phoneline_of(&w0, &spare_lines[0])); // deletePhoneline
    walk!(w, account.delete_phoneline(&spare_lines[1])); // deletePhoneline
    walk!(
        w,
        account.delete_phoneline_voicemail_greeting_of(&w0, &p0, &v0, &GreetingId::new("1"))
    ); // deletePhonlineVoicemailGreeting
    walk!(
        w,
        account.delete_phoneline_voicemail_greeting(&p0, &v0, &GreetingId::new("1"))
    ); // deletePhonlineVoicemailGreeting
    walk!(w, account.delete_user(&w1)); // deleteUser
    walk!(w, account.get_account()); // getAccount
    walk!(w, account.get_address(1)); // getAddress
    walk!(w, account.get_address_count()); // getItemCount
    walk!(w, account.get_autorecording_greeting()); // getGreeting
    walk!(
        w,
        account.get_autorecording_setting(&ExtensionId::new("p0"))
    ); // getSetting
    walk!(w, account.get_balance()); // getBalance
    walk!(w, account.get_block_anonymous_setting_of(&w0, &p0)); // getBlockAnonymousSetting
    walk!(w, account.get_block_anonymous_setting(&p0)); // getBlockAnonymousSetting
    walk!(w, account.get_call_restrictions(std::slice::from_ref(&w0))); // getCallRestrictions
    walk!(w, account.get_group(&g0)); // getGroup
    walk!(w, account.get_group_faxline_caller_id(&f0)); // getGroupFaxlineCallerId
    walk!(w, account.get_oauth_client(&OauthClientId::new("1"))); // getClient
    walk!(
        w,
        account.get_oauth_client_gdpr_urls(&OauthClientId::new("1"))
    ); // getGdprUrls
    walk!(w, account.get_phoneline_of(&w0, &p0)); // getPhoneline
    walk!(w, account.get_phoneline(&p0)); // getPhoneline
    walk!(w, account.get_porting(1)); // getPorting
    walk!(w, account.get_sipgate_io_settings_of(&w0, &p0)); // getSipgateIoSettings
    walk!(w, account.get_sipgate_io_settings(&p0)); // getSipgateIoSettings
    walk!(w, account.get_urls()); // getUrls
    walk!(w, account.get_user(&w0)); // getUser
    walk!(w, account.list_address_numbers(1)); // getAddressNumbers
    walk!(w, account.list_addresses()); // getAddresses
    walk!(w, account.list_group_faxline_numbers(&f0)); // getGroupFaxlineNumbers
    walk!(w, account.list_group_faxlines(&g0)); // getGroupFaxlines
    walk!(w, account.list_group_faxlines_for_user(Some(&w0))); // getGroupFaxlinesForUser
    walk!(w, account.list_group_numbers(&g0)); // getGroupNumbers
    walk!(w, account.list_group_users(&g0)); // getGroupUsers
    walk!(w, account.list_group_voicemails(&g0)); // getGroupVoicemail
    walk!(w, account.list_groups(Some(&w0))); // getGroups
    walk!(w, account.list_incoming_entries()); // getIncomingEntries
    walk!(w, account.list_notifications_of(&w0)); // getNotifications
    walk!(w, account.list_notifications()); // getNotifications
    walk!(w, account.list_oauth_clients()); // getClients
    walk!(w, account.list_phoneline_devices_of(&w0, &p0)); // getDevicesForPhoneline
    walk!(w, account.list_phoneline_devices(&p0)); // getDevicesForPhoneline
    walk!(w, account.list_phoneline_forwardings_of(&w0, &p0)); // getPhonelineForwardings
    walk!(w, account.list_phoneline_forwardings(&p0)); // getPhonelineForwardings
    walk!(w, account.list_phoneline_numbers_of(&w0, &p0)); // getPhonelineNumbers
    walk!(w, account.list_phoneline_numbers(&p0)); // getPhonelineNumbers
    walk!(w, account.list_phoneline_parallel_forwardings_of(&w0, &p0)); // getPhonelineParallelForwardings
    walk!(w, account.list_phoneline_parallel_forwardings(&p0)); // getPhonelineParallelForwardings
    walk!(
        w,
        account.list_phoneline_voicemail_greetings_of(&w0, &p0, &v0)
    ); // getPhonelineVoicemailGreetings
    walk!(w, account.list_phoneline_voicemail_greetings(&p0, &v0)); // getPhonelineVoicemailGreetings
    walk!(w, account.list_phoneline_voicemails_of(&w0, &p0)); // getPhonelineVoicemails
    walk!(w, account.list_phoneline_voicemails(&p0)); // getPhonelineVoicemails
    walk!(w, account.list_phonelines_of(&w0)); // getPhonelines
    walk!(w, account.list_phonelines()); // getPhonelines
    walk!(w, account.list_portings()); // getPortings
    walk!(w, account.list_sipgate_io_logs_of(&w0, &p0)); // getSipgateIoLogs
    walk!(w, account.list_sipgate_io_logs(&p0)); // getSipgateIoLogs
    walk!(w, account.list_webhooks_log()); // getWebhooksLog
    walk!(w, account.remove_device_from_group(&g0, &e0)); // removeDeviceFromGroup
    walk!(w, account.remove_device_from_phoneline_of(&w0, &p0, &e0)); // removeDeviceFromPhoneline
    walk!(w, account.remove_device_from_phoneline(&p0, &e0)); // removeDeviceFromPhoneline
    walk!(
        w,
        account.request_password_reset(&made_up::<RequestPasswordResetRequest>())
    ); // requestPasswordReset
    walk!(
        w,
        account.reset_password("n0nce", &made_up::<ChangePasswordRequest>())
    ); // changePassword
    walk!(w, account.revoke_porting(1)); // revokePorting
    walk!(
        w,
        account.set_block_anonymous_setting_of(
            &w0,
            &p0,
            &made_up::<SetBlockAnonymousSettingsRequest>()
        )
    ); // setBlockAnonymousSetting
    walk!(
        w,
        account.set_block_anonymous_setting(&p0, &made_up::<SetBlockAnonymousSettingsRequest>())
    ); // setBlockAnonymousSetting
    walk!(
        w,
        account.set_busy_on_busy_setting(&w0, &made_up::<SetBusyOnBusySettingsRequest>())
    ); // setBusyOnBusySetting
    walk!(
        w,
        account.set_call_restriction_of(&w0, "n0nce", &made_up::<SetCallRestrictionRequest>())
    ); // setCallRestriction
    walk!(
        w,
        account.set_call_restriction("n0nce", &made_up::<SetCallRestrictionRequest>())
    ); // setCallRestriction
    walk!(
        w,
        account.set_default_device(&w0, &made_up::<SetDefaultDeviceRequest>())
    ); // setDefaultDevice
    walk!(
        w,
        account.set_location(&w0, &made_up::<SetLocationRequest>())
    ); // setLocation
    walk!(
        w,
        account.set_phoneline_alias_of(&w0, &p0, &made_up::<SetAliasRequest>())
    ); // setPhonelineAlias
    walk!(
        w,
        account.set_phoneline_alias(&p0, &made_up::<SetAliasRequest>())
    ); // setPhonelineAlias
    walk!(
        w,
        account.set_phoneline_forwarding_settings_of(&w0, &p0, &made_up::<SetForwardingsRequest>())
    ); // setPhonelineForwardingSettings
    walk!(
        w,
        account.set_phoneline_forwarding_settings(&p0, &made_up::<SetForwardingsRequest>())
    ); // setPhonelineForwardingSettings
    walk!(w, account.set_role(&w0, &made_up::<SetUserRoleRequest>())); // setRole
    walk!(
        w,
        account.set_sipgate_io_settings_of(
            &w0,
            &p0,
            &made_up::<SetSipgateIoPhonelineSettingsRequest>()
        )
    ); // setSipgateIoSettings
    walk!(
        w,
        account.set_sipgate_io_settings(&p0, &made_up::<SetSipgateIoPhonelineSettingsRequest>())
    ); // setSipgateIoSettings
    walk!(
        w,
        account.update_address(1, &made_up::<ModifyAddressRequest>())
    ); // modifyAddress
    walk!(
        w,
        account.update_autorecording_setting(
            &ExtensionId::new("p0"),
            &made_up::<RecordingSettingsIncomingRequest>()
        )
    ); // updateSetting
    walk!(
        w,
        account.update_oauth_client(&OauthClientId::new("1"), &made_up::<CreateClientRequest>())
    ); // updateClient
    walk!(
        w,
        account.update_parallel_forwarding_of(
            &w0,
            &p0,
            &ParallelForwardingId::new("1"),
            &made_up::<SetParallelForwardingRequest>()
        )
    ); // changeParallelForwardingSettings
    walk!(
        w,
        account.update_parallel_forwarding(
            &p0,
            &ParallelForwardingId::new("1"),
            &made_up::<SetParallelForwardingRequest>()
        )
    ); // changeParallelForwardingSettings
    walk!(
        w,
        account.update_phoneline_voicemail_greeting_of(
            &w0,
            &p0,
            &v0,
            &GreetingId::new("1"),
            &made_up::<ChangeVoicemailGreetingRequest>()
        )
    ); // changePhonelineVoicemailGreeting
    walk!(
        w,
        account.update_phoneline_voicemail_greeting(
            &p0,
            &v0,
            &GreetingId::new("1"),
            &made_up::<ChangeVoicemailGreetingRequest>()
        )
    ); // changePhonelineVoicemailGreeting
    walk!(
        w,
        account.update_phoneline_voicemail_transcription_setting_of(
            &w0,
            &p0,
            &v0,
            &made_up::<ChangeVoicemailTranscriptionRequest>()
        )
    ); // changePhonelineVoicemailTranscriptionSetting
    walk!(
        w,
        account.update_phoneline_voicemail_transcription_setting(
            &p0,
            &v0,
            &made_up::<ChangeVoicemailTranscriptionRequest>()
        )
    ); // changePhonelineVoicemailTranscriptionSetting
    walk!(
        w,
        account.update_voicemail_settings_of(&w0, &p0, &v0, &made_up::<ChangeVoicemailRequest>())
    ); // changeVoicemailSettings
    walk!(
        w,
        account.update_voicemail_settings(&p0, &v0, &made_up::<ChangeVoicemailRequest>())
    ); // changeVoicemailSettings
    walk!(
        w,
        account.verify_account(&made_up::<AccountVerificationRequest>())
    ); // verify
}
