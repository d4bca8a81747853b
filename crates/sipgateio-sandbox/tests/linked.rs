//! The long tail answered from the account the hand-written routes keep: seeded devices,
//! numbers and users are read as seeded, created items get sipgate's id shapes and show in
//! the listings, what is written is what later reads show, deletes delete. Over real HTTP,
//! against a strict sandbox (every request is also checked against the API description).

mod common;

use std::path::PathBuf;

use common::{Api, detail, ids};
use reqwest::Method;
use serde_json::{Value, json};
use sipgateio_sandbox::SandboxConfig;

async fn strict() -> Api {
    Api::with(SandboxConfig::default().fax_step(None).strict(true)).await
}

/// The item of `items` with this id.
fn item<'a>(list: &'a Value, id: &str) -> &'a Value {
    list["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["id"] == id))
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn seeded_devices_are_read_as_seeded() {
    let api = strict().await;
    for (id, alias, kind) in [
        ("e0", "Ada's desk phone", "REGISTER"),
        ("x0", "Ada's home phone", "EXTERNAL"),
        ("y0", "Ada's mobile", "MOBILE"),
        ("e1", "Alan's desk phone", "REGISTER"),
    ] {
        let device = api.get(&format!("/devices/{id}")).await;
        assert_eq!(device.status, 200, "{}", device.text);
        assert_eq!(device.json["id"], id);
        assert_eq!(device.json["alias"], alias, "{}", device.text);
        assert_eq!(device.json["type"], kind, "{}", device.text);
    }
    let unknown = api.get("/devices/e9").await;
    assert_eq!(unknown.status, 404, "{}", unknown.text);
    assert!(detail(&unknown.json).contains("e9"), "{}", unknown.text);
    let e0 = api.get("/devices/e0").await.json;
    assert_eq!(
        e0["activePhonelines"],
        json!([{"id": "p0", "alias": "Ada Lovelace"}])
    );
    assert_eq!(e0["online"], true);
}

#[tokio::test]
async fn created_devices_have_the_id_and_type_of_their_kind_and_are_listed() {
    let api = strict().await;
    let mobile = api
        .post("/w0/devices/mobile", json!({"alias": "Work mobile"}))
        .await;
    assert_eq!(mobile.status, 200, "{}", mobile.text);
    assert_eq!(mobile.json["id"], "y1");
    assert_eq!(mobile.json["type"], "MOBILE");
    assert_eq!(mobile.json["alias"], "Work mobile");

    let external = api
        .post(
            "/w0/devices/external",
            json!({"alias": "Cabin", "number": "+4930123456789"}),
        )
        .await;
    assert_eq!(external.json["id"], "x1", "{}", external.text);
    assert_eq!(external.json["type"], "EXTERNAL");
    assert_eq!(external.json["number"], "+4930123456789");

    let register = api
        .post("/w0/devices/register", json!({"alias": "Desk 2"}))
        .await;
    assert_eq!(
        register.json["id"], "e2",
        "e0 and e1 are taken: {}",
        register.text
    );
    assert_eq!(register.json["type"], "REGISTER");
    let by_type = api
        .post(
            "/w1/devices",
            json!({"type": "MOBILE", "alias": "Alan's mobile"}),
        )
        .await;
    assert_eq!(by_type.json["id"], "y2", "{}", by_type.text);
    assert_eq!(by_type.json["type"], "MOBILE");

    let read = api.get("/devices/y1").await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json["type"], "MOBILE");
    assert_eq!(read.json["alias"], "Work mobile");

    let created: Vec<(String, String, String)> = api
        .sandbox
        .devices()
        .into_iter()
        .skip(4)
        .map(|d| (d.id, d.kind, d.owner))
        .collect();
    assert_eq!(
        created,
        [
            ("y1".to_owned(), "MOBILE".to_owned(), "w0".to_owned()),
            ("x1".to_owned(), "EXTERNAL".to_owned(), "w0".to_owned()),
            ("e2".to_owned(), "REGISTER".to_owned(), "w0".to_owned()),
            ("y2".to_owned(), "MOBILE".to_owned(), "w1".to_owned()),
        ]
    );
    let mine = api.get("/w0/devices").await.json;
    assert_eq!(ids(&mine, "items"), ["e0", "x0", "y0", "y1", "x1", "e2"]);
    assert_eq!(item(&mine, "y1")["type"], "MOBILE");
    assert_eq!(
        ids(&api.get("/w1/devices").await.json, "items"),
        ["e1", "y2"]
    );

    let nobody = api.post("/w9/devices/mobile", json!({"alias": "x"})).await;
    assert_eq!(nobody.status, 404);
    assert!(detail(&nobody.json).contains("w9"), "{}", nobody.text);
    assert_eq!(ids(&api.get("/w0/devices").await.json, "items").len(), 6);
}

#[tokio::test]
async fn device_settings_written_are_what_reads_and_listings_show() {
    let api = strict().await;
    let renamed = api
        .put("/devices/e0/alias", json!({"value": "Front desk"}))
        .await;
    assert!((200..300).contains(&renamed.status), "{}", renamed.text);
    let dnd = api
        .put("/devices/e0", json!({"dnd": true, "emergencyAddressId": 7}))
        .await;
    assert!((200..300).contains(&dnd.status), "{}", dnd.text);
    let caller = api
        .put("/devices/e0/callerid", json!({"value": "+4921100000001"}))
        .await;
    assert!((200..300).contains(&caller.status), "{}", caller.text);

    let read = api.get("/devices/e0").await.json;
    assert_eq!(read["alias"], "Front desk");
    assert_eq!(read["dnd"], true);
    assert_eq!(read["type"], "REGISTER", "the rest stays");
    let listed = api.get("/w0/devices").await.json;
    assert_eq!(item(&listed, "e0")["alias"], "Front desk");
    assert_eq!(item(&listed, "e0")["dnd"], true);
    assert_eq!(item(&listed, "x0")["dnd"], false);
    let line = api.get("/w0/phonelines/p0/devices").await.json;
    assert_eq!(item(&line, "e0")["alias"], "Front desk");
    assert_eq!(
        api.get("/devices/e0/callerid").await.json["value"],
        "+4921100000001"
    );

    // A device another user owns is not reached through this user's paths; the sandbox's
    // SDK-free check of a created one's settings.
    let created = api
        .post("/w0/devices/register", json!({"alias": "Spare"}))
        .await;
    let id = created.json["id"].as_str().expect("an id").to_owned();
    api.put(&format!("/devices/{id}/alias"), json!({"value": "Lobby"}))
        .await;
    assert_eq!(
        api.get(&format!("/devices/{id}")).await.json["alias"],
        "Lobby"
    );
    assert_eq!(
        item(&api.get("/w0/devices").await.json, &id)["alias"],
        "Lobby"
    );
}

#[tokio::test]
async fn a_device_rings_for_a_phoneline_once_added_and_deleted_devices_are_gone() {
    let api = strict().await;
    let phone = api
        .post("/w1/devices/register", json!({"alias": "Hall"}))
        .await;
    let id = phone.json["id"].as_str().expect("an id").to_owned();
    let added = api
        .post("/w1/phonelines/p1/devices", json!({"deviceId": id}))
        .await;
    assert!((200..300).contains(&added.status), "{}", added.text);
    assert_eq!(
        ids(&api.get("/w1/phonelines/p1/devices").await.json, "items"),
        ["e1", id.as_str()]
    );
    assert_eq!(
        api.get(&format!("/devices/{id}")).await.json["activePhonelines"],
        json!([{"id": "p1", "alias": "Alan Turing"}])
    );
    let removed = api.delete(&format!("/w1/phonelines/p1/devices/{id}")).await;
    assert!((200..300).contains(&removed.status), "{}", removed.text);
    assert_eq!(
        ids(&api.get("/w1/phonelines/p1/devices").await.json, "items"),
        ["e1"]
    );

    // A seeded device deleted: 404 afterwards, gone from the listings, its id not reused.
    let deleted = api.delete("/devices/x0").await;
    assert!((200..300).contains(&deleted.status), "{}", deleted.text);
    let gone = api.get("/devices/x0").await;
    assert_eq!(gone.status, 404);
    assert!(detail(&gone.json).contains("x0"), "{}", gone.text);
    assert_eq!(
        api.put("/devices/x0/alias", json!({"value": "again"}))
            .await
            .status,
        404
    );
    assert!(!ids(&api.get("/w0/devices").await.json, "items").contains(&"x0".to_owned()));
    let next = api
        .post(
            "/w0/devices/external",
            json!({"alias": "New home", "number": "+4930111"}),
        )
        .await;
    assert_eq!(next.json["id"], "x1", "{}", next.text);
}

#[tokio::test]
async fn fax_lines_are_created_renamed_listed_and_deleted() {
    let api = strict().await;
    let created = api.call(Method::POST, "/w0/faxlines", None).await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert_eq!(created.json["id"], "f1");
    assert_eq!(created.json["canSend"], true);
    let renamed = api
        .put("/w0/faxlines/f1", json!({"alias": "Accounting"}))
        .await;
    assert!((200..300).contains(&renamed.status), "{}", renamed.text);
    let tagline = api
        .put("/w0/faxlines/f1/tagline", json!({"value": "Example Ltd."}))
        .await;
    assert!((200..300).contains(&tagline.status), "{}", tagline.text);

    let listed = api.get("/w0/faxlines").await.json;
    assert_eq!(ids(&listed, "items"), ["f0", "f1"]);
    assert_eq!(item(&listed, "f1")["alias"], "Accounting");
    assert_eq!(item(&listed, "f1")["tagline"], "Example Ltd.");
    assert_eq!(
        api.get("/w0/faxlines/f0/numbers").await.json,
        json!({"items": [{"number": "+4921100000009", "type": ["LANDLINE"]}]})
    );
    assert_eq!(
        api.get("/w0/faxlines/f1/numbers").await.json,
        json!({"items": []})
    );
    // Another user's path does not reach the line.
    let foreign = api.put("/w1/faxlines/f1", json!({"alias": "mine"})).await;
    assert_eq!(foreign.status, 404, "{}", foreign.text);

    let deleted = api.delete("/w0/faxlines/f1").await;
    assert!((200..300).contains(&deleted.status), "{}", deleted.text);
    assert_eq!(ids(&api.get("/w0/faxlines").await.json, "items"), ["f0"]);
    assert_eq!(api.sandbox.faxlines().len(), 1);
    assert_eq!(
        api.put("/w0/faxlines/f1", json!({"alias": "back"}))
            .await
            .status,
        404
    );
    let next = api.call(Method::POST, "/w0/faxlines", None).await;
    assert_eq!(
        next.json["id"], "f2",
        "a deleted id is not handed out again"
    );
}

#[tokio::test]
async fn routing_a_number_shows_in_the_number_listings() {
    let api = strict().await;
    let routed = api.put("/numbers/n4", json!({"endpointId": "p1"})).await;
    assert!((200..300).contains(&routed.status), "{}", routed.text);
    let all = api.get("/numbers").await.json;
    let n4 = item(&all, "n4");
    assert_eq!(n4["endpointId"], "p1");
    assert_eq!(n4["endpointAlias"], "Alan Turing");
    assert_eq!(n4["endpointUrl"], "/w1/phonelines/p1");
    assert_eq!(
        api.get("/w1/phonelines/p1/numbers").await.json["items"],
        json!([
            {"number": "+4921100000001", "type": ["LANDLINE"]},
            {"number": "+4921100000002", "type": ["LANDLINE"]}
        ])
    );

    // A user's numbers: those routed to the user's lines, fax lines and devices.
    let alan = api.get("/w1/numbers").await;
    assert_eq!(alan.status, 200, "{}", alan.text);
    assert_eq!(ids(&alan.json, "items"), ["n1", "n4"]);
    assert_eq!(item(&alan.json, "n1")["number"], "+4921100000001");
    assert_eq!(
        ids(&api.get("/w0/numbers").await.json, "items"),
        ["n0", "n2", "n3"]
    );
    assert_eq!(api.get("/w9/numbers").await.status, 404);

    // Unrouting, and routing to the fax line.
    api.put("/numbers/n4", json!({"endpointId": ""})).await;
    let n4 = item(&api.get("/numbers").await.json, "n4").clone();
    assert_eq!(n4["endpointId"], "");
    assert_eq!(ids(&api.get("/w1/numbers").await.json, "items"), ["n1"]);
    api.put("/numbers/n4", json!({"endpointId": "f0"})).await;
    assert_eq!(
        item(&api.get("/numbers").await.json, "n4")["endpointUrl"],
        "/w0/faxlines/f0"
    );
    assert_eq!(
        api.get("/w0/faxlines/f0/numbers").await.json["items"][1]["number"],
        "+4921100000002"
    );
}

#[tokio::test]
async fn quick_dials_are_numbers_of_their_user() {
    let api = strict().await;
    let added = api
        .post(
            "/numbers/quickdial",
            json!({"userId": "w1", "number": "21"}),
        )
        .await;
    assert!((200..300).contains(&added.status), "{}", added.text);
    let all = api.get("/numbers").await.json;
    let quick: Vec<&Value> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["type"] == "QUICKDIAL")
        .collect();
    assert_eq!(quick.len(), 1, "{all}");
    let id = quick[0]["id"].as_str().expect("an id").to_owned();
    assert!(id.parse::<u64>().is_ok(), "a numeric id: {id}");
    assert_eq!(quick[0]["number"], "21");
    assert_eq!(quick[0]["endpointId"], "w1");
    assert_eq!(quick[0]["endpointAlias"], "Alan Turing");
    assert!(ids(&api.get("/w1/numbers").await.json, "items").contains(&id));

    let changed = api
        .put(
            &format!("/numbers/quickdial/{id}"),
            json!({"userId": "w0", "number": "22"}),
        )
        .await;
    assert!((200..300).contains(&changed.status), "{}", changed.text);
    let moved = item(&api.get("/numbers").await.json, &id).clone();
    assert_eq!(moved["number"], "22");
    assert_eq!(moved["endpointId"], "w0");
    assert!(ids(&api.get("/w0/numbers").await.json, "items").contains(&id));
    assert!(!ids(&api.get("/w1/numbers").await.json, "items").contains(&id));

    assert!(
        api.sandbox
            .numbers()
            .iter()
            .any(|n| n.id == id && n.kind == "QUICKDIAL" && n.endpoint_id == "w0")
    );
    let landline = api
        .put(
            "/numbers/quickdial/n0",
            json!({"userId": "w0", "number": "24"}),
        )
        .await;
    assert_eq!(landline.status, 404, "{}", landline.text);
    assert_eq!(
        item(&api.get("/numbers").await.json, "n0")["number"],
        "+4921100000000"
    );
    let deleted = api.delete(&format!("/numbers/quickdial/{id}")).await;
    assert!((200..300).contains(&deleted.status), "{}", deleted.text);
    assert!(!ids(&api.get("/numbers").await.json, "items").contains(&id));
    let unknown_user = api
        .post(
            "/numbers/quickdial",
            json!({"userId": "w9", "number": "23"}),
        )
        .await;
    assert_eq!(unknown_user.status, 404, "{}", unknown_user.text);
}

#[tokio::test]
async fn recording_sessions_get_fresh_session_ids() {
    let api = strict().await;
    let mut seen = Vec::new();
    for (path, body) in [
        (
            "/sessions/voicemail/recording",
            json!({"deviceId": "e0", "targetId": "v0"}),
        ),
        (
            "/sessions/voicemail/recording",
            json!({"deviceId": "e0", "targetId": "v0"}),
        ),
        (
            "/sessions/ivr/recording",
            json!({"deviceId": "e0", "targetId": "h0"}),
        ),
        (
            "/sessions/voicemail/play",
            json!({"deviceId": "e0", "datadId": "1"}),
        ),
    ] {
        let answer = api.post(path, body).await;
        assert_eq!(answer.status, 200, "{path}: {}", answer.text);
        let id = answer.json["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        assert_eq!(id.len(), 32, "{id}");
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
        assert!(!seen.contains(&id), "fresh: {id}");
        seen.push(id);
    }
    api.sandbox.set_no_credit(true);
    let broke = api
        .post(
            "/sessions/voicemail/play",
            json!({"deviceId": "e0", "datadId": "1"}),
        )
        .await;
    assert_eq!(broke.status, 402, "{}", broke.text);
}

#[tokio::test]
async fn user_settings_and_deletion_reach_the_user_routes() {
    let api = strict().await;
    for (path, body) in [
        ("/users/w1/role", json!({"admin": true})),
        ("/users/w1/busyonbusy", json!({"enabled": true})),
        ("/users/w1/defaultdevice", json!({"deviceId": "e1"})),
    ] {
        let answer = api.put(path, body).await;
        assert!(
            (200..300).contains(&answer.status),
            "{path}: {}",
            answer.text
        );
    }
    let alan = api.get("/users/w1").await.json;
    assert_eq!(alan["admin"], true);
    assert_eq!(alan["busyOnBusy"], true);
    assert_eq!(alan["defaultDevice"], "e1");

    assert!(api.sandbox.users().iter().any(|u| u.id == "w1" && u.admin));
    let deleted = api.delete("/users/w1").await;
    assert!((200..300).contains(&deleted.status), "{}", deleted.text);
    assert_eq!(api.get("/users/w1").await.status, 404);
    assert_eq!(ids(&api.get("/users").await.json, "items"), ["w0"]);
    assert_eq!(
        api.get("/devices/e1").await.status,
        404,
        "the user's devices go too"
    );
    let n1 = item(&api.get("/numbers").await.json, "n1").clone();
    assert_eq!(
        n1["endpointId"], "",
        "the number of the deleted line is unrouted"
    );
}

#[tokio::test]
async fn read_only_listings_name_items_in_their_kinds_shape() {
    let api = strict().await;
    let groups = api.get("/groups").await;
    assert_eq!(groups.status, 200, "{}", groups.text);
    assert_eq!(ids(&groups.json, "items"), ["g0"]);
}

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sandbox-linked")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test]
async fn the_long_tail_survives_a_restart_with_the_state_file() {
    let dir = temp_dir("restart");
    let path = dir.join("state.json");
    let config = || SandboxConfig::default().fax_step(None).state_file(&path);
    let (token_id, token) = {
        let api = Api::with(config()).await;
        let created = api
            .post("/w0/devices/mobile", json!({"alias": "Kept"}))
            .await;
        assert_eq!(created.json["id"], "y1", "{}", created.text);
        api.put("/devices/e0/alias", json!({"value": "Front desk"}))
            .await;
        api.put("/devices/e0/singlerowdisplay", json!({"enabled": true}))
            .await;
        assert!((200..300).contains(&api.delete("/devices/x0").await.status));
        (
            api.sandbox.token_id().to_owned(),
            api.sandbox.token().to_owned(),
        )
        // Dropped here: the state is saved.
    };
    let api = Api::with(config()).await;
    assert_eq!(api.sandbox.token_id(), token_id);
    assert_eq!(api.sandbox.token(), token);
    assert_eq!(
        ids(&api.get("/w0/devices").await.json, "items"),
        ["e0", "y0", "y1"]
    );
    assert_eq!(api.get("/devices/y1").await.json["type"], "MOBILE");
    assert_eq!(api.get("/devices/e0").await.json["alias"], "Front desk");
    assert_eq!(
        api.get("/devices/e0/singlerowdisplay").await.json["enabled"],
        true
    );
    assert_eq!(api.get("/devices/x0").await.status, 404);
    let _ = std::fs::remove_dir_all(&dir);
}
