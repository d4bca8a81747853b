//! The realistic account every sandbox starts with.
//!
//! | what | ids |
//! |---|---|
//! | web users | `w0` Ada Lovelace (admin, the authenticated user), `w1` Alan Turing |
//! | phonelines | `p0` (w0), `p1` (w1) |
//! | devices | `e0` desk phone, `x0` external, `y0` mobile (w0); `e1` desk phone (w1) |
//! | SMS | `s0` (w0) with caller ids 0 `+4921100000000` (verified, default), 1 `+4915700000000` (verified), 2 `+4917600000000` (unverified) |
//! | fax | `f0` (w0) |
//! | numbers | `+4921100000000` → p0, `+4921100000001` → p1, `+4921100000009` → f0, `+4915700000000` (mobile) → p0, `+4921100000002` unrouted |
//! | voicemails | `v0` (p0), `v1` (p1) |

use chrono::{DateTime, Duration, Utc};

use crate::model::{
    Address, Contact, ContactEmail, ContactNumber, Device, Endpoint, Faxline, HistoryEntry, Number,
    Recording, RoutedEndpoint, Routing, SmsCallerId, SmsExtension, User, Voicemail,
};
use crate::state::{AccountInfo, State};

/// The account's master SIP id (prefix of `fullUserId` values).
pub(crate) const MASTER_SIP_ID: &str = "1234567";

fn user(id: &str, first: &str, last: &str, device: &str, admin: bool, dial: &str) -> User {
    User {
        id: id.to_owned(),
        firstname: first.to_owned(),
        lastname: last.to_owned(),
        email: format!(
            "{}.{}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        default_device: device.to_owned(),
        busy_on_busy: false,
        address_id: "0".to_owned(),
        direct_dial_ids: vec![dial.to_owned()],
        timezone: "Europe/Berlin".to_owned(),
        admin,
    }
}

fn device(id: &str, alias: &str, kind: &str, owner: &str, lines: &[(&str, &str)]) -> Device {
    Device {
        id: id.to_owned(),
        alias: alias.to_owned(),
        kind: kind.to_owned(),
        online: kind != "EXTERNAL",
        dnd: false,
        active_phonelines: lines
            .iter()
            .map(|(id, alias)| Routing {
                id: (*id).to_owned(),
                alias: (*alias).to_owned(),
            })
            .collect(),
        active_groups: Vec::new(),
        owner: owner.to_owned(),
    }
}

fn number(
    id: &str,
    number: &str,
    localized: &str,
    kind: &str,
    endpoint: (&str, &str, &str),
) -> Number {
    Number {
        id: id.to_owned(),
        number: number.to_owned(),
        localized: localized.to_owned(),
        kind: kind.to_owned(),
        endpoint_id: endpoint.0.to_owned(),
        endpoint_alias: endpoint.1.to_owned(),
        endpoint_url: endpoint.2.to_owned(),
    }
}

fn caller_id(id: i32, number: &str, verified: bool, default: bool) -> SmsCallerId {
    SmsCallerId {
        id,
        phonenumber: number.to_owned(),
        verified,
        default_number: default,
        verification_code: format!("{:06}", 424_200 + id),
    }
}

fn contact(id: &str, name: &str, number: &str, email: &str, scope: &str, org: &[&str]) -> Contact {
    Contact {
        id: id.to_owned(),
        name: name.to_owned(),
        picture: None,
        emails: if email.is_empty() {
            Vec::new()
        } else {
            vec![ContactEmail {
                email: email.to_owned(),
                kind: vec!["work".to_owned()],
            }]
        },
        numbers: vec![ContactNumber {
            number: number.to_owned(),
            kind: vec!["work".to_owned()],
        }],
        addresses: Vec::new(),
        organization: if org.is_empty() {
            Vec::new()
        } else {
            vec![org.iter().map(|s| (*s).to_owned()).collect()]
        },
        scope: scope.to_owned(),
    }
}

fn routed(extension: &str, kind: &str) -> Vec<RoutedEndpoint> {
    vec![RoutedEndpoint {
        kind: "ROUTED".to_owned(),
        endpoint: Endpoint {
            extension: extension.to_owned(),
            kind: kind.to_owned(),
        },
    }]
}

#[allow(clippy::too_many_arguments)]
fn entry(
    id: &str,
    kind: &str,
    direction: &str,
    created: DateTime<Utc>,
    source: (&str, &str),
    target: (&str, &str),
    status: &str,
    connection: (&str, &str),
) -> HistoryEntry {
    let mut e = HistoryEntry::new(id.to_owned(), kind, direction, created);
    e.source = source.0.to_owned();
    e.source_alias = source.1.to_owned();
    e.target = target.0.to_owned();
    e.target_alias = target.1.to_owned();
    e.status = status.to_owned();
    e.connection_ids = vec![connection.0.to_owned()];
    e.endpoints = routed(connection.0, connection.1);
    e.read = true;
    e
}

fn history(now: DateTime<Utc>) -> Vec<HistoryEntry> {
    let ada = ("+4921100000000", "Ada Lovelace");
    let alan = ("+4921100000001", "Alan Turing");
    let grace = ("+4930123456789", "Grace Hopper");
    let charles = ("+4940987654321", "Charles Babbage");

    let mut call_in = entry(
        "1001",
        "CALL",
        "INCOMING",
        now - Duration::hours(50),
        grace,
        ada,
        "PICKUP",
        ("p0", "PHONELINE"),
    );
    call_in.call_id = Some("c1001".to_owned());
    call_in.duration = Some(125);
    call_in.call_status = Some("SUCCESS".to_owned());
    call_in.recordings = Some(vec![Recording {
        id: "r1001".to_owned(),
        url: "https://sandbox.invalid/recordings/r1001.mp3".to_owned(),
    }]);
    call_in.starred = true;

    let mut missed = entry(
        "1002",
        "CALL",
        "MISSED_INCOMING",
        now - Duration::hours(30),
        charles,
        alan,
        "NOPICKUP",
        ("p1", "PHONELINE"),
    );
    missed.call_id = Some("c1002".to_owned());
    missed.duration = Some(0);
    missed.call_status = Some("MISSED".to_owned());
    missed.read = false;

    let mut voicemail = entry(
        "1003",
        "VOICEMAIL",
        "INCOMING",
        now - Duration::hours(20),
        charles,
        ada,
        "PICKUP",
        ("v0", "VOICEMAIL"),
    );
    voicemail.transcription =
        Some("Hello Ada, this is Charles. Please call me back about the engine.".to_owned());
    voicemail.recording_url = Some("https://sandbox.invalid/voicemails/1003.mp3".to_owned());
    voicemail.duration = Some(12);
    voicemail.read = false;

    let mut sms = entry(
        "1004",
        "SMS",
        "INCOMING",
        now - Duration::hours(10),
        ("+4917612345678", ""),
        ada,
        "PICKUP",
        ("s0", "SMS"),
    );
    sms.sms_content = Some("See you at the conference tomorrow!".to_owned());

    let mut fax = entry(
        "1005",
        "FAX",
        "INCOMING",
        now - Duration::hours(5),
        ("+4922112345678", "Analytical Engines Ltd."),
        ("+4921100000009", "Ada's fax"),
        "PICKUP",
        ("f0", "FAX"),
    );
    fax.fax_status_type = Some("SENT".to_owned());
    fax.page_count = Some(2);
    fax.document_url = Some("https://sandbox.invalid/faxes/1005.pdf".to_owned());
    fax.preview_url = Some("https://sandbox.invalid/faxes/1005.png".to_owned());

    let mut out = entry(
        "1006",
        "CALL",
        "OUTGOING",
        now - Duration::hours(100),
        ada,
        grace,
        "PICKUP",
        ("p0", "PHONELINE"),
    );
    out.call_id = Some("c1006".to_owned());
    out.duration = Some(300);
    out.call_status = Some("SUCCESS".to_owned());
    out.archived = true;

    vec![call_in, missed, voicemail, sms, fax, out]
}

/// The seeded state.
pub(crate) fn account() -> State {
    let now = Utc::now();
    let p0 = ("p0", "Ada Lovelace");
    let p1 = ("p1", "Alan Turing");
    State {
        account: AccountInfo {
            authenticated_user: "w0".to_owned(),
            domain: "sipgate.de".to_owned(),
            master_sip_id: MASTER_SIP_ID.to_owned(),
            locale: "de_DE".to_owned(),
        },
        no_credit: false,
        sipgateio_booked: true,
        failing_fax_recipient: None,
        fax_step: None,
        users: vec![
            user("w0", "Ada", "Lovelace", "e0", true, "10"),
            user("w1", "Alan", "Turing", "e1", false, "11"),
        ],
        phonelines: vec![
            ("p0".to_owned(), "Ada Lovelace".to_owned(), "w0".to_owned()),
            ("p1".to_owned(), "Alan Turing".to_owned(), "w1".to_owned()),
        ],
        devices: vec![
            device("e0", "Ada's desk phone", "REGISTER", "w0", &[p0]),
            device("x0", "Ada's home phone", "EXTERNAL", "w0", &[p0]),
            device("y0", "Ada's mobile", "MOBILE", "w0", &[p0]),
            device("e1", "Alan's desk phone", "REGISTER", "w1", &[p1]),
        ],
        sms_extensions: vec![SmsExtension {
            id: "s0".to_owned(),
            alias: "Ada's SMS".to_owned(),
            caller_id: "+4921100000000".to_owned(),
            owner: "w0".to_owned(),
            caller_ids: vec![
                caller_id(0, "+4921100000000", true, true),
                caller_id(1, "+4915700000000", true, false),
                caller_id(2, "+4917600000000", false, false),
            ],
        }],
        faxlines: vec![Faxline {
            id: "f0".to_owned(),
            alias: "Ada's fax".to_owned(),
            tagline: "Lovelace & Co.".to_owned(),
            can_send: true,
            can_receive: true,
            owner: "w0".to_owned(),
        }],
        numbers: vec![
            number(
                "n0",
                "+4921100000000",
                "0211 00000000",
                "LANDLINE",
                ("p0", "Ada Lovelace", "/w0/phonelines/p0"),
            ),
            number(
                "n1",
                "+4921100000001",
                "0211 00000001",
                "LANDLINE",
                ("p1", "Alan Turing", "/w1/phonelines/p1"),
            ),
            number(
                "n2",
                "+4921100000009",
                "0211 00000009",
                "LANDLINE",
                ("f0", "Ada's fax", "/w0/faxlines/f0"),
            ),
            number(
                "n3",
                "+4915700000000",
                "0157 00000000",
                "MOBILE",
                ("p0", "Ada Lovelace", "/w0/phonelines/p0"),
            ),
            number(
                "n4",
                "+4921100000002",
                "0211 00000002",
                "LANDLINE",
                ("", "", ""),
            ),
        ],
        voicemails: vec![
            Voicemail {
                id: "v0".to_owned(),
                alias: "Ada's voicemail".to_owned(),
                belongs_to_endpoint: Endpoint {
                    extension: "p0".to_owned(),
                    kind: "PHONELINE".to_owned(),
                },
            },
            Voicemail {
                id: "v1".to_owned(),
                alias: "Alan's voicemail".to_owned(),
                belongs_to_endpoint: Endpoint {
                    extension: "p1".to_owned(),
                    kind: "PHONELINE".to_owned(),
                },
            },
        ],
        contacts: {
            let mut hopper = contact(
                "c0",
                "Grace Hopper",
                "+4930123456789",
                "grace@example.com",
                "SHARED",
                &["Navy", "Computing"],
            );
            hopper.addresses.push(Address {
                street_address: Some("1 Harbor Road".to_owned()),
                locality: Some("Arlington".to_owned()),
                postal_code: Some("22202".to_owned()),
                country: Some("USA".to_owned()),
                ..Address::default()
            });
            vec![
                hopper,
                contact(
                    "c1",
                    "Charles Babbage",
                    "+4940987654321",
                    "",
                    "PRIVATE",
                    &["Analytical Engines Ltd."],
                ),
                contact(
                    "c2",
                    "Alan Turing",
                    "+4921100000001",
                    "alan.turing@example.com",
                    "INTERNAL",
                    &[],
                ),
            ]
        },
        history: history(now),
        calls: Vec::new(),
        settings: crate::model::WebhookSettings::default(),
        sent_sms: Vec::new(),
        faxes: Vec::new(),
        initiated_calls: Vec::new(),
        webhook_log: Vec::new(),
        blacklist: Vec::new(),
        next_id: 2000,
        removed: std::collections::HashSet::new(),
    }
}
