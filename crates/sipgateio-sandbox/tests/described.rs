//! The whole API description over real HTTP: every operation is answered (none is "no such
//! endpoint" or 405), the long tail keeps what it is given, bad requests are refused naming the
//! field, and strict mode checks the hand-written routes too.

mod common;

use common::{Api, detail};
use reqwest::Method;
use serde_json::{Map, Value, json};
use sipgateio_sandbox::{SandboxConfig, Served, operations};

/// The committed description, read here with the test's own few lines (not the sandbox's
/// reader): a request made from it must be accepted.
fn description() -> Value {
    serde_json::from_str(include_str!("../api/sipgate-api.json")).expect("the description is JSON")
}

fn resolve<'a>(d: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            resolve(d, &d["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// A minimal value for a schema: required fields only, the first enum value.
fn minimal(d: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(d, schema);
    if let Some(first) = schema["enum"].get(0) {
        return first.clone();
    }
    match schema["type"].as_str() {
        Some("integer") => json!(schema["minimum"].as_i64().unwrap_or(1).max(1)),
        Some("number") => json!(1.0),
        Some("boolean") => json!(false),
        Some("array") => json!([]),
        Some("string") => json!("+4921100000000"),
        _ if depth > 8 => json!({}),
        _ => {
            let mut out = Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or_default();
                out.insert(
                    name.to_owned(),
                    minimal(d, &schema["properties"][name], depth + 1),
                );
            }
            Value::Object(out)
        }
    }
}

/// A request for an operation: path parameters filled in, required query parameters and a
/// body of the required fields.
fn request_for(d: &Value, path: &str, method: &str, op: &Value) -> (String, Option<Value>) {
    let mut url = path.to_owned();
    let mut query = Vec::new();
    for param in op["parameters"].as_array().into_iter().flatten() {
        let name = param["name"].as_str().unwrap_or_default();
        let schema = resolve(d, &param["schema"]);
        let value = match (name, schema["type"].as_str()) {
            // Deleting a user deletes it: not the one every later request is for.
            ("userId", _) if method == "delete" && path == "/users/{userId}" => "w1".to_owned(),
            ("userId", _) => "w0".to_owned(),
            // A device the account has (reading one it has not is a 404); deleting one that
            // is made up.
            ("deviceId", _) if !(method == "delete" && path == "/devices/{deviceId}") => {
                "e0".to_owned()
            }
            (_, Some("integer")) => "1".to_owned(),
            (_, Some("array")) => minimal(d, &schema["items"], 0)
                .as_str()
                .unwrap_or("1")
                .to_owned(),
            _ => match minimal(d, schema, 0) {
                Value::String(text) if schema["enum"].is_array() => text,
                _ => "x1".to_owned(),
            },
        };
        match param["in"].as_str() {
            Some("path") => url = url.replace(&format!("{{{name}}}"), &value),
            Some("query") if param["required"] == true => query.push(format!("{name}={value}")),
            _ => {}
        }
    }
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let mut body = op["requestBody"]["content"]
        .as_object()
        .and_then(|c| c.values().next())
        .map(|media| minimal(d, &media["schema"], 0));
    // A web user named in a body is one of the account's (`POST /numbers/quickdial`).
    if let Some(user) = body.as_mut().and_then(|b| b.get_mut("userId")) {
        *user = json!("w0");
    }
    (url, body)
}

#[tokio::test]
async fn every_operation_of_the_description_is_answered() {
    let d = description();
    let api = Api::with(SandboxConfig::default().fax_step(None).strict(true)).await;
    let served = operations();
    let mut walked = 0;
    let mut failures = Vec::new();
    for (path, item) in d["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let id = op["operationId"].as_str().unwrap_or_default();
            let (url, body) = request_for(&d, path, method, op);
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).expect("verb");
            let answer = api.call(method.clone(), &url, body.clone()).await;
            walked += 1;
            let no_endpoint =
                answer.status == 404 && detail(&answer.json).contains("no such endpoint");
            let kind = served
                .iter()
                .find(|o| o.operation_id == id)
                .map(|o| o.served);
            // The long tail must accept a request made from its description; a hand-written
            // route may refuse made-up values (a phone number it checks), never the endpoint.
            let refused = kind == Some(Served::Described) && !(200..300).contains(&answer.status);
            if no_endpoint || answer.status == 405 || kind.is_none() || refused {
                failures.push(format!(
                    "{id}: {method} {url} {body:?} → {} {}",
                    answer.status, answer.text
                ));
            }
        }
    }
    assert_eq!(walked, served.len());
    assert!(
        failures.is_empty(),
        "not answered:\n{}",
        failures.join("\n")
    );
    let answered = api.sandbox.answered_operations();
    assert!(answered.contains("getClients") && answered.contains("userinfo"));
}

#[tokio::test]
async fn long_tail_resources_are_created_read_listed_updated_and_deleted() {
    let api = Api::new().await;
    let client = json!({
        "name": "CRM sync",
        "description": "pushes calls into the CRM",
        "redirectUris": ["https://crm.example.com/callback"],
        "webOrigins": [],
        "privacyUrl": "https://crm.example.com/privacy",
        "termsUrl": "https://crm.example.com/terms"
    });
    let created = api.post("/authorization/oauth2/clients", client).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let id = created.json["clientId"]
        .as_str()
        .expect("a fresh id")
        .to_owned();
    assert_eq!(created.json["name"], "CRM sync");

    let read = api
        .get(&format!("/authorization/oauth2/clients/{id}"))
        .await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json["clientId"], id.as_str());
    assert_eq!(
        read.json["redirectUris"],
        json!(["https://crm.example.com/callback"])
    );

    let listed = api.get("/authorization/oauth2/clients").await;
    assert_eq!(listed.status, 200);
    let items = listed.json["data"].as_array().expect("a list");
    assert_eq!(items.len(), 1, "{}", listed.text);
    assert_eq!(items[0]["clientId"], id.as_str());

    let mut renamed = created.json.clone();
    renamed["name"] = json!("CRM sync v2");
    for key in ["clientId", "clientSecret"] {
        if let Some(object) = renamed.as_object_mut() {
            object.remove(key);
        }
    }
    let updated = api
        .put(&format!("/authorization/oauth2/clients/{id}"), renamed)
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    let read = api
        .get(&format!("/authorization/oauth2/clients/{id}"))
        .await;
    assert_eq!(read.json["name"], "CRM sync v2");

    let deleted = api
        .delete(&format!("/authorization/oauth2/clients/{id}"))
        .await;
    assert_eq!(deleted.status, 202, "the documented status");
    assert!(deleted.text.is_empty(), "no body is declared");
    let gone = api
        .get(&format!("/authorization/oauth2/clients/{id}"))
        .await;
    assert_eq!(gone.status, 404);
    let listed = api.get("/authorization/oauth2/clients").await;
    assert_eq!(listed.json["data"], json!([]));

    // A setting: what a PUT stores, a GET returns.
    let before = api.get("/devices/e0/singlerowdisplay").await;
    assert_eq!(before.status, 200, "{}", before.text);
    assert_eq!(before.json["enabled"], false, "the documented default");
    let set = api
        .put("/devices/e0/singlerowdisplay", json!({"enabled": true}))
        .await;
    assert!(set.status == 204 || set.status == 200, "{}", set.text);
    let after = api.get("/devices/e0/singlerowdisplay").await;
    assert_eq!(after.json["enabled"], true, "{}", after.text);
}

#[tokio::test]
async fn a_device_created_in_the_long_tail_is_read_listed_and_deleted() {
    let api = Api::new().await;
    let created = api
        .post(
            "/w0/devices",
            json!({"type": "REGISTER", "alias": "Desk phone"}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    let id = created.json["id"].as_str().expect("a fresh id").to_owned();
    assert_ne!(id, "w0");
    assert_eq!(created.json["alias"], "Desk phone");
    assert_eq!(created.json["type"], "REGISTER");

    let read = api.get(&format!("/devices/{id}")).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.json["id"], id.as_str());
    assert_eq!(read.json["alias"], "Desk phone");

    // The hand-written listing of w0's devices shows it after the seeded ones.
    let listed = api.get("/w0/devices").await;
    assert_eq!(listed.status, 200);
    let ids = common::ids(&listed.json, "items");
    assert!(ids.contains(&"e0".to_owned()), "{ids:?}");
    assert_eq!(ids.last(), Some(&id), "{}", listed.text);
    assert!(!common::ids(&api.get("/w1/devices").await.json, "items").contains(&id));

    let deleted = api.delete(&format!("/devices/{id}")).await;
    assert!((200..300).contains(&deleted.status), "{}", deleted.text);
    assert_eq!(api.get(&format!("/devices/{id}")).await.status, 404);
    assert!(!common::ids(&api.get("/w0/devices").await.json, "items").contains(&id));
}

#[tokio::test]
async fn a_phoneline_created_in_the_long_tail_is_seen_by_the_hand_written_routes() {
    let api = Api::new().await;
    let created = api.call(Method::POST, "/w0/phonelines", None).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let id = created.json["id"].as_str().expect("a fresh id").to_owned();
    let read = api.get(&format!("/w0/phonelines/{id}")).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.json["id"], id.as_str());
    let listed = common::ids(&api.get("/w0/phonelines").await.json, "items");
    assert_eq!(listed.first().map(String::as_str), Some("p0"));
    assert_eq!(listed.last(), Some(&id));
    assert!((200..300).contains(&api.delete(&format!("/w0/phonelines/{id}")).await.status));
    assert_eq!(api.get(&format!("/w0/phonelines/{id}")).await.status, 404);
    assert!(!common::ids(&api.get("/w0/phonelines").await.json, "items").contains(&id));
}

#[tokio::test]
async fn bad_requests_are_refused_naming_the_field() {
    let api = Api::new().await;
    let wrong_type = api
        .post(
            "/authorization/oauth2/clients",
            json!({"name": 7, "description": "d", "redirectUris": [], "webOrigins": [],
                   "privacyUrl": "p", "termsUrl": "t"}),
        )
        .await;
    assert_eq!(wrong_type.status, 400);
    let error = &wrong_type.json["errors"][0];
    assert_eq!(error["status"], 400);
    assert_eq!(error["title"], "Bad Request");
    assert_eq!(error["source"]["pointer"], "/name");
    assert!(
        detail(&wrong_type.json).contains("`name` must be a string"),
        "{}",
        wrong_type.text
    );

    let missing = api
        .post("/authorization/oauth2/clients", json!({"name": "n"}))
        .await;
    assert_eq!(missing.status, 400);
    assert!(
        detail(&missing.json).contains("is required"),
        "{}",
        missing.text
    );

    let bad_path = api.get("/addresses/abc").await;
    assert_eq!(bad_path.status, 400);
    assert_eq!(
        bad_path.json["errors"][0]["source"]["pointer"],
        "/addressId"
    );

    let bad_enum = api.get("/restrictions?userId=w0&restriction=CAN_FLY").await;
    assert_eq!(bad_enum.status, 400, "{}", bad_enum.text);
    assert_eq!(
        bad_enum.json["errors"][0]["source"]["pointer"],
        "/restriction"
    );

    let missing_query = api.get("/restrictions").await;
    assert_eq!(missing_query.status, 400);
    assert!(detail(&missing_query.json).contains("`userId` is required"));

    let not_json = api
        .raw(
            Method::POST,
            "/authorization/oauth2/clients",
            "application/json",
            "{",
        )
        .await;
    assert_eq!(not_json.status, 400);
    assert_eq!(
        api.get("/authorization/oauth2/clients").await.json["data"],
        json!([])
    );
}

#[tokio::test]
async fn strict_mode_refuses_what_the_description_does_not_know() {
    let lenient = Api::new().await;
    let strict = Api::with(SandboxConfig::default().strict(true)).await;
    let sms =
        json!({"smsId": "s0", "recipient": "+4915790000002", "message": "hi", "colour": "red"});

    // The hand-written SMS route: lenient sends it, strict refuses the unknown field.
    let sent = lenient.post("/sessions/sms", sms.clone()).await;
    assert!((200..300).contains(&sent.status), "{}", sent.text);
    let refused = strict.post("/sessions/sms", sms).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json["errors"][0]["source"]["pointer"], "/colour");
    assert!(strict.sandbox.sent_sms().is_empty(), "nothing is sent");

    // Unknown query parameters.
    assert_eq!(lenient.get("/balance?currency=EUR").await.status, 200);
    let query = strict.get("/balance?currency=EUR").await;
    assert_eq!(query.status, 400);
    assert_eq!(query.json["errors"][0]["source"]["pointer"], "/currency");

    // Wrong types and missing fields on a stateful route.
    let typed = strict
        .post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": 49, "message": "hi"}),
        )
        .await;
    assert_eq!(typed.status, 400);
    assert_eq!(typed.json["errors"][0]["source"]["pointer"], "/recipient");

    // What the description knows passes strict mode unchanged.
    let fine = strict
        .post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": "+4915790000002", "message": "hi"}),
        )
        .await;
    assert!((200..300).contains(&fine.status), "{}", fine.text);
    assert_eq!(strict.sandbox.sent_sms().len(), 1);
}

#[tokio::test]
async fn the_long_tail_keeps_auth_and_failures_on_demand() {
    let api = Api::new().await;
    let anonymous = api
        .http
        .get(api.url("/devices/e0/singlerowdisplay"))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
    let failing = api.get("/devices/4915700000503/singlerowdisplay").await;
    assert_eq!(failing.status, 503);
    let rate_limited = api
        .post(
            "/numbers/quickdial",
            json!({"userId": "w0", "number": "+4915700000429"}),
        )
        .await;
    assert_eq!(rate_limited.status, 429);
    assert!(
        !api.sandbox
            .answered_operations()
            .contains("addQuickDialNumber")
    );

    // A method the API does not have on a path it knows.
    let wrong_method = api.call(Method::PATCH, "/devices/e0/alias", None).await;
    assert_eq!(wrong_method.status, 405, "{}", wrong_method.text);
}
