//! The sandbox's own reader of sipgate's API description (`api/sipgate-api.json`, the committed
//! facts file): the operations, and the subset of JSON Schema the file uses — `$ref`, objects
//! with `properties`/`required`/`additionalProperties`, arrays, enums, `string`/`integer`/
//! `number`/`boolean`, the `int32`/`int64`/`date-time`/`date` formats, `minimum`/`maximum`,
//! `minLength`/`maxLength`.
//!
//! It is written for the sandbox and shares no code with the SDK's generator, so a request that
//! passes here was checked by a second, independent reading of the description.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The committed description.
const DESCRIPTION: &str = include_str!("../api/sipgate-api.json");

/// How deep `$ref`s and nested schemas are followed (the description's deepest is far less).
const MAX_DEPTH: usize = 24;

/// The parsed description, read once.
pub(crate) fn description() -> &'static Description {
    static PARSED: OnceLock<Description> = OnceLock::new();
    PARSED.get_or_init(|| Description::parse(DESCRIPTION))
}

/// One parameter of an operation (path, query or header).
#[derive(Debug)]
pub(crate) struct Parameter {
    pub(crate) name: String,
    pub(crate) location: String,
    pub(crate) required: bool,
    pub(crate) schema: Value,
}

/// One operation: method, path template and what it takes and answers.
#[derive(Debug)]
pub(crate) struct Operation {
    pub(crate) id: String,
    /// Upper-case HTTP method.
    pub(crate) method: String,
    /// The path template as written in the description (`/devices/{deviceId}`).
    pub(crate) path: String,
    /// The template's segments: `None` for a parameter (named in `params`).
    pub(crate) segments: Vec<Option<String>>,
    /// The parameter name of each parameter segment, in order.
    pub(crate) path_names: Vec<String>,
    pub(crate) parameters: Vec<Parameter>,
    /// The request body's schema, if the operation takes one.
    pub(crate) body: Option<Value>,
    pub(crate) body_required: bool,
    /// The status codes and their response objects (`"200"`, `"default"`, …).
    pub(crate) responses: BTreeMap<String, Value>,
}

impl Operation {
    /// The parameter of `location` named `name`.
    pub(crate) fn parameter(&self, location: &str, name: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|p| p.location == location && p.name == name)
    }

    /// The success answer: its status and the response object (`None`: no body).
    pub(crate) fn success(&self, creates: bool) -> (u16, Option<&Value>) {
        let order: &[&str] = if creates {
            &["201", "200", "202", "204"]
        } else {
            &["200", "201", "202", "204"]
        };
        for code in order {
            if let Some(response) = self.responses.get(*code) {
                let status = code.parse().unwrap_or(200);
                return (status, response_body(response).map(|_| response));
            }
        }
        match self.responses.get("default") {
            Some(response) if response_body(response).is_some() => (200, Some(response)),
            // No documented success and no body: sipgate answers such mutations 204.
            _ => (204, None),
        }
    }
}

/// The (media type, schema) of a response object's body, if it declares one.
pub(crate) fn response_body(response: &Value) -> Option<(&str, &Value)> {
    let content = response.get("content")?.as_object()?;
    content
        .iter()
        .find_map(|(media, body)| body.get("schema").map(|schema| (media.as_str(), schema)))
}

/// The description: operations and component schemas.
#[derive(Debug)]
pub(crate) struct Description {
    pub(crate) operations: Vec<Operation>,
    schemas: Map<String, Value>,
}

impl Description {
    fn parse(text: &str) -> Self {
        // The file is committed and checked by the tests; an unreadable one is an empty
        // description (every request then falls through to the hand-written routes).
        let root: Value = serde_json::from_str(text).unwrap_or_else(|e| {
            tracing::error!(error = %e, "the API description is not JSON");
            Value::Null
        });
        let schemas = root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut operations = Vec::new();
        for (path, item) in root
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for (method, op) in item.as_object().into_iter().flatten() {
                let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                    continue;
                };
                let segments: Vec<Option<String>> = split(path)
                    .map(|s| {
                        if s.starts_with('{') && s.ends_with('}') {
                            None
                        } else {
                            Some(s.to_owned())
                        }
                    })
                    .collect();
                let path_names = split(path)
                    .filter(|s| s.starts_with('{'))
                    .map(|s| s.trim_matches(|c| c == '{' || c == '}').to_owned())
                    .collect();
                let parameters = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|p| Parameter {
                        name: str_of(p, "name"),
                        location: str_of(p, "in"),
                        required: p.get("required").and_then(Value::as_bool) == Some(true),
                        schema: p.get("schema").cloned().unwrap_or(Value::Null),
                    })
                    .collect();
                let request = op.get("requestBody");
                let body = request
                    .and_then(|r| r.get("content"))
                    .and_then(Value::as_object)
                    .and_then(|c| c.values().find_map(|m| m.get("schema")))
                    .cloned();
                let body_required = request
                    .and_then(|r| r.get("required"))
                    .and_then(Value::as_bool)
                    == Some(true);
                let responses = op
                    .get("responses")
                    .and_then(Value::as_object)
                    .map(|r| r.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                operations.push(Operation {
                    id: id.to_owned(),
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    segments,
                    path_names,
                    parameters,
                    body,
                    body_required,
                    responses,
                });
            }
        }
        Self {
            operations,
            schemas,
        }
    }

    /// The operation a request is for: the template whose literal segments match, literal
    /// segments winning over parameters from the left (`/history/export` before
    /// `/history/{id}`). `None` when no template has this method and path.
    pub(crate) fn find(&self, method: &str, path: &str) -> Option<Matched<'_>> {
        let segments: Vec<&str> = split(path).collect();
        self.operations
            .iter()
            .filter(|op| op.method == method)
            .filter_map(|op| matches(op, &segments).map(|rank| (rank, op)))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, op)| Matched {
                operation: op,
                values: segments
                    .iter()
                    .zip(&op.segments)
                    .filter(|(_, t)| t.is_none())
                    .map(|(s, _)| percent_decode(s))
                    .collect(),
            })
    }

    /// Whether some operation (any method) has this path template shape.
    pub(crate) fn knows_path(&self, path: &str) -> bool {
        let segments: Vec<&str> = split(path).collect();
        self.operations
            .iter()
            .any(|op| matches(op, &segments).is_some())
    }

    /// Whether a template has an item template below it (`T/{param}`) and a `POST` on it: a
    /// collection the API lets you add to. Returns the item parameter's schema.
    pub(crate) fn collection_item(&self, template: &[Option<String>]) -> Option<&Parameter> {
        let has_post = self
            .operations
            .iter()
            .any(|op| op.method == "POST" && op.segments == template);
        if !has_post {
            return None;
        }
        self.operations.iter().find_map(|op| {
            let (last, parent) = op.segments.split_last()?;
            if last.is_none() && parent == template {
                let name = op.path_names.last()?;
                op.parameter("path", name)
            } else {
                None
            }
        })
    }

    /// Follows `$ref`s to the schema they name.
    pub(crate) fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..MAX_DEPTH {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                return schema;
            };
            let name = reference.rsplit('/').next().unwrap_or_default();
            match self.schemas.get(name) {
                Some(target) => schema = target,
                None => return &Value::Null,
            }
        }
        schema
    }
}

/// A request matched to its operation, with the path parameters' values (decoded).
#[derive(Debug)]
pub(crate) struct Matched<'a> {
    pub(crate) operation: &'a Operation,
    pub(crate) values: Vec<String>,
}

impl Matched<'_> {
    /// The path parameters by name.
    pub(crate) fn path_params(&self) -> Vec<(String, String)> {
        self.operation
            .path_names
            .iter()
            .cloned()
            .zip(self.values.iter().cloned())
            .collect()
    }
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

fn str_of(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The rank of a match (literal segments from the left count most), `None` if no match.
fn matches(op: &Operation, segments: &[&str]) -> Option<Vec<bool>> {
    if op.segments.len() != segments.len() {
        return None;
    }
    let mut rank = Vec::with_capacity(segments.len());
    for (template, segment) in op.segments.iter().zip(segments) {
        match template {
            Some(literal) if literal == segment => rank.push(true),
            Some(_) => return None,
            None if segment.is_empty() => return None,
            None => rank.push(false),
        }
    }
    Some(rank)
}

/// Decodes `%XX` escapes of a path segment.
pub(crate) fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(byte) = escaped {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_description_is_read_whole() {
        let d = description();
        assert_eq!(d.operations.len(), 179);
        let export = d
            .find("GET", "/history/export")
            .map(|m| m.operation.id.as_str());
        assert_eq!(export, Some("getHistoryCSV"));
        let entry = d
            .find("GET", "/history/123")
            .map(|m| m.operation.id.as_str());
        assert_eq!(entry, Some("getHistoryById"));
        let device = d.find("GET", "/devices/e0").expect("matched");
        assert_eq!(
            device.path_params(),
            [("deviceId".to_owned(), "e0".to_owned())]
        );
        assert!(d.find("PATCH", "/devices/e0").is_none());
        assert!(d.find("GET", "/no/such/thing/here").is_none());
        assert_eq!(percent_decode("%2B49%20x"), "+49 x");
    }
}
