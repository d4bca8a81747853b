//! The generated client (one `async fn` per operation) and its generated wiremock tests.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::{Api, HEADER, Model, Operation, Param, REFERENCE, Ty, collect_ids, names, push_doc};

/// The web user the generated tests' `GET /authorization/userinfo` answers with.
const ME: &str = "w7";

/// How an argument is passed to a generated method.
fn arg_type(ty: &Ty, required: bool) -> String {
    let base = match ty {
        Ty::String => "&str".to_owned(),
        Ty::Id(id) => format!("&{id}"),
        Ty::Vec(inner) if **inner == Ty::String => "&[&str]".to_owned(),
        Ty::Vec(inner) => format!("&[{}]", inner.rust()),
        Ty::Named(name) => format!("&{name}"),
        Ty::Json => "&serde_json::Value".to_owned(),
        Ty::Secret => "&Secret".to_owned(),
        other => other.rust(),
    };
    if required || matches!(ty, Ty::Vec(_)) {
        base
    } else {
        format!("Option<{base}>")
    }
}

/// The success status a mock answers with: the documented one, else 204.
fn success_status(op: &Operation) -> u16 {
    op.success.unwrap_or(204)
}

/// Whether a path parameter of type `ty` is text that `path_segment` checks (empty ids are
/// refused before any request).
fn is_text(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Id(_))
}

/// Whether `op` comes as a for-me / `_of` pair.
fn paired(op: &Operation) -> bool {
    names::belongs_to_a_webuser(&op.path)
}

/// The name of the form that takes the web user: `{name}_of` for a pair, else the name.
fn of_name(op: &Operation) -> String {
    if paired(op) {
        format!("{}_of", op.name)
    } else {
        op.name.clone()
    }
}

/// The argument expression of a text path parameter for `path_segment`.
fn segment_arg(param: &Param) -> String {
    match param.ty {
        Ty::Id(_) => format!("{}.as_str()", param.rust),
        _ => param.rust.clone(),
    }
}

fn request_fn(method: &str) -> String {
    method.to_lowercase()
}

/// `format!("/users/{}", path_segment("userId", user_id)?)`, `format!("/addresses/{address_id}")`
/// (a number is inlined, as clippy's `uninlined_format_args` asks) or `"/balance"`.
fn path_expr(op: &Operation) -> String {
    if op.path_params.is_empty() {
        return format!("\"{}\"", op.path);
    }
    let mut template = op.path.clone();
    let mut args = Vec::new();
    for param in &op.path_params {
        let placeholder = format!("{{{}}}", param.json);
        if is_text(&param.ty) {
            template = template.replace(&placeholder, "{}");
            args.push(format!(
                "path_segment(\"{}\", {})?",
                param.json,
                segment_arg(param)
            ));
        } else {
            template = template.replace(&placeholder, &format!("{{{}}}", param.rust));
        }
    }
    if args.is_empty() {
        format!("format!(\"{template}\")")
    } else {
        format!("format!(\"{template}\", {})", args.join(", "))
    }
}

fn query_expr(query: &[Param]) -> Option<String> {
    if query.is_empty() {
        return None;
    }
    let mut expr = "Query::new()".to_owned();
    for param in query {
        let call = match (&param.ty, param.required) {
            (Ty::Vec(_), _) => "push_all",
            (_, true) => "push",
            (_, false) => "push_opt",
        };
        expr.push_str(&format!(".{call}(\"{}\", {})", param.json, param.rust));
    }
    Some(expr)
}

fn error_doc(op: &Operation, for_me: bool) -> Vec<String> {
    let mut doc = vec![String::new(), "# Errors".to_owned(), String::new()];
    let checked = op
        .path_params
        .iter()
        .any(|p| is_text(&p.ty) && !(for_me && p.json == "userId"));
    if checked {
        doc.push(
            "[`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) when an id is empty \
             (nothing is sent);"
                .to_owned(),
        );
    }
    if for_me {
        doc.push(
            "the errors of looking up the authenticated web user \
             ([`Client::get_authenticated_webuser_id`]);"
                .to_owned(),
        );
    }
    for (status, meaning) in &op.errors {
        let variant = variant(*status).trim_end_matches("(_)");
        let mut line = format!("status {status}: [`{variant}`](sipgateio_core::{variant})");
        if let Some(meaning) = meaning {
            line.push_str(&format!(", with the meaning \"{meaning}\" in its message"));
        }
        line.push(';');
        doc.push(line);
    }
    if doc.len() == 3 {
        // nothing particular to this operation
        doc.push("The failures of [`sipgateio_core::Error`].".to_owned());
    } else {
        doc.push("and the other failures of [`sipgateio_core::Error`].".to_owned());
    }
    doc
}

/// How the docs name a value of type `ty`.
fn ty_doc(ty: &Ty) -> String {
    match ty {
        Ty::Named(name) => format!("[`{name}`]"),
        Ty::Id(id) => format!("[`{id}`]"),
        Ty::Vec(inner) => format!("a list of {}", ty_doc(inner).trim_start_matches("a ")),
        Ty::String => "a string".to_owned(),
        Ty::Secret => "a secret string".to_owned(),
        Ty::Bool => "a boolean".to_owned(),
        Ty::I32 | Ty::I64 | Ty::F64 => "a number".to_owned(),
        Ty::Json => "any JSON value".to_owned(),
    }
}

/// The facts of an operation as doc lines: what it sends and answers, the scopes it needs,
/// whether it is deprecated, and where sipgate's API reference describes it.
fn facts_doc(op: &Operation) -> Vec<String> {
    let mut sentences = Vec::new();
    if let Some(body) = &op.body {
        sentences.push(format!("Sends {} as JSON.", ty_doc(body)));
    }
    match (&op.response, op.success) {
        (Some(ty), Some(status)) => {
            sentences.push(format!("Answers {status} with {}.", ty_doc(ty)))
        }
        (Some(ty), None) => sentences.push(format!("Answers with {}.", ty_doc(ty))),
        (None, Some(status)) => sentences.push(format!("Answers {status} without a body.")),
        (None, None) => sentences.push("Answers without a body.".to_owned()),
    }
    if !op.scopes.is_empty() {
        let scopes: Vec<String> = op.scopes.iter().map(|s| format!("`{s}`")).collect();
        sentences.push(format!(
            "With OAuth, the token needs one of the scopes {}.",
            scopes.join(", ")
        ));
    }
    if op.deprecated {
        sentences.push("sipgate's API description marks this operation as deprecated.".to_owned());
    }
    vec![
        sentences.join(" "),
        String::new(),
        format!(
            "sipgate's API reference: [`{}`]({REFERENCE}) in the area `{}`.",
            op.id, op.tag
        ),
    ]
}

/// `name: type` of every argument after `&self`, without the web user's for the for-me form.
fn params(op: &Operation, for_me: bool) -> Vec<&Param> {
    op.path_params
        .iter()
        .filter(|p| !(for_me && p.json == "userId"))
        .chain(&op.query)
        .collect()
}

fn signature(op: &Operation, name: &str, for_me: bool) -> String {
    let mut args = vec!["&self".to_owned()];
    for param in params(op, for_me) {
        args.push(format!(
            "{}: {}",
            param.rust,
            arg_type(&param.ty, param.required)
        ));
    }
    if let Some(body) = &op.body {
        args.push(format!("body: {}", arg_type(body, true)));
    }
    let returns = op.response.as_ref().map_or("()".to_owned(), Ty::rust);
    format!(
        "    pub async fn {name}({}) -> Result<{returns}> {{\n",
        args.join(", ")
    )
}

/// `#[doc(alias = "<operationId>")]`, so that sipgate's name finds the method (rustdoc refuses
/// an alias equal to the name).
fn push_alias(out: &mut String, op: &Operation, name: &str) {
    if op.id != name {
        out.push_str(&format!("    #[doc(alias = \"{}\")]\n", op.id));
    }
}

fn render_method(out: &mut String, op: &Operation) {
    let mut doc = Vec::new();
    if paired(op) {
        doc.push(format!(
            "`{} {}` (sipgate's `{}`) for the web user `user_id`; [`{}`](Self::{}) does the \
             same for the authenticated web user.",
            op.method, op.path, op.id, op.name, op.name
        ));
    } else {
        doc.push(format!(
            "`{} {}` (sipgate's `{}`).",
            op.method, op.path, op.id
        ));
    }
    doc.push(String::new());
    doc.extend(facts_doc(op));
    doc.extend(error_doc(op, false));
    push_doc(out, "    ", &doc);
    push_alias(out, op, &of_name(op));
    out.push_str(&signature(op, &of_name(op), false));
    let mut request = format!("Request::{}({})", request_fn(&op.method), path_expr(op));
    if let Some(query) = query_expr(&op.query) {
        request.push_str(&format!(".query({query})"));
    }
    for (status, meaning) in &op.errors {
        if let Some(meaning) = meaning {
            request.push_str(&format!(".on_status({status}, {meaning:?})"));
        }
    }
    if op.path_params.iter().any(|p| names::is_secret(&p.json)) {
        // the logs show the template, not the secret in the path
        request.push_str(&format!(".log_path({:?})", op.path));
    }
    if op.body.is_some() {
        request.push_str(".json(body)?");
    }
    out.push_str(&format!("        let request = {request};\n"));
    if op.response.is_some() {
        out.push_str("        self.client.send(request).await\n");
    } else {
        out.push_str("        self.client.send_no_content(request).await\n");
    }
    out.push_str("    }\n\n");
    if paired(op) {
        render_for_me(out, op);
    }
}

/// The for-me form of a pair: checks its other ids, looks up the authenticated web user and
/// calls the `_of` form.
fn render_for_me(out: &mut String, op: &Operation) {
    let mut doc = Vec::new();
    doc.push(format!(
        "`{} {}` (sipgate's `{}`) for the authenticated web user: [`{}`](Self::{}) with the id \
         of [`Client::get_authenticated_webuser_id`].",
        op.method,
        op.path,
        op.id,
        of_name(op),
        of_name(op)
    ));
    if op
        .path_params
        .iter()
        .any(|p| is_text(&p.ty) && p.json != "userId")
        && let Some(last) = doc.last_mut()
    {
        last.push_str(" The other ids are checked before the user is looked up.");
    }
    doc.extend(error_doc(op, true));
    push_doc(out, "    ", &doc);
    push_alias(out, op, &op.name);
    out.push_str(&signature(op, &op.name, true));
    let mut args = Vec::new();
    for param in &op.path_params {
        if param.json == "userId" {
            args.push("&user_id".to_owned());
            continue;
        }
        if is_text(&param.ty) {
            out.push_str(&format!(
                "        check_id(\"{}\", {})?;\n",
                param.json,
                segment_arg(param)
            ));
        }
        args.push(param.rust.clone());
    }
    args.extend(op.query.iter().map(|p| p.rust.clone()));
    if op.body.is_some() {
        args.push("body".to_owned());
    }
    out.push_str("        let user_id = self.me().await?;\n");
    out.push_str(&format!(
        "        self.{}({}).await\n    }}\n\n",
        of_name(op),
        args.join(", ")
    ));
}

/// The id types the client's parameters and the models use.
pub(crate) fn ids_used(api: &Api) -> BTreeSet<&'static str> {
    let mut ids = BTreeSet::new();
    for op in &api.operations {
        for param in op.path_params.iter().chain(&op.query) {
            collect_ids(&param.ty, &mut ids);
        }
        if paired(op) {
            ids.insert("WebuserId");
        }
    }
    for model in api.models.values() {
        if let Model::Struct { fields, .. } = model {
            for field in fields {
                collect_ids(&field.ty, &mut ids);
            }
        }
    }
    ids
}

/// The generated client module.
pub(crate) fn render_client(api: &Api) -> String {
    let mut out = String::from(HEADER);
    out.push_str(&format!(
        "//! The account administration client: one `async fn` per operation of {} in the\n//! areas of [`crate::models`].\n\n",
        api.source()
    ));
    let uses_query = api.operations.iter().any(|op| !op.query.is_empty());
    let uses_segment = api
        .operations
        .iter()
        .any(|op| op.path_params.iter().any(|p| is_text(&p.ty)));
    let any_pair = api.operations.iter().any(paired);
    let mut transport = vec!["Request"];
    if uses_query {
        transport.insert(0, "Query");
    }
    if uses_segment {
        transport.push("path_segment");
    }
    out.push_str(&format!(
        "use sipgateio_core::transport::{{{}}};\nuse sipgateio_core::{{Client, Result}};\n\n",
        transport.join(", ")
    ));
    out.push_str("#[allow(clippy::wildcard_imports)]\nuse super::models::*;\n\n");
    let mut ids = BTreeSet::new();
    for op in &api.operations {
        for param in op.path_params.iter().chain(&op.query) {
            collect_ids(&param.ty, &mut ids);
        }
        if paired(op) {
            ids.insert("WebuserId");
        }
    }
    if !ids.is_empty() {
        out.push_str(&format!(
            "use sipgateio_types::{{{}}};\n\n",
            ids.iter().copied().collect::<Vec<_>>().join(", ")
        ));
    }
    out.push_str(
        "/// The account administration API: account and balance, users, phonelines, groups,\n\
         /// addresses, notifications, call restrictions, auto-recording, portings and the\n\
         /// incoming-call blacklist. Create it with [`AccountClient::new`] or `client.account()`\n\
         /// ([`AccountExt`]).\n\
         #[derive(Clone)]\npub struct AccountClient {\n    client: Client,\n}\n\n",
    );
    out.push_str("impl std::fmt::Debug for AccountClient {\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        f.debug_struct(\"AccountClient\").finish_non_exhaustive()\n    }\n}\n\n");
    out.push_str("impl AccountClient {\n");
    out.push_str("    /// The account administration API of `client` (shares its connection pool and settings).\n");
    out.push_str("    pub fn new(client: &Client) -> Self {\n        Self { client: client.clone() }\n    }\n\n");
    if any_pair {
        out.push_str(
            "    /// The id of the authenticated web user, for the for-me forms.\n\
             async fn me(&self) -> Result<WebuserId> {\n        \
             self.client.get_authenticated_webuser_id().await\n    }\n\n",
        );
    }
    for op in &api.operations {
        render_method(&mut out, op);
    }
    out.push_str("}\n\n");
    let checks = api.operations.iter().any(|op| {
        paired(op)
            && op
                .path_params
                .iter()
                .any(|p| is_text(&p.ty) && p.json != "userId")
    });
    if checks {
        out.push_str(
            "/// Checks an id as the path will, so that a for-me form refuses it before it looks up\n\
             /// the web user.\n\
             fn check_id(field: &'static str, id: &str) -> Result<()> {\n    \
             path_segment(field, id).map(drop)\n}\n\n",
        );
    }
    out.push_str(
        "/// Adds [`AccountClient`] to [`Client`]: `client.account()`.\n\
         pub trait AccountExt {\n    /// The account administration API of this client.\n    fn account(&self) -> AccountClient;\n}\n\n\
         impl AccountExt for Client {\n    fn account(&self) -> AccountClient {\n        AccountClient::new(self)\n    }\n}\n",
    );
    out
}

/// A JSON value of type `ty` with every field filled in, for round-trip tests.
pub(crate) fn sample(ty: &Ty, hint: &str, models: &BTreeMap<String, Model>, depth: usize) -> Value {
    match ty {
        Ty::String | Ty::Id(_) | Ty::Secret => Value::String(format!("{hint}-1")),
        Ty::Bool => Value::Bool(true),
        Ty::I32 | Ty::I64 => Value::from(7),
        Ty::F64 => Value::from(1.5),
        Ty::Json => serde_json::json!({ "any": "value" }),
        Ty::Vec(inner) => Value::Array(vec![sample(inner, hint, models, depth + 1)]),
        Ty::Named(name) => match models.get(name) {
            Some(Model::Enum { values, .. }) => {
                Value::String(values.first().cloned().unwrap_or_default())
            }
            Some(Model::Struct { fields, .. }) => {
                let mut map = Map::new();
                for field in fields {
                    if depth > 4 && !field.required {
                        continue;
                    }
                    map.insert(
                        field.json.clone(),
                        sample(&field.ty, &field.json, models, depth + 1),
                    );
                }
                Value::Object(map)
            }
            None => Value::Null,
        },
    }
}

/// The argument expressions of a call, and the path the mock expects.
struct Call {
    args: Vec<String>,
    path: String,
}

/// The arguments of a call of `op` (of its for-me form with `for_me`, where the web user is
/// [`ME`]), with the text id `empty` left empty.
fn call(op: &Operation, for_me: bool, empty: Option<&str>) -> Call {
    let mut args = Vec::new();
    let mut path = format!("/v2{}", op.path);
    for param in &op.path_params {
        let placeholder = format!("{{{}}}", param.json);
        let value = format!("{}-1", param.json);
        if for_me && param.json == "userId" {
            path = path.replace(&placeholder, ME);
            continue;
        }
        let text = if empty == Some(param.json.as_str()) {
            ""
        } else {
            value.as_str()
        };
        match &param.ty {
            Ty::String => {
                path = path.replace(&placeholder, &value);
                args.push(format!("{text:?}"));
            }
            Ty::Id(id) => {
                path = path.replace(&placeholder, &value);
                args.push(format!("&{id}::new({text:?})"));
            }
            _ => {
                path = path.replace(&placeholder, "7");
                args.push("7".to_owned());
            }
        }
    }
    for param in &op.query {
        args.push(match (&param.ty, param.required) {
            (Ty::Vec(inner), _) => match &**inner {
                Ty::Id(id) => format!("&[{id}::new(\"{0}-a\"), {id}::new(\"{0}-b\")]", param.json),
                _ => format!("&[\"{0}-a\", \"{0}-b\"]", param.json),
            },
            (Ty::String, true) => format!("\"{}-q\"", param.json),
            (Ty::String, false) => format!("Some(\"{}-q\")", param.json),
            (Ty::Id(id), true) => format!("&{id}::new(\"{}-q\")", param.json),
            (Ty::Id(id), false) => format!("Some(&{id}::new(\"{}-q\"))", param.json),
            (_, true) => "7".to_owned(),
            (_, false) => "Some(7)".to_owned(),
        });
    }
    if op.body.is_some() {
        args.push("&request".to_owned());
    }
    Call { args, path }
}

fn query_matchers(op: &Operation) -> String {
    let mut out = String::new();
    for param in &op.query {
        let values: Vec<String> = match &param.ty {
            Ty::Vec(_) => vec![format!("{}-a", param.json), format!("{}-b", param.json)],
            Ty::String | Ty::Id(_) => vec![format!("{}-q", param.json)],
            _ => vec!["7".to_owned()],
        };
        for value in values {
            out.push_str(&format!(
                ".and(query_param(\"{}\", \"{value}\"))",
                param.json
            ));
        }
    }
    out
}

/// `let request: T = …;` for an operation with a body, and the matcher of that body.
fn body_setup(op: &Operation, api: &Api) -> (String, String) {
    let Some(body) = &op.body else {
        return (String::new(), String::new());
    };
    let json = sample(body, "body", &api.models, 0);
    let setup = format!(
        "    let body = json!({json});\n    let request: {} = serde_json::from_value(body.clone()).expect(\"valid body\");\n",
        body.rust()
    );
    (setup, ".and(body_json(&body))".to_owned())
}

fn variant(status: u16) -> &'static str {
    match status {
        401 => "Error::Unauthorized(_)",
        402 => "Error::PaymentRequired(_)",
        403 => "Error::Forbidden(_)",
        404 => "Error::NotFound(_)",
        429 => "Error::RateLimited(_)",
        _ => "Error::Api(_)",
    }
}

/// The helpers every generated test uses.
const TEST_HELPERS: &str = r#"/// A server that answers the request `mock` matches with `response`, exactly once.
async fn serve(mock: MockBuilder, response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    mock.respond_with(response).expect(1).mount(&server).await;
    server
}

/// Runs `call` against a server that answers `verb url_path` with `status`; returns the error.
async fn failing<T, F, Fut>(verb: &str, url_path: &str, status: u16, call: F) -> Error
where
    T: std::fmt::Debug,
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = sipgateio_core::Result<T>>,
{
    let server = serve(
        Mock::given(method(verb)).and(path(url_path)),
        ResponseTemplate::new(status),
    )
    .await;
    call(client(&server)).await.expect_err("an error status")
}

/// Runs `call`, which must fail before sending anything; returns the error.
async fn rejected<T, F, Fut>(call: F) -> Error
where
    T: std::fmt::Debug,
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = sipgateio_core::Result<T>>,
{
    let server = MockServer::start().await;
    let err = call(client(&server)).await.expect_err("invalid input");
    assert_no_request(&server).await;
    err
}

"#;

/// The helper of the for-me forms' tests.
const FOR_ME_HELPER: &str = r#"/// Like `serve`, and answers `GET /authorization/userinfo` with the web user `w7`, exactly once.
async fn serve_for_me(mock: MockBuilder, response: ResponseTemplate) -> MockServer {
    let server = serve(mock, response).await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "sub": "w7" })))
        .expect(1)
        .mount(&server)
        .await;
    server
}

"#;

/// The generated wiremock tests.
pub(crate) fn render_tests(api: &Api) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "//! Generated wiremock tests of every operation of `AccountClient`: the exact method, path,\n\
         //! query and JSON body, the decoding of the documented response (re-encoded and compared\n\
         //! with what the server sent), every documented error status with its meaning, the\n\
         //! rejection of empty ids before any request, and the for-me forms, which look up the\n\
         //! authenticated web user first.\n\n\
         // `json!` of the largest sample responses (`ApiUrlsResponse`: one field per API URL) nests\n\
         // deeper than the default macro recursion limit.\n\
         #![recursion_limit = \"256\"]\n\n",
    );
    let any_body = api.operations.iter().any(|op| op.body.is_some());
    let any_query = api.operations.iter().any(|op| !op.query.is_empty());
    let any_pair = api.operations.iter().any(paired);
    let mut matchers = vec!["method", "path"];
    if any_body {
        matchers.insert(0, "body_json");
    }
    if any_query {
        matchers.push("query_param");
    }
    let mut ids = BTreeSet::new();
    for op in &api.operations {
        for param in op.path_params.iter().chain(&op.query) {
            collect_ids(&param.ty, &mut ids);
        }
    }
    let mut crate_imports = vec!["AccountExt"];
    crate_imports.extend(ids);
    out.push_str(&format!(
        "use serde_json::json;\nuse sipgateio_account::{{{}}};\n",
        crate_imports.join(", ")
    ));
    if any_body {
        out.push_str("#[allow(clippy::wildcard_imports)]\nuse sipgateio_account::models::*;\n");
    }
    out.push_str(&format!(
        "use sipgateio_core::{{Client, Error}};\nuse sipgateio_test_support::mock::{{assert_no_request, client}};\nuse wiremock::matchers::{{{}}};\nuse wiremock::{{Mock, MockBuilder, MockServer, ResponseTemplate}};\n\n",
        matchers.join(", ")
    ));
    out.push_str(TEST_HELPERS);
    if any_pair {
        out.push_str(FOR_ME_HELPER);
    }
    for op in &api.operations {
        render_op_tests(&mut out, op, api, false);
        if paired(op) {
            render_op_tests(&mut out, op, api, true);
        }
    }
    out
}

/// The tests of one form of `op`: the `_of` form (or the only one), or with `for_me` the form
/// for the authenticated web user.
fn render_op_tests(out: &mut String, op: &Operation, api: &Api, for_me: bool) {
    let method_name = if for_me { op.name.clone() } else { of_name(op) };
    let name = method_name.trim_start_matches("r#").to_owned();
    let ok = call(op, for_me, None);
    let (body_setup, body_matcher) = body_setup(op, api);
    let invoke = |args: &[String]| {
        format!(
            "{}|c: Client| async move {{ c.account().{method_name}({}).await }}",
            if op.body.is_some() { "move " } else { "" },
            args.join(", ")
        )
    };

    // success: exact request, decoded response
    out.push_str(&format!("#[tokio::test]\nasync fn {name}() {{\n"));
    out.push_str(&body_setup);
    let respond = match &op.response {
        Some(ty) => {
            let json = sample(ty, "response", &api.models, 0);
            out.push_str(&format!("    let response = json!({json});\n"));
            format!(
                "ResponseTemplate::new({}).set_body_json(&response)",
                success_status(op)
            )
        }
        None => format!("ResponseTemplate::new({})", success_status(op)),
    };
    out.push_str(&format!(
        "    let server = {}(Mock::given(method(\"{}\")).and(path(\"{}\")){}{}, {respond}).await;\n",
        if for_me { "serve_for_me" } else { "serve" },
        op.method,
        ok.path,
        query_matchers(op),
        body_matcher
    ));
    let direct = format!(
        "client(&server).account().{method_name}({}).await.expect(\"success\")",
        ok.args.join(", ")
    );
    if op.response.is_some() {
        out.push_str(&format!(
            "    let result = {direct};\n    assert_eq!(serde_json::to_value(&result).expect(\"encodes\"), response);\n"
        ));
    } else {
        out.push_str(&format!("    {direct};\n"));
    }
    out.push_str("}\n\n");

    // documented errors keep their meaning (once per operation: on the form that sends it)
    if !for_me {
        for (status, meaning) in &op.errors {
            out.push_str(&format!(
                "#[tokio::test]\nasync fn {name}_maps_{status}() {{\n"
            ));
            out.push_str(&body_setup);
            out.push_str(&format!(
                "    let err = failing(\"{}\", \"{}\", {status}, {}).await;\n",
                op.method,
                ok.path,
                invoke(&ok.args)
            ));
            out.push_str(&format!(
                "    assert!(matches!(err, {}), \"{{err:?}}\");\n",
                variant(*status)
            ));
            if let Some(meaning) = meaning {
                out.push_str(&format!(
                    "    assert!(err.to_string().contains({meaning:?}), \"{{err}}\");\n"
                ));
            }
            out.push_str("}\n\n");
        }
    }

    // empty ids never reach the server (nor, in the for-me form, the user lookup)
    let checked = op
        .path_params
        .iter()
        .filter(|p| is_text(&p.ty) && !(for_me && p.json == "userId"));
    for param in checked {
        let bad = call(op, for_me, Some(&param.json));
        out.push_str(&format!(
            "#[tokio::test]\nasync fn {name}_rejects_empty_{}() {{\n",
            param.rust.trim_start_matches("r#")
        ));
        out.push_str(&body_setup);
        out.push_str(&format!(
            "    let err = rejected({}).await;\n",
            invoke(&bad.args)
        ));
        out.push_str(&format!(
            "    assert_eq!(err.invalid_field(), Some(\"{}\"), \"{{err:?}}\");\n}}\n\n",
            param.json
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::field_name;
    use super::*;

    fn param(json: &str, ty: Ty, required: bool) -> Param {
        Param {
            json: json.to_owned(),
            rust: field_name(json),
            ty,
            required,
        }
    }

    /// An operation under `/{userId}/…`: a for-me / `_of` pair.
    fn op() -> Operation {
        Operation {
            id: "setThing".into(),
            name: "set_thing".into(),
            method: "PUT".into(),
            path: "/{userId}/things/{thingId}/parts/{partId}".into(),
            tag: "things".into(),
            scopes: vec!["all".into(), "things:write".into()],
            deprecated: true,
            path_params: vec![
                param("userId", Ty::Id("WebuserId"), true),
                param("thingId", Ty::I32, true),
                param("partId", Ty::Id("PartId"), true),
            ],
            query: vec![
                param("ids", Ty::Vec(Box::new(Ty::String)), false),
                param("mode", Ty::String, false),
                param("owners", Ty::Vec(Box::new(Ty::Id("WebuserId"))), false),
                param("group", Ty::Id("GroupId"), false),
            ],
            body: Some(Ty::Named("Thing".into())),
            response: None,
            errors: vec![(403, None), (404, Some("no such thing".into()))],
            success: None,
        }
    }

    /// An operation on a web user itself (`/users/{userId}`): no pair.
    fn single() -> Operation {
        Operation {
            id: "getUser".into(),
            name: "get_user".into(),
            method: "GET".into(),
            path: "/users/{userId}".into(),
            tag: "users".into(),
            scopes: vec![],
            deprecated: false,
            path_params: vec![param("userId", Ty::Id("WebuserId"), true)],
            query: vec![],
            body: None,
            response: Some(Ty::Named("User".into())),
            errors: vec![],
            success: Some(200),
        }
    }

    #[test]
    fn arguments_and_paths() {
        assert_eq!(arg_type(&Ty::String, true), "&str");
        assert_eq!(arg_type(&Ty::String, false), "Option<&str>");
        assert_eq!(arg_type(&Ty::Vec(Box::new(Ty::String)), false), "&[&str]");
        assert_eq!(arg_type(&Ty::Named("X".into()), true), "&X");
        assert_eq!(arg_type(&Ty::I32, false), "Option<i32>");
        assert_eq!(arg_type(&Ty::Id("WebuserId"), true), "&WebuserId");
        assert_eq!(arg_type(&Ty::Id("WebuserId"), false), "Option<&WebuserId>");
        assert_eq!(
            arg_type(&Ty::Vec(Box::new(Ty::Id("WebuserId"))), false),
            "&[WebuserId]"
        );
        assert_eq!(
            path_expr(&op()),
            "format!(\"/{}/things/{thing_id}/parts/{}\", path_segment(\"userId\", user_id.as_str())?, path_segment(\"partId\", part_id.as_str())?)"
        );
        let numbered = Operation {
            path: "/addresses/{addressId}".into(),
            path_params: vec![param("addressId", Ty::I32, true)],
            ..op()
        };
        assert_eq!(path_expr(&numbered), "format!(\"/addresses/{address_id}\")");
        assert_eq!(
            query_expr(&op().query).expect("query"),
            "Query::new().push_all(\"ids\", ids).push_opt(\"mode\", mode).push_all(\"owners\", owners).push_opt(\"group\", group)"
        );
    }

    #[test]
    fn a_secret_path_parameter_is_logged_as_its_template_and_plain_errors_read_plainly() {
        let reset = Operation {
            id: "changePassword".into(),
            name: "reset_password".into(),
            method: "POST".into(),
            path: "/passwordreset/{nonce}".into(),
            path_params: vec![param("nonce", Ty::String, true)],
            errors: vec![],
            ..single()
        };
        let mut out = String::new();
        render_method(&mut out, &reset);
        assert!(
            out.contains(".log_path(\"/passwordreset/{nonce}\")"),
            "{out}"
        );
        let mut out = String::new();
        render_method(
            &mut out,
            &Operation {
                path_params: vec![],
                path: "/balance".into(),
                ..single()
            },
        );
        assert!(!out.contains("log_path"), "{out}");
        assert!(
            out.contains(
                "/// # Errors\n    ///\n    /// The failures of [`sipgateio_core::Error`].\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn methods_validate_ids_attach_meanings_send_the_body_and_carry_the_operation_id() {
        let mut out = String::new();
        render_method(&mut out, &single());
        assert!(
            out.contains("    #[doc(alias = \"getUser\")]\n    pub async fn get_user(&self, user_id: &WebuserId) -> Result<User> {"),
            "{out}"
        );
        assert!(
            !out.contains("get_user_of"),
            "a web user itself has no pair: {out}"
        );
        assert!(out.contains("self.client.send(request).await"), "{out}");

        let mut out = String::new();
        render_method(&mut out, &op());
        assert!(out.contains("pub async fn set_thing_of(&self, user_id: &WebuserId, thing_id: i32, part_id: &PartId, ids: &[&str], mode: Option<&str>, owners: &[WebuserId], group: Option<&GroupId>, body: &Thing) -> Result<()> {"), "{out}");
        assert!(out.contains(".on_status(404, \"no such thing\")"), "{out}");
        assert!(
            !out.contains(".on_status(403"),
            "no meaning, no context: {out}"
        );
        assert!(out.contains(".json(body)?"), "{out}");
        assert!(
            out.contains("self.client.send_no_content(request).await"),
            "{out}"
        );
        assert!(
            out.contains("/// `PUT /{userId}/things/{thingId}/parts/{partId}` (sipgate's `setThing`) for the web user `user_id`"),
            "{out}"
        );
        assert!(
            out.contains("/// status 403: [`Error::Forbidden`](sipgateio_core::Error::Forbidden);"),
            "{out}"
        );
        assert!(
            out.contains("/// status 404: [`Error::NotFound`](sipgateio_core::Error::NotFound), with the meaning \"no such thing\" in its message;"),
            "{out}"
        );
        assert_eq!(
            out.matches("#[doc(alias = \"setThing\")]").count(),
            2,
            "{out}"
        );
        // the docs are made from the facts: body, answer, scopes, deprecation, reference
        assert!(
            out.contains("/// Sends [`Thing`] as JSON. Answers without a body. With OAuth, the token needs one of the scopes `all`, `things:write`. sipgate's API description marks this operation as deprecated.\n"),
            "{out}"
        );
        assert!(
            out.contains("/// sipgate's API reference: [`setThing`](https://api.sipgate.com/v2/doc) in the area `things`.\n"),
            "{out}"
        );
        let mut out = String::new();
        render_method(&mut out, &single());
        assert!(out.contains("/// Answers 200 with [`User`].\n"), "{out}");
    }

    #[test]
    fn the_for_me_form_checks_its_ids_before_it_looks_up_the_user() {
        let mut out = String::new();
        render_method(&mut out, &op());
        let for_me = out
            .split("pub async fn set_thing(")
            .nth(1)
            .expect("a for-me form");
        assert!(
            for_me.starts_with("&self, thing_id: i32, part_id: &PartId, ids: &[&str], mode: Option<&str>, owners: &[WebuserId], group: Option<&GroupId>, body: &Thing) -> Result<()> {"),
            "{for_me}"
        );
        let check = for_me
            .find("check_id(\"partId\", part_id.as_str())?;")
            .expect("the id is checked");
        let lookup = for_me
            .find("let user_id = self.me().await?;")
            .expect("the user is looked up");
        assert!(check < lookup, "{for_me}");
        assert!(
            for_me.contains(
                "self.set_thing_of(&user_id, thing_id, part_id, ids, mode, owners, group, body)"
            ),
            "{for_me}"
        );
        // its docs point to the `_of` form, and name the user lookup among the errors
        let docs = &out[out
            .rfind("/// `PUT /{userId}/things/{thingId}/parts/{partId}` (sipgate's `setThing`) for the authenticated web user")
            .expect("docs")..];
        assert!(
            docs.contains("[`set_thing_of`](Self::set_thing_of)"),
            "{docs}"
        );
        assert!(
            docs.contains("the errors of looking up the authenticated web user"),
            "{docs}"
        );
    }

    #[test]
    fn the_generated_module_re_exports_the_ids_and_the_client_has_the_helpers_the_pairs_need() {
        let api = Api {
            version: "1".into(),
            date: "2022-07-11".into(),
            skipped: BTreeSet::new(),
            models: BTreeMap::new(),
            operations: vec![op(), single()],
        };
        let client = render_client(&api);
        assert!(
            client.contains("\nuse sipgateio_types::{GroupId, PartId, WebuserId};"),
            "{client}"
        );
        let module = super::super::render_mod(&api);
        assert!(
            module.contains("pub use sipgateio_types::{GroupId, PartId, WebuserId};"),
            "{module}"
        );
        assert!(
            module.contains("pub use client::{AccountClient, AccountExt};"),
            "{module}"
        );
        assert!(
            client.contains("async fn me(&self) -> Result<WebuserId> {"),
            "{client}"
        );
        assert!(
            client.contains("fn check_id(field: &'static str, id: &str)"),
            "{client}"
        );
        let api = Api {
            operations: vec![single()],
            ..api
        };
        let client = render_client(&api);
        assert!(!client.contains("fn me("), "no pair, no lookup: {client}");
        assert!(!client.contains("fn check_id("), "{client}");
    }

    #[test]
    fn samples_fill_every_field() {
        let mut models = BTreeMap::new();
        models.insert(
            "Kind".to_owned(),
            Model::Enum {
                doc: vec![],
                values: vec!["A".into(), "B".into()],
            },
        );
        models.insert(
            "Thing".to_owned(),
            Model::Struct {
                doc: vec![],
                request: false,
                fields: vec![
                    super::super::Field {
                        json: "name".into(),
                        rust: "name".into(),
                        ty: Ty::String,
                        required: false,
                        doc: vec![],
                    },
                    super::super::Field {
                        json: "kinds".into(),
                        rust: "kinds".into(),
                        ty: Ty::Vec(Box::new(Ty::Named("Kind".into()))),
                        required: true,
                        doc: vec![],
                    },
                    super::super::Field {
                        json: "id".into(),
                        rust: "id".into(),
                        ty: Ty::Id("ThingId"),
                        required: true,
                        doc: vec![],
                    },
                ],
            },
        );
        assert_eq!(
            sample(&Ty::Named("Thing".into()), "x", &models, 0),
            serde_json::json!({"name": "name-1", "kinds": ["A"], "id": "id-1"})
        );
    }

    #[test]
    fn tests_cover_success_errors_and_empty_ids() {
        let api = Api {
            version: "1".into(),
            date: "2022-07-11".into(),
            skipped: BTreeSet::new(),
            models: BTreeMap::new(),
            operations: vec![Operation { body: None, ..op() }],
        };
        let tests = render_tests(&api);
        assert!(
            tests.contains("use sipgateio_account::{AccountExt, GroupId, PartId, WebuserId};"),
            "{tests}"
        );
        assert!(tests.contains("async fn set_thing_of() {"), "{tests}");
        // the wiremock client and the no-request check are the workspace's shared test helpers
        assert!(
            tests.contains("use sipgateio_test_support::mock::{assert_no_request, client};"),
            "{tests}"
        );
        assert!(!tests.contains("fn client("), "{tests}");
        assert!(
            tests.contains(".and(path(\"/v2/userId-1/things/7/parts/partId-1\"))"),
            "{tests}"
        );
        assert!(
            tests.contains(".and(query_param(\"ids\", \"ids-b\"))"),
            "{tests}"
        );
        assert!(
            tests.contains(".and(query_param(\"owners\", \"owners-a\"))"),
            "{tests}"
        );
        assert!(
            tests.contains(".and(query_param(\"group\", \"group-q\"))"),
            "{tests}"
        );
        assert!(
            tests.contains("async fn set_thing_of_maps_404() {"),
            "{tests}"
        );
        assert!(
            tests.contains("matches!(err, Error::NotFound(_))"),
            "{tests}"
        );
        assert!(
            tests.contains("async fn set_thing_of_rejects_empty_user_id() {"),
            "{tests}"
        );
        assert!(
            tests.contains("async fn set_thing_of_rejects_empty_part_id() {"),
            "{tests}"
        );
        assert!(
            !tests.contains("rejects_empty_thing_id"),
            "integer ids need no check"
        );
        assert!(
            tests.contains("set_thing_of(&WebuserId::new(\"\"), 7, &PartId::new(\"partId-1\"), &[\"ids-a\", \"ids-b\"], Some(\"mode-q\"), &[WebuserId::new(\"owners-a\"), WebuserId::new(\"owners-b\")], Some(&GroupId::new(\"group-q\")))"),
            "{tests}"
        );
        assert!(tests.contains("let err = rejected("), "{tests}");
        assert!(
            tests.contains(
                "let err = failing(\"PUT\", \"/v2/userId-1/things/7/parts/partId-1\", 404,"
            ),
            "{tests}"
        );
    }

    #[test]
    fn the_for_me_form_is_tested_with_the_looked_up_user() {
        let api = Api {
            version: "1".into(),
            date: "2022-07-11".into(),
            skipped: BTreeSet::new(),
            models: BTreeMap::new(),
            operations: vec![Operation { body: None, ..op() }],
        };
        let tests = render_tests(&api);
        assert!(tests.contains("async fn serve_for_me("), "{tests}");
        let for_me = &tests[tests.find("async fn set_thing() {").expect("a for-me test")..];
        assert!(for_me.contains("serve_for_me(Mock::given(method(\"PUT\")).and(path(\"/v2/w7/things/7/parts/partId-1\"))"), "{for_me}");
        assert!(
            for_me.contains(".set_thing(7, &PartId::new(\"partId-1\"),"),
            "{for_me}"
        );
        assert!(
            tests.contains("async fn set_thing_rejects_empty_part_id() {"),
            "{tests}"
        );
        assert!(
            !tests.contains("async fn set_thing_rejects_empty_user_id"),
            "the for-me form takes no user: {tests}"
        );
        assert!(
            !tests.contains("async fn set_thing_maps_404"),
            "errors are tested once, on the _of form: {tests}"
        );
    }
}
