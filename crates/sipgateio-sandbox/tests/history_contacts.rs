//! Real HTTP against `Sandbox::start()`: history filters, paging, updates, deletes and export;
//! contacts list/filter/paging, create, update, delete, CSV import and the internal directory.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::{Api, ids};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn history_lists_newest_first_without_archived_entries() {
    let api = Api::new().await;
    let list = api.get("/history").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        ids(&list.json, "items"),
        ["1005", "1004", "1003", "1002", "1001"]
    );
    assert_eq!(list.json["totalCount"], 5);
    let call = &list.json["items"][4];
    assert_eq!(call["type"], "CALL");
    assert_eq!(call["direction"], "INCOMING");
    assert_eq!(call["incoming"], true);
    assert_eq!(call["status"], "PICKUP");
    assert_eq!(call["callStatus"], "SUCCESS");
    assert_eq!(call["sourceAlias"], "Grace Hopper");
    assert_eq!(call["endpoints"][0]["type"], "ROUTED");
    assert_eq!(call["endpoints"][0]["endpoint"]["extension"], "p0");
    assert_eq!(call["recordings"][0]["id"], "r1001");
    let created = call["created"].as_str().expect("created");
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "{created}"
    );
    assert!(created.ends_with('Z'));
    assert_eq!(list.json["items"][0]["faxStatusType"], "SENT");
    assert_eq!(
        list.json["items"][1]["smsContent"],
        "See you at the conference tomorrow!"
    );
    assert!(list.json["items"][2]["transcription"].is_string());

    assert_eq!(
        ids(&api.get("/history?archived=true").await.json, "items"),
        ["1006"]
    );
}

#[tokio::test]
async fn history_filters_and_pages() {
    let api = Api::new().await;
    let query = |q: &str| {
        let path = format!("/history?{q}");
        let api = &api;
        async move { ids(&api.get(&path).await.json, "items") }
    };
    assert_eq!(query("types=CALL").await, ["1002", "1001"]);
    assert_eq!(query("types=SMS&types=FAX").await, ["1005", "1004"]);
    assert_eq!(query("directions=MISSED_INCOMING").await, ["1002"]);
    assert_eq!(
        query("connectionIds=p1&connectionIds=f0").await,
        ["1005", "1002"]
    );
    assert_eq!(query("starred=STARRED").await, ["1001"]);
    assert_eq!(query("starred=UNSTARRED&types=CALL").await, ["1002"]);
    assert_eq!(
        query("phonenumber=%2B4940987654321").await,
        ["1003", "1002"]
    );
    assert_eq!(query("phonenumber=4940987654321").await, ["1003", "1002"]);
    let cutoff = (chrono::Utc::now() - chrono::Duration::hours(25))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let encoded: String = form_urlencoded::byte_serialize(cutoff.as_bytes()).collect();
    assert_eq!(
        query(&format!("from={encoded}")).await,
        ["1005", "1004", "1003"]
    );
    assert_eq!(query(&format!("to={encoded}")).await, ["1002", "1001"]);

    let page = api.get("/history?offset=1&limit=2").await;
    assert_eq!(ids(&page.json, "items"), ["1004", "1003"]);
    assert_eq!(page.json["totalCount"], 5);
    let beyond = api.get("/history?offset=10").await;
    assert!(ids(&beyond.json, "items").is_empty());
    assert_eq!(beyond.json["totalCount"], 5);

    for bad in [
        "limit=1001",
        "limit=-1",
        "offset=x",
        "types=PIGEON",
        "directions=SIDEWAYS",
        "starred=yes",
        "archived=maybe",
        "from=yesterday",
    ] {
        let answer = api.get(&format!("/history?{bad}")).await;
        assert_eq!(answer.status, 400, "{bad}");
    }
    assert_eq!(api.get("/history?limit=1000").await.status, 200);
}

#[tokio::test]
async fn history_entries_are_updated_and_deleted() {
    let api = Api::new().await;
    let one = api.get("/history/1002").await;
    assert_eq!(one.json["read"], false);
    assert_eq!(api.get("/history/9999").await.status, 404);

    let update = api
        .put(
            "/history/1002",
            json!({"note": "call back", "starred": true, "read": true}),
        )
        .await;
    assert_eq!(update.status, 204);
    let updated = api.get("/history/1002").await.json;
    assert_eq!(
        (
            updated["note"].clone(),
            updated["starred"].clone(),
            updated["read"].clone()
        ),
        (json!("call back"), json!(true), json!(true))
    );
    assert_eq!(
        api.put("/history/9999", json!({"read": true})).await.status,
        404
    );
    assert_eq!(
        api.put("/history/1002", json!({"read": "yes"}))
            .await
            .status,
        400
    );

    let batch = api
        .put("/history", json!([{"id": "1001", "archived": true}, {"id": "1003", "read": true, "starred": true}]))
        .await;
    assert_eq!(batch.status, 204);
    assert_eq!(api.get("/history/1001").await.json["archived"], true);
    assert_eq!(api.get("/history/1003").await.json["starred"], true);
    assert_eq!(
        ids(&api.get("/history?archived=true").await.json, "items"),
        ["1001", "1006"]
    );

    // All or nothing.
    let partly_unknown = api
        .put(
            "/history",
            json!([{"id": "1004", "starred": true}, {"id": "nope", "read": true}]),
        )
        .await;
    assert_eq!(partly_unknown.status, 404);
    assert_eq!(api.get("/history/1004").await.json["starred"], false);
    let too_many: Vec<_> = (0..150)
        .map(|_| json!({"id": "1004", "read": true}))
        .collect();
    assert_eq!(api.put("/history", json!(too_many)).await.status, 400);
    assert_eq!(
        api.put("/history", json!([{"read": true}])).await.status,
        400
    );
    assert_eq!(api.put("/history", json!({"id": "1004"})).await.status, 400);
    assert_eq!(api.put("/history", json!([])).await.status, 204);

    assert_eq!(api.delete("/history/1005").await.status, 204);
    assert_eq!(api.get("/history/1005").await.status, 404);
    assert_eq!(api.delete("/history/1005").await.status, 404);
    assert_eq!(
        api.delete("/history?id=1002&id=1003&id=unknown")
            .await
            .status,
        204
    );
    assert_eq!(ids(&api.get("/history").await.json, "items"), ["1004"]);
    assert_eq!(api.delete("/history").await.status, 400);
    assert_eq!(api.sandbox.history().len(), 3);
}

#[tokio::test]
async fn history_exports_csv() {
    let api = Api::new().await;
    let export = api.get("/history/export?types=CALL&limit=5").await;
    assert_eq!(export.status, 200);
    assert_eq!(export.content_type, "application/octet-stream");
    let lines: Vec<&str> = export.text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("id,created,lastModified,type,direction,status,source"));
    assert!(lines[1].starts_with("1002,"));
    assert!(lines[2].contains(",CALL,INCOMING,PICKUP,+4930123456789,Grace Hopper,"));
    let archived = api.get("/history/export?archived=true").await;
    assert_eq!(archived.text.lines().count(), 2);
    assert_eq!(api.get("/history/export?types=NOPE").await.status, 400);
}

#[tokio::test]
async fn sent_sms_and_calls_appear_in_history() {
    let api = Api::new().await;
    api.post(
        "/sessions/sms",
        json!({"smsId": "s0", "recipient": "+4930123456789", "message": "Hi Grace"}),
    )
    .await;
    let sms = api.get("/history?types=SMS&directions=OUTGOING").await;
    assert_eq!(sms.json["totalCount"], 1);
    let entry = &sms.json["items"][0];
    assert_eq!(entry["smsContent"], "Hi Grace");
    assert_eq!(entry["source"], "+4921100000000");
    assert_eq!(entry["target"], "+4930123456789");
    assert_eq!(entry["targetAlias"], "Grace Hopper");
    assert_eq!(entry["connectionIds"], json!(["s0"]));
    assert_eq!(entry["id"], api.sandbox.sent_sms()[0].history_id.as_str());
}

#[tokio::test]
async fn contacts_list_filter_and_page() {
    let api = Api::new().await;
    let all = api.get("/contacts").await;
    assert_eq!(ids(&all.json, "items"), ["c0", "c1", "c2"]);
    assert_eq!(all.json["totalCount"], 3);
    let grace = &all.json["items"][0];
    assert_eq!(grace["name"], "Grace Hopper");
    assert_eq!(grace["scope"], "SHARED");
    assert_eq!(grace["picture"], json!(null));
    assert_eq!(
        grace["numbers"][0],
        json!({"number": "+4930123456789", "type": ["work"]})
    );
    assert_eq!(grace["emails"][0]["email"], "grace@example.com");
    assert_eq!(grace["organization"], json!([["Navy", "Computing"]]));
    assert_eq!(grace["addresses"][0]["locality"], "Arlington");
    assert_eq!(all.json["items"][2]["scope"], "INTERNAL");

    let filtered = api
        .get("/contacts?phonenumbers=%2B4940987654321&phonenumbers=%2B4921100000001")
        .await;
    assert_eq!(ids(&filtered.json, "items"), ["c1", "c2"]);
    assert_eq!(filtered.json["totalCount"], 2);
    let page = api.get("/contacts?offset=1&limit=1").await;
    assert_eq!(ids(&page.json, "items"), ["c1"]);
    assert_eq!(page.json["totalCount"], 3);
    assert_eq!(api.get("/contacts?limit=all").await.status, 400);
}

#[tokio::test]
async fn contacts_are_created_updated_and_deleted() {
    let api = Api::new().await;
    let created = api
        .post(
            "/contacts",
            json!({"name": "A B", "family": "B", "given": "A", "organization": [["Org", "Dept"]], "picture": null, "scope": "SHARED",
                   "addresses": [{"streetAddress": "Main St 1", "locality": "Town"}],
                   "emails": [{"email": "a@b.de", "type": []}], "numbers": [{"number": "+49211", "type": ["work"]}]}),
        )
        .await;
    assert_eq!(created.status, 204);
    let listed = api.get("/contacts?phonenumbers=%2B49211").await;
    assert_eq!(listed.json["totalCount"], 1);
    let contact = listed.json["items"][0].clone();
    assert_eq!(contact["name"], "A B");
    assert_eq!(contact["scope"], "SHARED");
    assert_eq!(contact["addresses"][0]["streetAddress"], "Main St 1");
    let id = contact["id"].as_str().expect("id").to_owned();

    // Name composed from given/family when missing.
    assert_eq!(
        api.post(
            "/contacts",
            json!({"given": "Ada", "family": "Byron", "scope": "PRIVATE"})
        )
        .await
        .status,
        204
    );
    assert!(
        api.sandbox
            .contacts()
            .iter()
            .any(|c| c.name == "Ada Byron" && c.scope == "PRIVATE")
    );

    api.expect_rejections(
        "/contacts",
        vec![
            (json!({"name": "X"}), 400, "scope"),
            (json!({"name": "X", "scope": "INTERNAL"}), 400, "scope"),
            (json!({"name": "", "scope": "PRIVATE"}), 400, "name"),
            (
                json!({"name": "X", "scope": "PRIVATE", "emails": [{"email": "nope"}]}),
                400,
                "emails",
            ),
            (
                json!({"name": "X", "scope": "PRIVATE", "numbers": [{"type": []}]}),
                400,
                "numbers",
            ),
            (
                json!({"name": "X", "scope": "PRIVATE", "organization": "Org"}),
                400,
                "organization",
            ),
        ],
    )
    .await;

    let mut changed = contact.clone();
    changed["name"] = json!("A. B.");
    changed["numbers"] = json!([{"number": "+49212", "type": ["cell"]}]);
    assert_eq!(
        api.put(&format!("/contacts/{id}"), changed.clone())
            .await
            .status,
        204
    );
    let after = api.get("/contacts?phonenumbers=%2B49212").await;
    assert_eq!(after.json["items"][0]["name"], "A. B.");
    assert_eq!(after.json["totalCount"], 1);
    assert_eq!(
        api.put("/contacts/nope", json!({"name": "X", "scope": "PRIVATE"}))
            .await
            .status,
        404
    );
    assert_eq!(
        api.put(
            &format!("/contacts/{id}"),
            json!({"id": "other", "name": "X", "scope": "PRIVATE"})
        )
        .await
        .status,
        400
    );
    assert_eq!(
        api.put("/contacts/c2", json!({"name": "X", "scope": "PRIVATE"}))
            .await
            .status,
        403
    );

    assert_eq!(api.delete(&format!("/contacts/{id}")).await.status, 204);
    assert_eq!(api.delete(&format!("/contacts/{id}")).await.status, 404);
    assert_eq!(api.delete("/contacts/c2").await.status, 403);
    assert_eq!(
        api.get("/contacts?phonenumbers=%2B49212").await.json["totalCount"],
        0
    );

    // DELETE /contacts removes the private ones only.
    assert_eq!(api.delete("/contacts").await.status, 204);
    let scopes: Vec<String> = api
        .sandbox
        .contacts()
        .into_iter()
        .map(|c| c.scope)
        .collect();
    assert_eq!(scopes, ["SHARED", "INTERNAL"]);
}

#[tokio::test]
async fn csv_import_creates_contacts() {
    let api = Api::new().await;
    let csv = "lastname,firstname,number,ignored\nTuring,Alan,+4921163553355,x\n\n\"Lovelace, Countess\",Ada,+4921163553356,y\n";
    let imported = api
        .post(
            "/contacts/import/csv",
            json!({"base64Content": STANDARD.encode(csv)}),
        )
        .await;
    assert_eq!(imported.status, 204);
    let names: Vec<String> = api
        .sandbox
        .contacts()
        .into_iter()
        .skip(3)
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Alan Turing", "Ada Lovelace, Countess"]);
    let listed = api.get("/contacts?phonenumbers=%2B4921163553356").await;
    assert_eq!(listed.json["items"][0]["scope"], "PRIVATE");

    // Node's Latin-1 base64 of "Müller" still imports.
    let latin1: Vec<u8> = "firstname,lastname,number\nJörg,Müller,+4930111\n"
        .chars()
        .map(|c| c as u8)
        .collect();
    assert_eq!(
        api.post(
            "/contacts/import/csv",
            json!({"base64Content": STANDARD.encode(latin1)})
        )
        .await
        .status,
        204
    );
    assert!(
        api.sandbox
            .contacts()
            .iter()
            .any(|c| c.name == "Jörg Müller")
    );

    let before = api.sandbox.contacts().len();
    api.expect_rejections(
        "/contacts/import/csv",
        vec![
        (
            json!({"base64Content": STANDARD.encode("first,last,number\nA,B,+4930111\n")}),
            400,
            "firstname",
        ),
        (
            json!({"base64Content": STANDARD.encode("firstname,lastname,number\nA,B\n")}),
            400,
            "line 2",
        ),
        (
            json!({"base64Content": STANDARD.encode("firstname,lastname,number\nA,B,+4930111\nC,D,not-a-number\n")}),
            400,
            "line 3",
        ),
        (json!({"base64Content": "%%%"}), 400, "base64"),
        ],
    )
    .await;
    assert_eq!(
        api.post("/contacts/import/csv", json!({})).await.status,
        400
    );
    assert_eq!(
        api.sandbox.contacts().len(),
        before,
        "a bad file imports nothing"
    );
    let text = api
        .raw(
            Method::POST,
            "/contacts/import/csv",
            "text/csv",
            "firstname,lastname,number",
        )
        .await;
    assert_eq!(text.status, 415);
}

#[tokio::test]
async fn internal_contacts_list_colleagues() {
    let api = Api::new().await;
    let internal = api.get("/contacts/internal").await;
    assert_eq!(ids(&internal.json, "items"), ["w0", "w1"]);
    let ada = &internal.json["items"][0];
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["landline"], json!(["+4921100000000"]));
    assert_eq!(ada["mobile"], json!(["+4915700000000"]));
    assert_eq!(ada["fax"], json!(["+4921100000009"]));
    assert_eq!(ada["directdial"], json!(["10"]));
    assert_eq!(ada["emails"], json!(["ada.lovelace@example.com"]));
}
