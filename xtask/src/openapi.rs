//! Wire models generated from the sipgate OpenAPI document (`cargo xtask codegen --spec <file>`).
//!
//! Every schema reachable from the request bodies and responses of the operations tagged with one
//! of [`TAGS`] becomes a serde struct (objects) or a `sipgateio_types::wire_enum!` (string
//! enums, with an `Unknown(String)` fallback) in `crates/sipgateio-account/src/models.rs`; a
//! string enum that `sipgateio-types` already declares ([`SHARED_ENUMS`]) takes its name there
//! and is re-exported. The output goes through rustfmt, so `--check` compares formatted code.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use yaml_rust2::{Yaml, YamlLoader};

use crate::facade::FileUpdate;
use crate::workspace;

mod names;
mod ops;

/// The crate folder (under `crates/`) that holds the generated models.
pub const CRATE_DIR: &str = "sipgateio-account";
/// The generated models, relative to the workspace root.
pub const MODELS_FILE: &str = "crates/sipgateio-account/src/models.rs";
/// The generated client.
pub const CLIENT_FILE: &str = "crates/sipgateio-account/src/client.rs";
/// The generated tests of the client.
pub const TESTS_FILE: &str = "crates/sipgateio-account/tests/generated_client.rs";
/// The API areas (OpenAPI tags) the models are generated for: those the Node library lacks.
pub const TAGS: &[&str] = &[
    "account",
    "addresses",
    "autorecording",
    "blacklist",
    "callrestrictions",
    "groups",
    "log",
    "notifications",
    "phonelines",
    "portings",
    "users",
];

/// Generates the models, the client and its tests from the OpenAPI document at `spec` (in
/// memory).
pub fn generate(root: &Path, spec: &Path) -> Result<Vec<FileUpdate>, String> {
    let text = workspace::read(spec)?;
    let api = parse(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let files = [
        (MODELS_FILE, render_models(&api)?),
        (CLIENT_FILE, ops::render_client(&api)),
        (TESTS_FILE, ops::render_tests(&api)),
    ];
    let mut updates = Vec::new();
    for (file, code) in files {
        let generated = rustfmt(&code).map_err(|e| format!("{file}: {e}"))?;
        let path = root.join(file);
        let current = if path.exists() {
            workspace::read(&path)?
        } else {
            String::new()
        };
        updates.push(FileUpdate {
            path: file.to_owned(),
            current,
            generated,
        });
    }
    Ok(updates)
}

/// Formats Rust code with `rustfmt` (edition 2024) through standard input and output.
fn rustfmt(code: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt has no standard input")?
        .write_all(code.as_bytes())
        .map_err(|e| format!("cannot write to rustfmt: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt rejected the generated code: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt printed invalid UTF-8: {e}"))
}

/// A Rust type of a generated field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    String,
    Bool,
    I32,
    I64,
    F64,
    Json,
    Vec(Box<Ty>),
    Named(String),
    /// An id newtype of `sipgateio-types` (a string on the wire), e.g. `WebuserId`.
    Id(&'static str),
}

impl Ty {
    pub(crate) fn rust(&self) -> String {
        match self {
            Ty::String => "String".into(),
            Ty::Bool => "bool".into(),
            Ty::I32 => "i32".into(),
            Ty::I64 => "i64".into(),
            Ty::F64 => "f64".into(),
            Ty::Json => "serde_json::Value".into(),
            Ty::Vec(inner) => format!("Vec<{}>", inner.rust()),
            Ty::Named(name) => name.clone(),
            Ty::Id(name) => (*name).to_owned(),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Field {
    pub json: String,
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Vec<String>,
}

#[derive(Debug)]
pub(crate) enum Model {
    Struct {
        doc: Vec<String>,
        fields: Vec<Field>,
        request: bool,
    },
    Enum {
        doc: Vec<String>,
        values: Vec<String>,
    },
}

/// A path or query parameter of an operation.
#[derive(Debug, Clone)]
pub(crate) struct Param {
    /// The name in the document (`userId`).
    pub json: String,
    /// The Rust argument name (`user_id`).
    pub rust: String,
    /// The type: `String`, an `Id`, `I32`/`I64`, or a `Vec` of those for repeated query keys.
    pub ty: Ty,
    /// Whether the document requires it (path parameters always are).
    pub required: bool,
}

/// One API operation of the selected areas.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// `operationId`.
    pub id: String,
    /// The Rust method name (see [`names`]); for an operation that belongs to a web user, the
    /// name of the for-me form (the other one is `{name}_of`).
    pub name: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template (`/users/{userId}`).
    pub path: String,
    /// Summary and description, as doc lines.
    pub doc: Vec<String>,
    /// Path parameters in the order they appear in the path.
    pub path_params: Vec<Param>,
    /// Query parameters.
    pub query: Vec<Param>,
    /// The JSON request body.
    pub body: Option<Ty>,
    /// The JSON response of the success status, if it has one.
    pub response: Option<Ty>,
    /// `(status, meaning)` of the documented 4xx responses.
    pub errors: Vec<(u16, String)>,
    /// The documented success status.
    pub success: Option<u16>,
}

/// What the generators need from the OpenAPI document.
#[derive(Debug)]
pub(crate) struct Api {
    pub title: String,
    pub version: String,
    pub models: BTreeMap<String, Model>,
    pub operations: Vec<Operation>,
}

/// Reads the models and operations of the selected areas from the OpenAPI document `text`.
pub(crate) fn parse(text: &str) -> Result<Api, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
    let doc = docs.first().ok_or("the document is empty")?;
    let schemas = doc["components"]["schemas"]
        .as_hash()
        .ok_or("no components.schemas")?;
    let paths = doc["paths"].as_hash().ok_or("no paths")?;

    // schema name -> the operations that use it directly
    let mut used_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // schemas named by a request body: users must be able to construct them
    let mut request_roots: Vec<String> = Vec::new();
    let mut raw_ops: Vec<(String, String, &Yaml, Vec<&Yaml>)> = Vec::new();
    for (path, ops) in paths {
        let (Some(path), Some(ops)) = (path.as_str(), ops.as_hash()) else {
            continue;
        };
        for (method, op) in ops {
            let Some(method) = method.as_str() else {
                continue;
            };
            let tagged = op["tags"].as_vec().is_some_and(|tags| {
                tags.iter()
                    .any(|t| t.as_str().is_some_and(|t| TAGS.contains(&t)))
            });
            if !tagged {
                continue;
            }
            let id = op["operationId"].as_str().unwrap_or("?");
            let mut refs = Vec::new();
            collect_refs(&op["requestBody"], &mut refs);
            request_roots.extend(refs.iter().cloned());
            if let Some(responses) = op["responses"].as_hash() {
                for (status, response) in responses {
                    if status_code(status).is_some_and(|s| (200..300).contains(&s)) {
                        collect_refs(response, &mut refs);
                    }
                }
            }
            for name in refs {
                used_by
                    .entry(name)
                    .or_default()
                    .insert(format!("`{} {path}` (`{id}`)", method.to_uppercase()));
            }
            let shared: Vec<&Yaml> = ops
                .get(&Yaml::String("parameters".into()))
                .and_then(Yaml::as_vec)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            raw_ops.push((path.to_owned(), method.to_uppercase(), op, shared));
        }
    }

    // every schema reachable from those
    let mut reachable = BTreeSet::new();
    let mut stack: Vec<String> = used_by.keys().cloned().collect();
    while let Some(name) = stack.pop() {
        if !reachable.insert(name.clone()) {
            continue;
        }
        let schema = &schemas
            .get(&Yaml::String(name.clone()))
            .ok_or_else(|| format!("`#/components/schemas/{name}` is referenced but missing"))?;
        let mut refs = Vec::new();
        collect_refs(schema, &mut refs);
        stack.extend(refs);
    }

    let mut models: BTreeMap<String, Model> = BTreeMap::new();
    for name in &reachable {
        let schema = &schemas[&Yaml::String(name.clone())];
        let type_name = pascal(name);
        let mut doc = describe(
            schema,
            &format!("The `{name}` schema of the sipgate REST API."),
        );
        if let Some(ops) = used_by.get(name) {
            doc.push(String::new());
            doc.push(format!(
                "Used by {}.",
                ops.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        let model = build_model(&type_name, schema, doc, &mut models)?;
        insert(&mut models, type_name, model)?;
    }

    // Everything a request body contains is constructible (not `#[non_exhaustive]`).
    let mut constructible = BTreeSet::new();
    let mut stack = request_roots;
    while let Some(name) = stack.pop() {
        if !constructible.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = schemas.get(&Yaml::String(name.clone())) {
            let mut refs = Vec::new();
            collect_refs(schema, &mut refs);
            stack.extend(refs);
        }
    }
    for name in &constructible {
        if let Some(Model::Struct { request, .. }) = models.get_mut(&pascal(name)) {
            *request = true;
        }
    }

    let mut operations = Vec::new();
    for (path, method, op, shared) in raw_ops {
        operations.push(operation(&path, &method, op, &shared, &mut models)?);
    }
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in operations.windows(2) {
        if pair[0].id == pair[1].id {
            return Err(format!("operationId `{}` is used twice", pair[0].id));
        }
    }

    use_shared_enums(&mut models, &mut operations);
    check_id_fields(&models)?;
    name_operations(&mut operations, &models)?;

    Ok(Api {
        title: doc["info"]["title"]
            .as_str()
            .unwrap_or("the sipgate API")
            .to_owned(),
        version: doc["info"]["version"].as_str().unwrap_or("?").to_owned(),
        models,
        operations,
    })
}

/// Names every operation (see [`names`]), orders them by name, and refuses names that clash.
fn name_operations(
    operations: &mut [Operation],
    models: &BTreeMap<String, Model>,
) -> Result<(), String> {
    for op in operations.iter_mut() {
        let collection = op
            .response
            .as_ref()
            .is_some_and(|ty| names::is_collection(ty, models));
        op.name = names::method_name(&op.id, op.method == "GET", collection);
        let verb = op.name.split('_').next().unwrap_or_default();
        if !names::VERBS.contains(&verb) {
            return Err(format!(
                "`{}` would be named `{}`, whose verb `{verb}` is not one of names::VERBS: \
                 add it to names::RENAMES (or the verb to VERBS, if it is a domain verb)",
                op.id, op.name
            ));
        }
    }
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut seen = BTreeMap::new();
    for op in operations.iter() {
        let mut own = vec![op.name.clone()];
        if names::belongs_to_a_webuser(&op.path) {
            own.push(format!("{}_of", op.name));
        }
        for name in own {
            if let Some(other) = seen.insert(name.clone(), op.id.clone()) {
                return Err(format!(
                    "`{other}` and `{}` would both be named `{name}`: add one to names::RENAMES",
                    op.id
                ));
            }
        }
    }
    Ok(())
}

/// Refuses entries of [`names::ID_FIELDS`] whose schema exists but has no such string property
/// (a table that silently stopped applying).
fn check_id_fields(models: &BTreeMap<String, Model>) -> Result<(), String> {
    for (schema, property, id) in names::ID_FIELDS {
        let Some(Model::Struct { fields, .. }) = models.get(*schema) else {
            continue;
        };
        let typed = fields
            .iter()
            .any(|f| f.json == *property && f.ty == Ty::Id(id));
        if !typed {
            return Err(format!(
                "names::ID_FIELDS types `{schema}.{property}` as `{id}`, but the document has no such string property"
            ));
        }
    }
    Ok(())
}

/// String enums that are one type in `sipgateio-types`, shared with the other crates of the SDK:
/// its name there and its known values. A generated enum with exactly these values takes that
/// name and is re-exported instead of declared.
const SHARED_ENUMS: &[(&str, &[&str])] = &[
    ("DeviceType", &["REGISTER", "MOBILE", "EXTERNAL"]),
    (
        "NumberType",
        &["MOBILE", "LANDLINE", "QUICKDIAL", "INTERNATIONAL"],
    ),
    (
        "EndpointType",
        &[
            "SMS",
            "REGISTER",
            "EXTERNAL",
            "FAX",
            "MOBILE",
            "GROUP",
            "VOICEMAIL",
            "PHONELINE",
            "USER",
        ],
    ),
    (
        "FaxStatus",
        &["PENDING", "SENDING", "FAILED", "SENT", "SCHEDULED"],
    ),
];

/// The `sipgateio-types` enum with exactly `values`, if there is one.
fn shared_enum(values: &[String]) -> Option<&'static str> {
    let wanted: BTreeSet<&str> = values.iter().map(String::as_str).collect();
    SHARED_ENUMS
        .iter()
        .find(|(_, known)| known.iter().copied().collect::<BTreeSet<_>>() == wanted)
        .map(|(name, _)| *name)
}

/// Renames the enums that `sipgateio-types` declares to their shared name, everywhere they are
/// used.
fn use_shared_enums(models: &mut BTreeMap<String, Model>, operations: &mut [Operation]) {
    let renames: BTreeMap<String, String> = models
        .iter()
        .filter_map(|(name, model)| match model {
            Model::Enum { values, .. } => shared_enum(values)
                .filter(|shared| shared != name)
                .map(|shared| (name.clone(), shared.to_owned())),
            Model::Struct { .. } => None,
        })
        .collect();
    if renames.is_empty() {
        return;
    }
    fn rename(ty: &mut Ty, renames: &BTreeMap<String, String>) {
        match ty {
            Ty::Named(name) => {
                if let Some(shared) = renames.get(name) {
                    shared.clone_into(name);
                }
            }
            Ty::Vec(inner) => rename(inner, renames),
            _ => {}
        }
    }
    for (old, shared) in &renames {
        if let Some(model) = models.remove(old) {
            // Two enums with the same values become one type.
            models.entry(shared.clone()).or_insert(model);
        }
    }
    for model in models.values_mut() {
        if let Model::Struct { fields, .. } = model {
            for field in fields {
                rename(&mut field.ty, &renames);
            }
        }
    }
    for op in operations {
        for ty in [op.body.as_mut(), op.response.as_mut()]
            .into_iter()
            .flatten()
        {
            rename(ty, &renames);
        }
        for param in op.path_params.iter_mut().chain(op.query.iter_mut()) {
            rename(&mut param.ty, &renames);
        }
    }
}

fn status_code(status: &Yaml) -> Option<u16> {
    match status {
        Yaml::String(s) => s.parse().ok(),
        Yaml::Integer(n) => u16::try_from(*n).ok(),
        _ => None,
    }
}

/// The JSON schema of a request body or response, if it has a JSON (or `*/*`) content.
fn json_schema(node: &Yaml) -> Option<&Yaml> {
    let content = node["content"].as_hash()?;
    content
        .iter()
        .find(|(kind, _)| {
            kind.as_str()
                .is_some_and(|k| k == "application/json" || k == "*/*" || k.ends_with("+json"))
        })
        .map(|(_, media)| &media["schema"])
        .filter(|schema| !schema.is_badvalue())
}

fn operation(
    path: &str,
    method: &str,
    op: &Yaml,
    shared: &[&Yaml],
    models: &mut BTreeMap<String, Model>,
) -> Result<Operation, String> {
    let id = op["operationId"]
        .as_str()
        .ok_or_else(|| format!("`{method} {path}` has no operationId"))?
        .to_owned();
    let mut doc = Vec::new();
    for key in ["summary", "description"] {
        if let Some(text) = op[key].as_str().filter(|t| !t.trim().is_empty()) {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            let text = text.replace("<br />", "\n").replace("<br/>", "\n");
            doc.extend(
                text.lines()
                    .map(|l| escape_doc(&l.replace("<pre>", "").replace("</pre>", "")))
                    .filter(|l| !l.trim().is_empty()),
            );
            if key == "summary"
                && let Some(last) = doc.last_mut()
                && !last.ends_with(['.', '!', '?', ':'])
            {
                last.push('.');
            }
        }
    }
    let mut path_params = Vec::new();
    let mut query = Vec::new();
    let params = op["parameters"]
        .as_vec()
        .into_iter()
        .flatten()
        .chain(shared.iter().copied());
    for param in params {
        let Some(name) = param["name"].as_str() else {
            continue;
        };
        let ty = field_ty(
            &format!("{}{}", pascal(&id), pascal(name)),
            &format!("{id}.{name}"),
            &param["schema"],
            models,
        )?;
        if ty == Ty::Bool {
            return Err(format!(
                "`{id}`: the parameter `{name}` is a bare bool, which docs/api-guidelines.md section 4 rules out: give the generator a verb pair or an enum for it"
            ));
        }
        let ty = match (ty, names::param_id(name)) {
            (Ty::String, Some(id)) => Ty::Id(id),
            (Ty::Vec(inner), Some(id)) if *inner == Ty::String => Ty::Vec(Box::new(Ty::Id(id))),
            (ty, _) => ty,
        };
        let entry = Param {
            json: name.to_owned(),
            rust: field_name(name),
            ty,
            required: param["required"].as_bool().unwrap_or(false),
        };
        match param["in"].as_str() {
            Some("path") => path_params.push(Param {
                required: true,
                ..entry
            }),
            Some("query") => query.push(entry),
            other => {
                return Err(format!(
                    "`{id}`: parameter `{name}` in {other:?} is not supported"
                ));
            }
        }
    }
    path_params.sort_by_key(|p| path.find(&format!("{{{}}}", p.json)).unwrap_or(usize::MAX));
    for segment in path.split('/').filter(|s| s.starts_with('{')) {
        let name = segment.trim_start_matches('{').trim_end_matches('}');
        if !path_params.iter().any(|p| p.json == name) {
            return Err(format!("`{id}`: path parameter `{name}` is not declared"));
        }
    }
    let body = match json_schema(&op["requestBody"]) {
        Some(schema) => Some(field_ty(
            &format!("{}Body", pascal(&id)),
            &format!("{id} body"),
            schema,
            models,
        )?),
        None => None,
    };
    let mut response = None;
    let mut success = None;
    let mut errors = Vec::new();
    if let Some(responses) = op["responses"].as_hash() {
        for (status, answer) in responses {
            match status_code(status) {
                Some(code @ 200..=299) => {
                    success = Some(success.map_or(code, |s: u16| s.min(code)));
                    if let Some(schema) = json_schema(answer) {
                        response = Some(field_ty(
                            &format!("{}Response", pascal(&id)),
                            &format!("{id} response"),
                            schema,
                            models,
                        )?);
                    }
                }
                Some(code @ 400..=499) => {
                    if let Some(meaning) = answer["description"].as_str() {
                        errors.push((code, meaning.trim().to_owned()));
                    }
                }
                _ => {}
            }
        }
    }
    errors.sort();
    Ok(Operation {
        name: String::new(),
        id,
        method: method.to_owned(),
        path: path.to_owned(),
        doc,
        path_params,
        query,
        body,
        response,
        errors,
        success,
    })
}

/// Renders the models of the OpenAPI document `text` as (unformatted) Rust code.
#[cfg(test)]
pub fn render(text: &str) -> Result<String, String> {
    render_models(&parse(text)?)
}

/// Renders the models as (unformatted) Rust code.
pub(crate) fn render_models(api: &Api) -> Result<String, String> {
    let mut out = String::new();
    out.push_str(
        "// @generated by `cargo xtask codegen --spec <openapi.yaml>`: do not edit by hand.\n",
    );
    out.push_str(&format!(
        "//! Wire models generated from \"{}\" {} for the operations tagged\n//! {}.\n",
        api.title,
        api.version,
        TAGS.iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str("//!\n//! Fields the document does not mark as required are `Option`s; string enums keep unknown\n");
    out.push_str(
        "//! values in their `Unknown` variant, so new server values never break decoding.\n\n",
    );
    out.push_str("use serde::{Deserialize, Serialize};\n");
    let mut ids = BTreeSet::new();
    for model in api.models.values() {
        if let Model::Struct { fields, .. } = model {
            for field in fields {
                collect_ids(&field.ty, &mut ids);
            }
        }
    }
    if !ids.is_empty() {
        out.push_str(&format!(
            "use sipgateio_types::{{{}}};\n",
            ids.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    out.push('\n');
    for (name, model) in &api.models {
        render_model(&mut out, name, model);
    }
    Ok(out)
}

/// Adds the id types `ty` names to `ids`.
pub(crate) fn collect_ids(ty: &Ty, ids: &mut BTreeSet<&'static str>) {
    match ty {
        Ty::Id(id) => {
            ids.insert(id);
        }
        Ty::Vec(inner) => collect_ids(inner, ids),
        _ => {}
    }
}

fn insert(models: &mut BTreeMap<String, Model>, name: String, model: Model) -> Result<(), String> {
    if models.contains_key(&name) {
        return Err(format!("two generated types are named `{name}`"));
    }
    models.insert(name, model);
    Ok(())
}

fn collect_refs(node: &Yaml, out: &mut Vec<String>) {
    match node {
        Yaml::Hash(map) => {
            for (key, value) in map {
                if key.as_str() == Some("$ref") {
                    if let Some(name) = value
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    {
                        out.push(name.to_owned());
                    }
                } else {
                    collect_refs(value, out);
                }
            }
        }
        Yaml::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
        _ => {}
    }
}

/// Doc lines from a schema's `description` (or `fallback`) and a scalar `example`.
fn describe(schema: &Yaml, fallback: &str) -> Vec<String> {
    let mut doc: Vec<String> = match schema["description"].as_str() {
        Some(text) if !text.trim().is_empty() => text.trim().lines().map(escape_doc).collect(),
        _ => vec![fallback.to_owned()],
    };
    let example = match &schema["example"] {
        Yaml::String(s) if !s.contains('`') && !s.contains('\n') => Some(format!("\"{s}\"")),
        Yaml::Integer(n) => Some(n.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    };
    if let Some(example) = example {
        doc.push(String::new());
        doc.push(format!("Example: `{example}`"));
    }
    doc
}

/// Keeps rustdoc from reading descriptions as links or HTML.
pub(crate) fn escape_doc(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.trim_end().chars() {
        match c {
            '[' | ']' | '<' | '>' | '*' | '_' | '`' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if out.starts_with("http://") || out.starts_with("https://") || out.contains(" http") {
        // bare URLs: rustdoc wants them in angle brackets; keep the text literal instead
        out = out.replace("http", "http\u{200b}");
    }
    out
}

fn build_model(
    name: &str,
    schema: &Yaml,
    doc: Vec<String>,
    models: &mut BTreeMap<String, Model>,
) -> Result<Model, String> {
    if let Some(values) = enum_values(schema) {
        return Ok(Model::Enum { doc, values });
    }
    let required: BTreeSet<&str> = schema["required"]
        .as_vec()
        .map(|v| v.iter().filter_map(Yaml::as_str).collect())
        .unwrap_or_default();
    let mut fields = Vec::new();
    if let Some(properties) = schema["properties"].as_hash() {
        for (key, property) in properties {
            let json = key
                .as_str()
                .ok_or_else(|| format!("`{name}` has a property that is not a string"))?;
            let field_type = format!("{}{}", type_stem(name), pascal(json));
            let ty = field_ty(&field_type, &format!("{name}.{json}"), property, models)?;
            let ty = match names::field_id(name, json) {
                Some(id) if ty == Ty::String => Ty::Id(id),
                _ => ty,
            };
            fields.push(Field {
                json: json.to_owned(),
                rust: field_name(json),
                ty,
                required: required.contains(json),
                doc: describe(property, &format!("`{json}`.")),
            });
        }
    }
    Ok(Model::Struct {
        doc,
        fields,
        request: name.ends_with("Request"),
    })
}

fn enum_values(schema: &Yaml) -> Option<Vec<String>> {
    let values = schema["enum"].as_vec()?;
    let values: Vec<String> = values
        .iter()
        .filter_map(|v| match v {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Integer(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    (!values.is_empty()).then_some(values)
}

/// The Rust type of a property; inline enums and objects become types named `type_name`.
fn field_ty(
    type_name: &str,
    origin: &str,
    property: &Yaml,
    models: &mut BTreeMap<String, Model>,
) -> Result<Ty, String> {
    if let Some(reference) = property["$ref"].as_str() {
        let target = reference
            .strip_prefix("#/components/schemas/")
            .ok_or_else(|| format!("unsupported reference `{reference}`"))?;
        return Ok(Ty::Named(pascal(target)));
    }
    if enum_values(property).is_some() || property["properties"].as_hash().is_some() {
        let doc = vec![format!("The values of `{origin}` in the sipgate REST API.")];
        let model = build_model(type_name, property, doc, models)?;
        insert(models, type_name.to_owned(), model)?;
        return Ok(Ty::Named(type_name.to_owned()));
    }
    Ok(match property["type"].as_str() {
        Some("string") => Ty::String,
        Some("boolean") => Ty::Bool,
        Some("integer") if property["format"].as_str() == Some("int32") => Ty::I32,
        Some("integer") => Ty::I64,
        Some("number") => Ty::F64,
        Some("array") => Ty::Vec(Box::new(field_ty(
            type_name,
            &format!("{origin}[]"),
            &property["items"],
            models,
        )?)),
        _ => Ty::Json,
    })
}

/// `AccountResponse` → `Account` (the stem inline types are named after).
fn type_stem(name: &str) -> &str {
    name.strip_suffix("Response")
        .or_else(|| name.strip_suffix("Request"))
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
}

/// `mainProductType` / `THIRTY_DAYS` / `e-mail` → `MainProductType` / `ThirtyDays` / `EMail`.
pub fn pascal(text: &str) -> String {
    let mut out = String::new();
    for word in words(text) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(&chars.as_str().to_lowercase());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// `historyLifeTime` → `history_life_time`; Rust keywords get a raw identifier.
pub fn field_name(text: &str) -> String {
    let mut name = words(text)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "field_");
    }
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type",
        "unsafe", "use", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// Splits camelCase, PascalCase, SNAKE_CASE and kebab-case into words.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

pub(crate) fn push_doc(out: &mut String, indent: &str, doc: &[String]) {
    for line in doc {
        if line.is_empty() {
            out.push_str(&format!("{indent}///\n"));
        } else {
            out.push_str(&format!("{indent}/// {line}\n"));
        }
    }
}

fn render_model(out: &mut String, name: &str, model: &Model) {
    match model {
        Model::Enum { values, .. } if shared_enum(values) == Some(name) => {
            out.push_str(&format!(
                "/// One type with the rest of the SDK: declared in `sipgateio-types`.\npub use sipgateio_types::{name};\n\n"
            ));
        }
        Model::Enum { doc, values } => {
            out.push_str("sipgateio_types::wire_enum! {\n");
            push_doc(out, "    ", doc);
            out.push_str(&format!("    pub enum {name} {{\n"));
            let mut used = BTreeSet::new();
            for value in values {
                let mut variant = pascal(value);
                if variant == "Unknown" || !used.insert(variant.clone()) {
                    variant.push_str("Value");
                    used.insert(variant.clone());
                }
                out.push_str(&format!("        /// `{value}`\n"));
                out.push_str(&format!("        {variant} = \"{value}\",\n"));
            }
            out.push_str("    }\n}\n\n");
        }
        Model::Struct {
            doc,
            fields,
            request,
        } => {
            push_doc(out, "", doc);
            out.push_str("#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n");
            if !request {
                out.push_str("#[non_exhaustive]\n");
            }
            out.push_str(&format!("pub struct {name} {{\n"));
            for field in fields {
                push_doc(out, "    ", &field.doc);
                let mut attrs = Vec::new();
                if field.rust.trim_start_matches("r#") != field.json {
                    attrs.push(format!("rename = \"{}\"", field.json));
                }
                let ty = if field.required {
                    field.ty.rust()
                } else {
                    attrs.push("default".to_owned());
                    attrs.push("skip_serializing_if = \"Option::is_none\"".to_owned());
                    format!("Option<{}>", field.ty.rust())
                };
                if !attrs.is_empty() {
                    out.push_str(&format!("    #[serde({})]\n", attrs.join(", ")));
                }
                out.push_str(&format!("    pub {}: {ty},\n", field.rust));
            }
            out.push_str("}\n\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.1
info:
  title: sipgate API
  version: 2.0.0
paths:
  /balance:
    get:
      operationId: getBalance
      tags: [account]
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/BalanceResponse'
  /sms:
    get:
      operationId: getSms
      tags: [sms]
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SmsResponse'
  /users/{userId}/role:
    put:
      operationId: setRole
      tags: [users]
      parameters:
      - name: userId
        in: path
        required: true
        schema:
          type: string
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/SetUserRoleRequest'
      responses:
        "204":
          description: ok
components:
  schemas:
    BalanceResponse:
      type: object
      required: [currency]
      properties:
        amount:
          type: integer
          format: int32
        currency:
          type: string
          example: EUR
        history:
          type: array
          items:
            $ref: '#/components/schemas/Entry'
    Entry:
      type: object
      properties:
        type:
          type: string
          enum: [REGISTER, THIRTY_DAYS, Unknown]
        device:
          type: string
          enum: [MOBILE, REGISTER, EXTERNAL]
        logoURL:
          type: string
    SetUserRoleRequest:
      type: object
      properties:
        admin:
          type: boolean
        grant:
          $ref: '#/components/schemas/RoleGrant'
    RoleGrant:
      type: object
      properties:
        role:
          type: string
    SmsResponse:
      type: object
      properties:
        id:
          type: string
"##;

    #[test]
    fn names() {
        assert_eq!(pascal("mainProductType"), "MainProductType");
        assert_eq!(pascal("THIRTY_DAYS"), "ThirtyDays");
        assert_eq!(pascal("e-mail"), "EMail");
        assert_eq!(pascal("1x"), "V1x");
        assert_eq!(field_name("historyLifeTime"), "history_life_time");
        assert_eq!(field_name("logoURL"), "logo_url");
        assert_eq!(field_name("base64Content"), "base64_content");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("URLForX"), "url_for_x");
    }

    #[test]
    fn generates_only_the_selected_areas_and_what_they_reach() {
        let code = render(SPEC).expect("valid spec");
        assert!(code.contains("pub struct BalanceResponse {"), "{code}");
        assert!(code.contains("pub struct Entry {"), "{code}");
        assert!(code.contains("pub struct SetUserRoleRequest {"), "{code}");
        assert!(
            !code.contains("SmsResponse"),
            "sms is not a selected area:\n{code}"
        );
        assert!(
            code.contains("Used by `GET /balance` (`getBalance`)."),
            "{code}"
        );
    }

    #[test]
    fn required_fields_are_plain_and_others_optional() {
        let code = render(SPEC).expect("valid spec");
        assert!(code.contains("    pub currency: String,\n"), "{code}");
        assert!(
            code.contains(
                "    #[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub amount: Option<i32>,\n"
            ),
            "{code}"
        );
        assert!(code.contains("pub history: Option<Vec<Entry>>,"), "{code}");
        assert!(code.contains("Example: `\"EUR\"`"), "{code}");
    }

    #[test]
    fn inline_enums_get_a_type_and_keywords_a_raw_name() {
        let code = render(SPEC).expect("valid spec");
        assert!(code.contains("pub r#type: Option<EntryType>,"), "{code}");
        assert!(code.contains("sipgateio_types::wire_enum! {\n"), "{code}");
        assert!(code.contains("    pub enum EntryType {\n"), "{code}");
        assert!(code.contains("ThirtyDays = \"THIRTY_DAYS\","), "{code}");
        // a server value named like the fallback variant does not clash with it
        assert!(code.contains("UnknownValue = \"Unknown\","), "{code}");
        assert!(
            code.contains("#[serde(rename = \"logoURL\", default"),
            "{code}"
        );
    }

    #[test]
    fn enums_of_sipgateio_types_are_reexported_under_their_shared_name() {
        let code = render(SPEC).expect("valid spec");
        assert!(code.contains("pub device: Option<DeviceType>,"), "{code}");
        assert!(
            code.contains("pub use sipgateio_types::DeviceType;"),
            "{code}"
        );
        assert!(!code.contains("EntryDevice"), "{code}");
        assert!(!code.contains("enum DeviceType"), "{code}");
        assert_eq!(
            shared_enum(&[
                "SENT".into(),
                "FAILED".into(),
                "PENDING".into(),
                "SENDING".into(),
                "SCHEDULED".into()
            ]),
            Some("FaxStatus")
        );
        assert_eq!(shared_enum(&["MOBILE".into(), "REGISTER".into()]), None);
    }

    #[test]
    fn everything_inside_a_request_body_is_constructible() {
        let code = render(SPEC).expect("valid spec");
        let grant = code
            .find("pub struct RoleGrant")
            .expect("nested request model");
        assert!(!code[..grant].ends_with("#[non_exhaustive]\n"), "{code}");
        assert!(
            code.contains("#[non_exhaustive]\npub struct Entry"),
            "{code}"
        );
    }

    #[test]
    fn responses_are_non_exhaustive_and_requests_are_constructible() {
        let code = render(SPEC).expect("valid spec");
        let request = code.find("pub struct SetUserRoleRequest").expect("request");
        let before = &code[..request];
        assert!(!before.ends_with("#[non_exhaustive]\n"), "{code}");
        assert!(
            code.contains("#[non_exhaustive]\npub struct BalanceResponse"),
            "{code}"
        );
    }

    #[test]
    fn missing_schemas_are_errors() {
        let broken = SPEC.replace(
            "$ref: '#/components/schemas/Entry'",
            "$ref: '#/components/schemas/Nope'",
        );
        let err = render(&broken).expect_err("missing schema");
        assert!(err.contains("Nope"), "{err}");
        assert!(render(": : :").is_err());
    }

    #[test]
    fn operations_of_the_selected_areas_are_read() {
        let api = parse(SPEC).expect("valid spec");
        let ids: Vec<&str> = api.operations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, vec!["getBalance", "setRole"]);
        let balance = &api.operations[0];
        assert_eq!(balance.response, Some(Ty::Named("BalanceResponse".into())));
        assert_eq!(balance.success, Some(200));
        let role = &api.operations[1];
        assert_eq!(role.method, "PUT");
        assert_eq!(role.path_params[0].json, "userId");
        assert_eq!(role.body, Some(Ty::Named("SetUserRoleRequest".into())));
        assert_eq!(role.response, None);
        assert_eq!(role.success, Some(204));
        let undeclared = SPEC.replace("      - name: userId\n", "      - name: other\n");
        let err = parse(&undeclared).expect_err("undeclared path parameter");
        assert!(err.contains("userId"), "{err}");
    }

    /// Operations under `/{userId}/…`, on a web user itself, and ids in models.
    const USERS: &str = r##"
openapi: 3.0.1
info:
  title: sipgate API
  version: 2.0.0
paths:
  /users:
    get:
      operationId: getAllUsers
      tags: [users]
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/UsersResponse'
  /users/{userId}:
    parameters:
    - name: userId
      in: path
      required: true
      schema:
        type: string
    get:
      operationId: getUser
      tags: [users]
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/UserResponse'
  /{userId}/phonelines:
    get:
      operationId: getPhonelines
      tags: [phonelines]
      parameters:
      - name: userId
        in: path
        required: true
        schema:
          type: string
      - name: extension
        in: query
        schema:
          type: string
      - name: page
        in: query
        schema:
          type: integer
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/UsersResponse'
  /blacklist/incoming/{phoneNumber}:
    delete:
      operationId: removeIncomingEntry
      tags: [blacklist]
      parameters:
      - name: phoneNumber
        in: path
        required: true
        schema:
          type: string
      responses:
        "204":
          description: ok
components:
  schemas:
    UsersResponse:
      type: object
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/UserResponse'
    UserResponse:
      type: object
      required: [id]
      properties:
        id:
          type: string
        defaultDevice:
          type: string
        firstname:
          type: string
"##;

    #[test]
    fn operations_are_named_by_the_rule_and_ordered_by_name() {
        let api = parse(USERS).expect("valid spec");
        let names: Vec<(&str, &str)> = api
            .operations
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("removeIncomingEntry", "delete_incoming_entry"),
                ("getUser", "get_user"),
                ("getPhonelines", "list_phonelines"),
                ("getAllUsers", "list_users"),
            ]
        );
    }

    #[test]
    fn id_parameters_and_listed_model_fields_are_typed() {
        let api = parse(USERS).expect("valid spec");
        let op = |name: &str| {
            api.operations
                .iter()
                .find(|o| o.name == name)
                .expect("operation")
        };
        // a path parameter shared by every method of the path
        assert_eq!(op("get_user").path_params[0].ty, Ty::Id("WebuserId"));
        let lines = op("list_phonelines");
        assert_eq!(lines.path_params[0].ty, Ty::Id("WebuserId"));
        assert_eq!(lines.query[0].ty, Ty::Id("ExtensionId"));
        assert_eq!(lines.query[1].ty, Ty::I64, "integers stay integers");
        assert_eq!(
            op("delete_incoming_entry").path_params[0].ty,
            Ty::String,
            "a phone number is not an id"
        );
        let code = render_models(&api).expect("renders");
        assert!(code.contains("    pub id: WebuserId,\n"), "{code}");
        assert!(
            code.contains("pub default_device: Option<DeviceId>,"),
            "{code}"
        );
        assert!(code.contains("pub firstname: Option<String>,"), "{code}");
        assert!(
            code.contains("use sipgateio_types::{DeviceId, WebuserId};"),
            "{code}"
        );
    }

    #[test]
    fn a_stale_id_field_table_entry_is_an_error() {
        let broken = USERS.replace("        defaultDevice:\n", "        defaultPhone:\n");
        let err = parse(&broken).expect_err("UserResponse.defaultDevice is gone");
        assert!(err.contains("UserResponse.defaultDevice"), "{err}");
    }

    #[test]
    fn bare_bool_parameters_are_refused() {
        let with_bool = USERS.replace(
            "      - name: page\n        in: query\n        schema:\n          type: integer\n",
            "      - name: active\n        in: query\n        schema:\n          type: boolean\n",
        );
        let err = parse(&with_bool).expect_err("a bool parameter");
        assert!(err.contains("`active` is a bare bool"), "{err}");
    }

    #[test]
    fn clashing_names_are_refused() {
        // `getUsers` would be `list_users`, like `getAllUsers`
        let twice = USERS.replace(
            "  /users/{userId}:\n",
            "  /people:\n    get:\n      operationId: getUsers\n      tags: [users]\n      responses:\n        \"200\":\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/UsersResponse'\n  /users/{userId}:\n",
        );
        let err = parse(&twice).expect_err("two list_users");
        assert!(err.contains("`list_users`"), "{err}");
        assert!(err.contains("names::RENAMES"), "{err}");
    }

    #[test]
    fn descriptions_are_escaped_for_rustdoc() {
        assert_eq!(escape_doc("see [this] <b>"), "see \\[this\\] \\<b\\>");
        assert!(!escape_doc("at https://x.y").contains(" https://"));
    }
}
