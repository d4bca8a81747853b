//! End to end through the facade against the sandbox: every public function of every REST
//! crate at least once, asserting what the SDK returns and what the sandbox recorded.

mod common;

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use futures_util::TryStreamExt as _;
use sipgateio::account::PhonelineId;
use sipgateio::call::{DeviceId, NewCall};
use sipgateio::contacts::{
    CreateScope, ListOptions, NewContact, PhoneNumber, ScopeFilter, parse_csv,
};
use sipgateio::devices::WebuserId;
use sipgateio::fax::{Fax, FaxStatus, PollOptions};
use sipgateio::history::{
    EntryType, HistoryEntry, HistoryEntryId, HistoryEntryUpdate, HistoryFilter, StreamOptions,
};
use sipgateio::prelude::*;
use sipgateio::rtcm::{RecordingAnnouncement, Transfer};
use sipgateio::sms::{ShortMessage, SmsCallerIdId, SmsExtensionId};
use sipgateio::voicemails::VoicemailId;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const FRIEND: &str = "+4915739777777";

#[tokio::test]
async fn core_and_account_read_the_users() {
    let (sandbox, client) = common::start().await;
    let info = client.get_userinfo().await.expect("userinfo");
    assert_eq!(info.sub, "w0");
    assert_eq!(
        client.get_authenticated_webuser_id().await.expect("me"),
        "w0"
    );
    let users = client.list_web_users().await.expect("users");
    let ids: Vec<_> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["w0", "w1"]);
    assert_eq!(users[0].firstname, "Ada");
    assert!(users[0].admin);

    let account = client.account();
    let ada = WebuserId::new("w0");
    // `GET /users` is core's (`list_web_users` above); account reads one web user
    let alan = account.get_user(&users[1].id).await.expect("w1");
    assert_eq!(alan.id, Some(WebuserId::new("w1")));
    assert_eq!(alan.firstname.as_deref(), Some("Alan"));
    let balance = account.get_balance().await.expect("balance");
    assert!(balance.currency.is_some());
    let company = account.get_account().await.expect("account");
    assert!(company.company.is_some());
    assert_eq!(company.verified, Some(true));
    // for me (w0), and for a given web user
    let lines = account.list_phonelines().await.expect("phonelines");
    let lines = lines.items.expect("items");
    assert_eq!(lines.len(), 1);
    let p0 = PhonelineId::new("p0");
    assert_eq!(lines[0].id.as_ref(), Some(&p0));
    let of_ada = account.list_phonelines_of(&ada).await.expect("phonelines");
    assert_eq!(of_ada.items.expect("items"), lines);
    let line = account.get_phoneline_of(&ada, &p0).await.expect("p0");
    assert_eq!(line.alias.as_deref(), Some("Ada Lovelace"));
    assert_eq!(line.voicemails.expect("voicemails").len(), 1);
    let numbers = account.list_phoneline_numbers(&p0).await.expect("numbers");
    let numbers = numbers.items.expect("items");
    assert_eq!(numbers[0].number.as_deref(), Some("+4921100000000"));
    let devices = account
        .list_phoneline_devices_of(&ada, &p0)
        .await
        .expect("devices");
    assert_eq!(devices.items.expect("items").len(), 3);
    let boxes = account
        .list_phoneline_voicemails(&p0)
        .await
        .expect("voicemails");
    assert_eq!(
        boxes.items.expect("items")[0].id,
        Some(VoicemailId::new("v0"))
    );
    let rename = sipgateio::account::models::SetAliasRequest {
        alias: Some("Front desk".into()),
    };
    account
        .set_phoneline_alias(&p0, &rename)
        .await
        .expect("renamed");
    let line = account.get_phoneline(&p0).await.expect("p0");
    assert_eq!(line.alias.as_deref(), Some("Front desk"));
    let error = account
        .get_phoneline_of(&ada, &PhonelineId::new("p1"))
        .await
        .expect_err("Alan's line");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");

    // The incoming blacklist.
    assert!(
        account
            .list_incoming_entries()
            .await
            .expect("blacklist")
            .items
            .unwrap_or_default()
            .is_empty()
    );
    let entry = sipgateio::account::models::IncomingEntry {
        phone_number: "+4930123456".into(),
        is_block: Some(true),
    };
    let added = account.create_incoming_entry(&entry).await.expect("added");
    assert_eq!(added, entry);
    let blocked = account
        .list_incoming_entries()
        .await
        .expect("blacklist")
        .items
        .expect("items");
    assert_eq!(blocked[0].phone_number, "+4930123456");
    account
        .delete_incoming_entry("+4930123456")
        .await
        .expect("removed");
    let error = account
        .delete_incoming_entry("+4930123456")
        .await
        .expect_err("gone");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(
        error.to_string().contains("no such `phoneNumber`"),
        "{error}"
    );

    let wrong = Client::builder()
        .personal_access_token("token-AAAAAA", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(sandbox.base_url())
        .build()
        .expect("valid configuration");
    let error = wrong.list_web_users().await.expect_err("wrong token");
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    let error = account
        .get_user(&WebuserId::new("w9"))
        .await
        .expect_err("unknown user");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn numbers_devices_and_voicemails() {
    let (_sandbox, client) = common::start().await;
    let page = client
        .numbers()
        .list(Pagination::new(1, 2))
        .await
        .expect("page");
    assert_eq!(page.items.len(), 2);
    assert_eq!(
        page.total_count, None,
        "sipgate gives no totalCount for numbers"
    );
    assert_eq!(page.items[0].number, "+4921100000001");
    let all: Vec<_> = client
        .numbers()
        .stream(2)
        .try_collect()
        .await
        .expect("stream");
    assert_eq!(all.len(), 5, "three pages of at most two");
    assert_eq!(all[1].number, page.items[0].number);

    let devices = client
        .devices()
        .list_of(&WebuserId::new("w0"))
        .await
        .expect("devices");
    let ids: Vec<_> = devices.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["e0", "x0", "y0"]);
    assert_eq!(devices[0].active_phonelines[0].id, "p0");
    let error = client
        .devices()
        .list_of(&WebuserId::new("w9"))
        .await
        .expect_err("unknown user");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");

    let boxes = client.voicemails().list().await.expect("voicemails");
    let ids: Vec<_> = boxes.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["v0", "v1"]);
    let v1 = client
        .voicemails()
        .get(&VoicemailId::new("v1"))
        .await
        .expect("v1");
    assert_eq!(v1.alias, "Alan's voicemail");
    assert_eq!(v1.belongs_to_endpoint.extension, "p1");
}

#[tokio::test]
async fn sms_sending_scheduling_and_caller_ids() {
    let (sandbox, client) = common::start().await;
    let sms = client.sms();
    let mine = sms.list_extensions().await.expect("mine");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, "s0");
    let w0 = WebuserId::new("w0");
    assert_eq!(sms.list_extensions_of(&w0).await.expect("of w0"), mine);
    let s0 = SmsExtensionId::new("s0");

    sms.set_extension_alias(&s0, "Tour SMS")
        .await
        .expect("renamed");
    assert_eq!(
        sms.list_extensions_of(&w0).await.expect("again")[0].alias,
        "Tour SMS"
    );
    sms.set_extension_alias_of(&w0, &s0, "Tour SMS of w0")
        .await
        .expect("renamed");
    assert_eq!(
        sms.list_extensions().await.expect("again")[0].alias,
        "Tour SMS of w0"
    );

    // A new sender number: register, verify with the code "sent" to it, make it the default.
    let number = "+4917699999999";
    sms.create_caller_id_of(&w0, &s0, number)
        .await
        .expect("added");
    let code = sandbox
        .verification_code("s0", number)
        .expect("a code was sent");
    let added = sms
        .list_caller_ids_of(&w0, &s0)
        .await
        .expect("caller ids")
        .into_iter()
        .find(|c| c.phonenumber == number)
        .expect("listed");
    assert!(!added.verified);
    sms.verify_caller_id(&s0, &added.id, &code)
        .await
        .expect("verified");
    sms.set_default_caller_id_of(&w0, &s0, &added.id)
        .await
        .expect("default");
    let ids = sms.list_caller_ids(&s0).await.expect("caller ids");
    let now_default = ids.iter().find(|c| c.default_number).expect("a default");
    assert_eq!(now_default.phonenumber, number);
    assert!(now_default.verified);
    let unverified = ids.iter().find(|c| !c.verified).expect("one unverified");
    sms.delete_caller_id(&s0, &unverified.id)
        .await
        .expect("deleted");
    assert_eq!(sandbox.sms_caller_ids("s0").len(), ids.len() - 1);
    // The other half of each pair, on what is left.
    let previous = ids
        .iter()
        .find(|c| c.verified && !c.default_number)
        .expect("the previous default");
    sms.set_default_caller_id(&s0, &previous.id)
        .await
        .expect("default again");
    let default = sandbox
        .sms_caller_ids("s0")
        .into_iter()
        .find(|c| c.default_number);
    assert_eq!(
        default.map(|c| c.phonenumber),
        Some(previous.phonenumber.clone())
    );
    sms.create_caller_id(&s0, "+4917688888888")
        .await
        .expect("added");
    let pending = sandbox
        .sms_caller_ids("s0")
        .into_iter()
        .find(|c| c.phonenumber == "+4917688888888")
        .expect("registered");
    let pending = SmsCallerIdId::new(pending.id.into());
    let code = sandbox
        .verification_code("s0", "+4917688888888")
        .expect("a code was sent");
    sms.verify_caller_id_of(&w0, &s0, &pending, &code)
        .await
        .expect("verified");
    sms.delete_caller_id_of(&w0, &s0, &pending)
        .await
        .expect("deleted");
    assert_eq!(sandbox.sms_caller_ids("s0").len(), ids.len() - 1);

    sms.send(&ShortMessage::via_extension(s0.clone(), FRIEND, "Hello"))
        .await
        .expect("sent");
    let at = Utc::now() + TimeDelta::hours(2);
    sms.schedule(
        &ShortMessage::via_extension(s0.clone(), FRIEND, "Later"),
        at,
    )
    .await
    .expect("scheduled");
    let sent = sandbox.sent_sms();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        (sent[0].recipient.as_str(), sent[0].message.as_str()),
        (FRIEND, "Hello")
    );
    assert_eq!(sent[0].send_at, None);
    assert_eq!(sent[1].send_at.map(|t| t.timestamp()), Some(at.timestamp()));

    sandbox.set_no_credit(true);
    let error = sms
        .send(&ShortMessage::via_extension(s0, FRIEND, "No money"))
        .await
        .expect_err("no credit");
    assert!(matches!(error, Error::PaymentRequired(_)), "{error:?}");
    assert_eq!(sandbox.sent_sms().len(), 2);
}

#[tokio::test]
async fn fax_send_wait_status_and_resend() {
    let (sandbox, client) = common::start().await;
    let fax = client.fax();
    let lines = fax.list_faxlines().await.expect("faxlines");
    assert_eq!(lines.len(), 1);
    assert_eq!(
        fax.list_faxlines_of(&sipgateio::fax::WebuserId::new("w0"))
            .await
            .expect("of w0"),
        lines
    );
    let line = &lines[0];
    assert!(line.can_send);

    let session = fax
        .send(&Fax::new(line.id.clone(), "+4921100000123", PDF).filename("letter.pdf"))
        .await
        .expect("sent");
    let quick = PollOptions::default()
        .initial_interval(Duration::from_millis(10))
        .max_interval(Duration::from_millis(50));
    let status = fax
        .wait_until_done_with(&session.session_id, Duration::from_secs(10), quick)
        .await
        .expect("done");
    assert_eq!(status, FaxStatus::Sent);
    assert_eq!(
        fax.get_status(&session.session_id).await.expect("status"),
        FaxStatus::Sent
    );
    let faxes = sandbox.faxes();
    assert_eq!(faxes.len(), 1);
    assert_eq!(
        (faxes[0].content.as_slice(), faxes[0].filename.as_str()),
        (PDF, "letter.pdf")
    );
    assert_eq!(faxes[0].status, "SENT");

    // The sandbox's failing recipient: FAILED, then resent.
    let failing = fax
        .send(&Fax::new(line.id.clone(), "+4921100000666", PDF))
        .await
        .expect("sent");
    // The sandbox ages faxes by the wall clock (std::time::Instant, 20 ms steps here), which a
    // paused tokio clock does not move, over real sockets: after 100 ms of real time the fax
    // has failed, so wait_until_done's first poll (it polls at once, then every 2 s by
    // default) finds the end state. Bounded: one 100 ms wait.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let status = fax
        .wait_until_done(&failing.session_id, Duration::from_secs(10))
        .await
        .expect("done");
    assert_eq!(status, FaxStatus::Failed);
    let again = fax
        .resend(&failing.session_id, Some(&line.id))
        .await
        .expect("resent")
        .expect("a new session");
    assert_ne!(again.session_id, failing.session_id);
    assert_eq!(sandbox.faxes().len(), 3);
}

#[tokio::test]
async fn calls_and_real_time_call_manipulation() {
    let (sandbox, client) = common::start().await;
    let session = client
        .call()
        .initiate(
            &NewCall::new("+4921100000000", FRIEND)
                .device_id(DeviceId::new("e0"))
                .caller_id("+4921100000000"),
        )
        .await
        .expect("initiated");
    let initiated = sandbox.initiated_calls();
    assert_eq!(initiated.len(), 1);
    assert_eq!(initiated[0].callee, FRIEND);
    assert_eq!(initiated[0].device_id.as_deref(), Some("e0"));
    assert_eq!(initiated[0].caller_id.as_deref(), Some("+4921100000000"));
    let error = client
        .call()
        .initiate(&NewCall::new("e9", FRIEND))
        .await
        .expect_err("not our device");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");

    let rtcm = client.rtcm();
    let id = &session.session_id;
    let calls = rtcm.list().await.expect("calls");
    assert_eq!(calls.len(), 1);
    assert_eq!(&calls[0].call_id, id);
    assert!(
        calls[0]
            .participants
            .iter()
            .any(|p| p.phone_number == FRIEND)
    );

    rtcm.mute(id).await.expect("muted");
    rtcm.start_recording(id, RecordingAnnouncement::Play)
        .await
        .expect("recording");
    rtcm.hold(id).await.expect("held");
    rtcm.announce(id, "https://example.com/welcome.wav")
        .await
        .expect("announced");
    rtcm.send_dtmf(id, "12ab#").await.expect("dtmf");
    let state = sandbox.calls().remove(0);
    assert!(state.muted && state.recording && state.recording_announcement && state.hold);
    assert_eq!(state.announcements, ["https://example.com/welcome.wav"]);
    assert_eq!(state.dtmf, ["12AB#"]);
    let listed = rtcm.list().await.expect("calls").remove(0);
    assert!(listed.muted && listed.recording && listed.hold);
    rtcm.unmute(id).await.expect("unmuted");
    rtcm.resume(id).await.expect("resumed");
    rtcm.stop_recording(id).await.expect("stopped");
    let state = sandbox.calls().remove(0);
    assert!(!state.muted && !state.recording && !state.hold);

    rtcm.hang_up(id).await.expect("hung up");
    assert!(sandbox.calls()[0].ended.is_some());
    let error = rtcm.hang_up(id).await.expect_err("already over");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");

    // A second call, handed over to a colleague (attended).
    let second = client
        .call()
        .initiate(&NewCall::new("e0", FRIEND))
        .await
        .expect("initiated");
    rtcm.transfer(&second.session_id, "+4921100000001", Transfer::Attended)
        .await
        .expect("transferred");
    let state = sandbox.calls().remove(1);
    assert_eq!(second.session_id, state.call_id.as_str());
    assert_eq!(
        state.transferred_to,
        Some(("+4921100000001".to_owned(), true))
    );
}

#[tokio::test]
async fn webhook_settings_round_trip() {
    let (sandbox, client) = common::start().await;
    let settings = client.webhook_settings();
    let initial = settings.get().await.expect("settings");
    assert_eq!(initial.incoming_url, "");

    settings
        .set_incoming_url("https://example.com/in")
        .await
        .expect("incoming");
    let after = settings
        .set_outgoing_url("https://example.com/out")
        .await
        .expect("outgoing");
    assert_eq!(after.incoming_url, "https://example.com/in");
    assert_eq!(after.outgoing_url, "https://example.com/out");
    settings
        .set_whitelist(["p0", "p1"].map(sipgateio::webhook_settings::ExtensionId::new))
        .await
        .expect("whitelist");
    assert_eq!(
        sandbox.webhook_settings().whitelist,
        Some(vec!["p0".to_owned(), "p1".to_owned()])
    );
    settings.clear_whitelist().await.expect("empty whitelist");
    assert_eq!(sandbox.webhook_settings().whitelist, Some(Vec::new()));
    settings.disable_whitelist().await.expect("no whitelist");
    assert_eq!(sandbox.webhook_settings().whitelist, None);
    settings.enable_log().await.expect("log");
    assert!(sandbox.webhook_settings().log);
    settings.clear_incoming_url().await.expect("cleared");
    let last = settings.clear_outgoing_url().await.expect("cleared");
    assert_eq!(
        (last.incoming_url.as_str(), last.outgoing_url.as_str()),
        ("", "")
    );
    let stored = sandbox.webhook_settings();
    assert_eq!((stored.incoming_url.as_str(), stored.log), ("", true));

    sandbox.set_sipgateio_booked(false);
    let error = settings.get().await.expect_err("not booked");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
}

#[tokio::test]
async fn history_list_stream_update_export_delete() {
    let (sandbox, client) = common::start().await;
    client
        .sms()
        .send(&ShortMessage::via_extension(
            SmsExtensionId::new("s0"),
            FRIEND,
            "For the history",
        ))
        .await
        .expect("sent");
    let history = client.history();
    let total = sandbox.history().iter().filter(|e| !e.archived).count();

    let page = history
        .list(&HistoryFilter::new(), Pagination::new(0, 2))
        .await
        .expect("page");
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.total_count, Some(total as u64));
    let HistoryEntry::Sms(newest) = &page.items[0] else {
        panic!("the SMS just sent is the newest entry: {:?}", page.items[0]);
    };
    assert_eq!(newest.sms_content, "For the history");

    let sms_only = HistoryFilter::new().types([EntryType::Sms]);
    let texts = history
        .list(&sms_only, Pagination::first(100))
        .await
        .expect("sms")
        .items;
    assert!(texts.len() >= 2);
    assert!(texts.iter().all(|e| e.kind() == EntryType::Sms));
    let all: Vec<_> = history
        .stream(&HistoryFilter::new())
        .try_collect()
        .await
        .expect("stream");
    assert_eq!(all.len(), total);
    let paged: Vec<_> = history
        .stream_with(&HistoryFilter::new(), StreamOptions::new().page_size(2))
        .try_collect()
        .await
        .expect("paged stream");
    assert_eq!(paged, all);

    let id = newest.base.id.clone();
    assert_eq!(history.get(&id).await.expect("by id").id(), &id);
    history
        .update(&id, &HistoryEntryUpdate::new().starred(true).note("tour"))
        .await
        .expect("updated");
    let stored = |id: &HistoryEntryId| {
        sandbox
            .history()
            .into_iter()
            .find(|e| e.id == id.as_str())
            .expect("stored")
    };
    assert!(stored(&id).starred);
    assert_eq!(stored(&id).note, "tour");
    let (a, b) = (all[1].id().clone(), all[2].id().clone());
    let changed = history
        .update_many([
            (a.clone(), HistoryEntryUpdate::new().read(true)),
            (b.clone(), HistoryEntryUpdate::new().read(true)),
        ])
        .await
        .expect("update many");
    assert_eq!(changed, 2);
    assert!(stored(&a).read && stored(&b).read);
    let archive = HistoryEntryUpdate::new().archived(true);
    let archived = history
        .update_many(texts.iter().map(|e| (e.id(), archive.clone())))
        .await
        .expect("batch");
    assert_eq!(archived, texts.len());
    assert!(texts.iter().all(|e| stored(e.id()).archived));

    let csv = history
        .export_csv(&HistoryFilter::new(), Pagination::first(100))
        .await
        .expect("csv");
    assert!(csv.lines().count() > 1, "{csv}");
    let mut file = Vec::new();
    let written = history
        .export_csv_to(&HistoryFilter::new(), Pagination::first(100), &mut file)
        .await
        .expect("csv to");
    assert_eq!(written as usize, file.len());
    assert_eq!(String::from_utf8(file).expect("utf-8"), csv);

    let before = sandbox.history().len();
    history.delete(&id).await.expect("deleted");
    history.delete_many(&[a, b]).await.expect("deleted");
    assert_eq!(sandbox.history().len(), before - 3);
    let error = history.get(&id).await.expect_err("gone");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn contacts_create_import_list_export_delete() {
    let (sandbox, client) = common::start().await;
    let contacts = client.contacts();
    let seeded = sandbox.contacts().len();

    contacts
        .create(
            &NewContact::new("Ada", "Byron").number(PhoneNumber::new("+4921163553355")),
            CreateScope::Private,
        )
        .await
        .expect("created");
    let imported = contacts
        .import_csv("firstname,lastname,number\nKatherine,Johnson,+4930111222333\n")
        .await
        .expect("csv");
    assert_eq!(imported, 1);
    let rows = parse_csv("number,firstname,lastname\n+4930444555666,Margaret,Hamilton\n")
        .expect("valid csv");
    assert_eq!(contacts.import_csv_rows(&rows).await.expect("rows"), 1);
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dijkstra;Edsger;;;\r\nFN:Edsger Dijkstra\r\nTEL;TYPE=work:+31205550100\r\nEND:VCARD\r\n";
    assert_eq!(
        contacts
            .import_vcard(card, CreateScope::Shared)
            .await
            .expect("vcard"),
        1
    );
    assert_eq!(sandbox.contacts().len(), seeded + 4);

    let private = contacts
        .list(ScopeFilter::Private, &ListOptions::new().limit(100))
        .await
        .expect("private");
    let names: Vec<_> = private.items.iter().map(|c| c.name.as_str()).collect();
    for name in ["Ada Byron", "Katherine Johnson", "Margaret Hamilton"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let everyone: Vec<_> = contacts
        .stream(ScopeFilter::All, &ListOptions::new())
        .try_collect()
        .await
        .expect("all");
    assert_eq!(everyone.len(), seeded + 4);
    let by_number: Vec<_> = contacts
        .stream(
            ScopeFilter::All,
            &ListOptions::new().phone_number("+4930111222333"),
        )
        .try_collect()
        .await
        .expect("by number");
    assert_eq!(by_number.len(), 1);
    let internal = contacts.list_internal().await.expect("internal");
    assert!(!internal.is_empty());

    let mut ada = private
        .items
        .iter()
        .find(|c| c.name == "Ada Byron")
        .expect("ada")
        .clone();
    ada.name = "Ada Lovelace-Byron".to_owned();
    contacts.update(&ada).await.expect("updated");
    assert!(
        sandbox
            .contacts()
            .iter()
            .any(|c| c.name == "Ada Lovelace-Byron")
    );

    let csv = contacts
        .export_csv(ScopeFilter::Private, ';', &ListOptions::new())
        .await
        .expect("csv")
        .document;
    assert!(csv.contains("Katherine Johnson"), "{csv}");
    let import_csv = contacts
        .export_import_csv(ScopeFilter::Private, &ListOptions::new())
        .await
        .expect("import csv")
        .document;
    assert!(
        import_csv.contains("Katherine,Johnson,+4930111222333"),
        "{import_csv}"
    );
    let cards = contacts
        .export_vcards(ScopeFilter::Shared, &ListOptions::new())
        .await
        .expect("vcards")
        .document;
    assert!(
        cards.iter().any(|c| c.contains("FN:Edsger Dijkstra")),
        "{cards:?}"
    );
    let book = contacts
        .export_address_book(ScopeFilter::Private, &ListOptions::new())
        .await
        .expect("book")
        .document;
    assert_eq!(book.matches("BEGIN:VCARD").count(), private.items.len());
    let json = contacts
        .export_json(ScopeFilter::Private, &ListOptions::new().limit(2))
        .await
        .expect("json");
    assert_eq!(json.document.contacts.len(), 2);
    assert_eq!(json.document.total_count, private.items.len() as u64);
    assert_eq!(json.has_more, private.items.len() > 2);

    contacts.delete(&ada.id).await.expect("deleted");
    assert!(!sandbox.contacts().iter().any(|c| ada.id == c.id.as_str()));
    let report = contacts.delete_all_shared().await.expect("shared deleted");
    assert!(report.is_complete(), "{report:?}");
    contacts
        .delete_all_private()
        .await
        .expect("private deleted");
    let left: Vec<_> = sandbox.contacts().into_iter().map(|c| c.scope).collect();
    assert!(left.iter().all(|scope| scope == "INTERNAL"), "{left:?}");
    let error = contacts.delete(&ada.id).await.expect_err("gone");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}
