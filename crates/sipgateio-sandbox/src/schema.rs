//! Checking values against the description's schemas, and making values that fit them.

use serde_json::{Map, Value, json};

use crate::description::Description;

/// How deep nested schemas are followed when a value is made up.
const MAX_SYNTH_DEPTH: usize = 12;

/// What is wrong with a request, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    /// A JSON pointer into the body (`/targets/0/number`), or the parameter's name for a query
    /// or path parameter (`/limit`).
    pub(crate) pointer: String,
    pub(crate) detail: String,
}

/// How strict a check is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules<'a> {
    /// Reject fields the schema does not declare.
    pub(crate) unknown_fields: bool,
    /// Body pointers allowed although the description does not know them.
    pub(crate) allowed: &'a [&'a str],
}

/// Checks `value` against `schema`; the first violation found.
pub(crate) fn check(
    d: &Description,
    schema: &Value,
    value: &Value,
    pointer: &str,
    rules: Rules<'_>,
) -> Result<(), Violation> {
    let schema = d.resolve(schema);
    let fail = |detail: String| {
        Err(Violation {
            pointer: pointer.to_owned(),
            detail,
        })
    };
    let field = if pointer.is_empty() {
        "the body".to_owned()
    } else {
        format!("`{}`", pointer.trim_start_matches('/').replace('/', "."))
    };
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        let names: Vec<String> = options.iter().map(Value::to_string).collect();
        return fail(format!("{field} must be one of {}", names.join(", ")));
    }
    match kind(schema) {
        Some("object") => {
            let Some(object) = value.as_object() else {
                return fail(format!("{field} must be an object"));
            };
            let properties = schema.get("properties").and_then(Value::as_object);
            for name in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if object.get(name).is_none_or(Value::is_null) {
                    return Err(Violation {
                        pointer: format!("{pointer}/{name}"),
                        detail: format!("{} is required", field_name(&format!("{pointer}/{name}"))),
                    });
                }
            }
            let additional = schema.get("additionalProperties");
            for (name, item) in object {
                let at = format!("{pointer}/{name}");
                match properties.and_then(|p| p.get(name)) {
                    // A null stands for "not given"; a required one was refused above.
                    Some(_) if item.is_null() => {}
                    Some(property) => check(d, property, item, &at, rules)?,
                    None => match additional {
                        Some(extra) if extra.is_object() => check(d, extra, item, &at, rules)?,
                        Some(Value::Bool(true)) => {}
                        _ if rules.unknown_fields && !allowed(rules.allowed, &at) => {
                            return Err(Violation {
                                detail: format!(
                                    "{} is not a field of this request in the API description",
                                    field_name(&at)
                                ),
                                pointer: at,
                            });
                        }
                        _ => {}
                    },
                }
            }
            Ok(())
        }
        Some("array") => {
            let Some(items) = value.as_array() else {
                return fail(format!("{field} must be an array"));
            };
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(d, item_schema, item, &format!("{pointer}/{i}"), rules)?;
                }
            }
            Ok(())
        }
        Some("string") => {
            let Some(text) = value.as_str() else {
                return fail(format!("{field} must be a string"));
            };
            let length = text.chars().count() as u64;
            if let Some(min) = schema.get("minLength").and_then(Value::as_u64)
                && length < min
            {
                return fail(format!("{field} must have at least {min} characters"));
            }
            if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
                && length > max
            {
                return fail(format!("{field} must have at most {max} characters"));
            }
            match schema.get("format").and_then(Value::as_str) {
                Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
                    fail(format!("{field} must be an ISO-8601 date-time"))
                }
                Some("date") if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
                    fail(format!("{field} must be a date (YYYY-MM-DD)"))
                }
                _ => Ok(()),
            }
        }
        Some("integer") => {
            let Some(number) = value.as_i64() else {
                return fail(format!("{field} must be an integer"));
            };
            check_range(schema, number as f64, &field, pointer)?;
            if schema.get("format").and_then(Value::as_str) == Some("int32")
                && i32::try_from(number).is_err()
            {
                return fail(format!("{field} must fit a 32-bit integer"));
            }
            Ok(())
        }
        Some("number") => match value.as_f64() {
            Some(number) => check_range(schema, number, &field, pointer),
            None => fail(format!("{field} must be a number")),
        },
        Some("boolean") if !value.is_boolean() => fail(format!("{field} must be true or false")),
        _ => Ok(()),
    }
}

fn check_range(schema: &Value, number: f64, field: &str, pointer: &str) -> Result<(), Violation> {
    let fail = |detail: String| {
        Err(Violation {
            pointer: pointer.to_owned(),
            detail,
        })
    };
    if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
        && number < min
    {
        return fail(format!("{field} must be at least {min}"));
    }
    if let Some(max) = schema.get("maximum").and_then(Value::as_f64)
        && number > max
    {
        return fail(format!("{field} must be at most {max}"));
    }
    Ok(())
}

/// A pointer as a field name for a message: `/targets/0/number` → `` `targets.0.number` ``.
fn field_name(pointer: &str) -> String {
    format!("`{}`", pointer.trim_start_matches('/').replace('/', "."))
}

/// Whether `pointer` (with array indexes) is on the allow-list (written with `*` for indexes).
fn allowed(list: &[&str], pointer: &str) -> bool {
    let generic: String = pointer
        .split('/')
        .map(|s| {
            if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    list.contains(&generic.as_str())
}

/// The schema's type (`properties` without a type is an object).
fn kind(schema: &Value) -> Option<&str> {
    schema
        .get("type")
        .and_then(Value::as_str)
        .or_else(|| schema.get("properties").is_some().then_some("object"))
}

/// A query or path value (text) as the JSON value its schema asks for, or a violation.
pub(crate) fn parse_text(
    d: &Description,
    schema: &Value,
    texts: &[&str],
    name: &str,
) -> Result<Value, Violation> {
    let schema = d.resolve(schema);
    let one = |schema: &Value, text: &str| -> Result<Value, Violation> {
        let schema = d.resolve(schema);
        let bad = |what: &str| Violation {
            pointer: format!("/{name}"),
            detail: format!("parameter `{name}` must be {what}, got `{text}`"),
        };
        match kind(schema) {
            Some("integer") => text
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| bad("an integer")),
            Some("number") => text
                .parse::<f64>()
                .ok()
                .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
                .ok_or_else(|| bad("a number")),
            Some("boolean") => match text {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                _ => Err(bad("`true` or `false`")),
            },
            _ => Ok(Value::String(text.to_owned())),
        }
    };
    let value = if kind(schema) == Some("array") {
        let items = schema.get("items").unwrap_or(&Value::Null);
        Value::Array(
            texts
                .iter()
                .flat_map(|t| t.split(','))
                .map(|t| one(items, t))
                .collect::<Result<_, _>>()?,
        )
    } else {
        one(schema, texts.last().copied().unwrap_or_default())?
    };
    let rules = Rules {
        unknown_fields: false,
        allowed: &[],
    };
    // A parameter is named as a whole (`/types`, not `/types/1`).
    check(d, schema, &value, &format!("/{name}"), rules).map_err(|v| Violation {
        detail: format!("parameter {}", v.detail),
        pointer: format!("/{name}"),
    })?;
    Ok(value)
}

/// Context for made-up values: the path parameters, so an answer about `/devices/e7` says
/// `"id": "e7"`.
#[derive(Debug, Default)]
pub(crate) struct Context {
    pub(crate) params: Vec<(String, String)>,
    /// The value of an `id` field at the top level.
    pub(crate) id: Option<String>,
}

/// A value that fits `schema`, taking what `stored` has where it fits (objects merged field by
/// field), and plausible made-up values elsewhere: the first enum value, formats respected.
pub(crate) fn render(
    d: &Description,
    schema: &Value,
    stored: Option<&Value>,
    name: &str,
    ctx: &Context,
    depth: usize,
) -> Value {
    let schema = d.resolve(schema);
    let fits = |value: &Value| {
        let rules = Rules {
            unknown_fields: false,
            allowed: &[],
        };
        check(d, schema, value, "", rules).is_ok()
    };
    match kind(schema) {
        Some("object") => {
            let mut out = Map::new();
            let stored = stored.and_then(Value::as_object);
            for (key, property) in schema
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let from_store = stored.and_then(|s| s.get(key)).filter(|v| !v.is_null());
                let from_path = (depth == 0)
                    .then(|| {
                        if key == "id" {
                            ctx.id
                                .clone()
                                .or_else(|| ctx.params.last().map(|p| p.1.clone()))
                        } else {
                            ctx.params.iter().find(|p| &p.0 == key).map(|p| p.1.clone())
                        }
                    })
                    .flatten();
                let value = match (from_store, from_path) {
                    (Some(value), _) => render(d, property, Some(value), key, ctx, depth + 1),
                    (None, Some(text)) => {
                        let resolved = d.resolve(property);
                        let typed = parse_text(d, resolved, &[text.as_str()], key).ok();
                        render(d, property, typed.as_ref(), key, ctx, depth + 1)
                    }
                    (None, None) => render(d, property, None, key, ctx, depth + 1),
                };
                out.insert(key.clone(), value);
            }
            Value::Object(out)
        }
        Some("array") => {
            let items = schema.get("items").unwrap_or(&Value::Null);
            match stored.and_then(Value::as_array) {
                Some(stored) => Value::Array(
                    stored
                        .iter()
                        .map(|v| render(d, items, Some(v), name, ctx, depth + 1))
                        .collect(),
                ),
                None => Value::Array(Vec::new()),
            }
        }
        _ => match stored {
            Some(value) if fits(value) => value.clone(),
            _ => synth_scalar(schema, name),
        },
    }
    .pipe_depth(depth)
}

/// One made-up item of an array schema (for a read-only collection's listing).
pub(crate) fn one_item(d: &Description, array: &Value, ctx: &Context) -> Value {
    let items = d.resolve(array).get("items").unwrap_or(&Value::Null);
    render(d, items, None, "item", ctx, 1)
}

trait PipeDepth {
    fn pipe_depth(self, depth: usize) -> Self;
}

impl PipeDepth for Value {
    /// Beyond the depth limit a made-up object is empty (recursive schemas end).
    fn pipe_depth(self, depth: usize) -> Self {
        if depth > MAX_SYNTH_DEPTH && self.is_object() {
            Value::Object(Map::new())
        } else {
            self
        }
    }
}

/// A plausible scalar for a schema, guided by the field's name.
fn synth_scalar(schema: &Value, name: &str) -> Value {
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    if let Some(default) = schema.get("default").filter(|v| !v.is_null()) {
        return default.clone();
    }
    let lower = name.to_ascii_lowercase();
    match kind(schema) {
        Some("integer") => {
            let min = schema.get("minimum").and_then(Value::as_i64).unwrap_or(0);
            json!(min.max(if lower.ends_with("id") { 1 } else { 0 }))
        }
        Some("number") => json!(schema.get("minimum").and_then(Value::as_f64).unwrap_or(0.0)),
        Some("boolean") => Value::Bool(false),
        Some("string") | None => {
            let text = match schema.get("format").and_then(Value::as_str) {
                Some("date-time") => chrono::Utc::now().to_rfc3339(),
                Some("date") => chrono::Utc::now().format("%Y-%m-%d").to_string(),
                _ if lower.contains("mail") => "sandbox@example.com".to_owned(),
                _ if lower.ends_with("url") || lower.ends_with("uri") => {
                    "https://example.com/sandbox".to_owned()
                }
                _ if ["date", "time", "modified", "created"]
                    .iter()
                    .any(|word| lower.contains(word)) =>
                {
                    chrono::Utc::now().to_rfc3339()
                }
                _ if lower.contains("number") || lower.contains("phone") => {
                    "+4921100000000".to_owned()
                }
                _ if lower == "id" || lower.ends_with("id") => "1".to_owned(),
                _ => format!("sandbox {name}"),
            };
            Value::String(text)
        }
        Some(_) => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::description::description;

    #[test]
    fn bodies_are_checked_field_by_field() {
        let d = description();
        let schema = json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "count": {"type": "integer", "format": "int32", "minimum": 0},
                "kind": {"type": "string", "enum": ["A", "B"]},
                "tags": {"type": "array", "items": {"type": "string"}}
            }
        });
        let lenient = Rules {
            unknown_fields: false,
            allowed: &[],
        };
        let strict = Rules {
            unknown_fields: true,
            allowed: &["/extra"],
        };
        let ok = json!({"name": "x", "count": 2, "kind": "B", "tags": ["a"], "other": 1});
        assert!(check(d, &schema, &ok, "", lenient).is_ok());
        let unknown = check(d, &schema, &ok, "", strict).expect_err("unknown field");
        assert_eq!(unknown.pointer, "/other");
        let allowed = json!({"name": "x", "extra": true});
        assert!(check(d, &schema, &allowed, "", strict).is_ok());
        let missing = check(d, &schema, &json!({"count": 1}), "", lenient).expect_err("missing");
        assert_eq!(missing.pointer, "/name");
        let wrong = check(d, &schema, &json!({"name": "x", "tags": [1]}), "", lenient)
            .expect_err("wrong type");
        assert_eq!(wrong.pointer, "/tags/0");
        let bad_enum =
            check(d, &schema, &json!({"name": "x", "kind": "C"}), "", lenient).expect_err("enum");
        assert!(bad_enum.detail.contains("\"A\""), "{}", bad_enum.detail);
        let negative =
            check(d, &schema, &json!({"name": "x", "count": -1}), "", lenient).expect_err("min");
        assert_eq!(negative.pointer, "/count");
    }

    #[test]
    fn rendered_values_fit_their_schema() {
        let d = description();
        let strict = Rules {
            unknown_fields: true,
            allowed: &[],
        };
        for op in &d.operations {
            let (_, response) = op.success(false);
            let Some((_, schema)) = response.and_then(crate::description::response_body) else {
                continue;
            };
            let ctx = Context::default();
            let value = render(d, schema, None, "", &ctx, 0);
            assert!(
                check(d, schema, &value, "", strict).is_ok(),
                "{}: {value}",
                op.id
            );
        }
        let query = parse_text(
            d,
            &json!({"type": "integer", "maximum": 5}),
            &["9"],
            "limit",
        )
        .expect_err("too large");
        assert_eq!(query.pointer, "/limit");
        assert!(
            query.detail.contains("parameter `limit`"),
            "{}",
            query.detail
        );
    }
}
