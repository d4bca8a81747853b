//! The committed API description: the facts of sipgate's OpenAPI document, without its prose.
//!
//! `cargo xtask codegen --spec <openapi.yaml>` reads a full OpenAPI document and writes
//! [`FACTS_FILE`]: the same OpenAPI 3 shape (paths, methods, parameters, request and response
//! schemas, enums, status codes, OAuth scopes), as JSON, with every piece of prose left out —
//! `description`, `summary`, `title`, `example(s)`, `externalDocs`, the scopes' explanations and
//! the top-level tag list. Which keys are kept and which are dropped is an explicit table per
//! kind of node ([`Kind::keeps`], [`Kind::drops`]); a key in neither stops the extraction, so a
//! new document cannot bring prose (or lose a fact) unnoticed.
//!
//! The file starts with an `x-sipgateio` object: the date of the document the facts were taken
//! from, the number of operations, the command that rewrites it, and a checksum of everything
//! after it. Everything else (`cargo xtask codegen [--check]`, the sandbox at run time) reads
//! this file alone; `--check` refuses a file that was edited by hand (its checksum or its layout
//! no longer match).

use std::fmt::Write as _;

use yaml_rust2::{Yaml, YamlLoader};

/// The committed facts, relative to the workspace root. It lives in the sandbox crate, which
/// reads it at run time (and so packages it); the generator reads it from the repository.
pub(crate) const FACTS_FILE: &str = "crates/sipgateio-sandbox/api/sipgate-api.json";

/// The key of the header object.
const HEADER: &str = "x-sipgateio";

/// What the header says about the file (our words, not the document's).
const ABOUT: &str = "The facts of sipgate's REST API (paths, methods, parameters, request and \
     response schemas, enums, status codes, OAuth scopes) taken from sipgate's OpenAPI document \
     of the date below, without its prose. Generated: do not edit by hand.";

/// The command that rewrites the file.
const REGENERATE: &str = "cargo xtask codegen --spec <openapi.yaml> [--date YYYY-MM-DD]";

/// The kinds of node the extraction walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Info,
    Server,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Content,
    MediaType,
    Responses,
    Response,
    Header,
    Components,
    Schemas,
    Schema,
    Properties,
    SecuritySchemes,
    SecurityScheme,
    Flows,
    Flow,
    Scopes,
    Discriminator,
    /// A fact kept as it is (an enum list, a default value, a security requirement, …).
    Value,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

impl Kind {
    /// The keys of this kind that are facts, and the kind of their value.
    fn keeps(self, key: &str) -> Option<Child> {
        use Child::{Each, EachOf, One};
        use Kind::*;
        let child = match (self, key) {
            (Document, "openapi") => One(Value),
            (Document, "info") => One(Info),
            (Document, "servers") => Each(Server),
            (Document, "paths") => One(Paths),
            (Document, "components") => One(Components),
            (Document, "security") => One(Value),
            (Info, "version") => One(Value),
            (Server, "url") => One(Value),
            (PathItem, "parameters") => Each(Parameter),
            (PathItem, method) if METHODS.contains(&method) => One(Operation),
            (Operation, "operationId" | "tags" | "security" | "deprecated") => One(Value),
            (Operation, "parameters") => Each(Parameter),
            (Operation, "requestBody") => One(RequestBody),
            (Operation, "responses") => One(Responses),
            (
                Parameter,
                "name" | "in" | "required" | "style" | "explode" | "deprecated" | "allowEmptyValue"
                | "allowReserved",
            ) => One(Value),
            (Parameter, "schema") => One(Schema),
            (RequestBody, "required") => One(Value),
            (RequestBody | Response, "content") => One(Content),
            (MediaType | Header, "schema") => One(Schema),
            (Header, "required" | "deprecated") => One(Value),
            (Response, "headers") => EachOf(Header),
            (Components, "schemas") => One(Schemas),
            (Components, "securitySchemes") => One(SecuritySchemes),
            (
                Schema,
                "type" | "format" | "enum" | "required" | "$ref" | "default" | "minimum"
                | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" | "minLength"
                | "maxLength" | "pattern" | "minItems" | "maxItems" | "uniqueItems"
                | "minProperties" | "maxProperties" | "nullable" | "readOnly" | "writeOnly"
                | "deprecated",
            ) => One(Value),
            (Schema, "properties") => One(Properties),
            (Schema, "items" | "not") => One(Schema),
            (Schema, "additionalProperties") => One(Schema),
            (Schema, "allOf" | "oneOf" | "anyOf") => Each(Schema),
            (Schema, "discriminator") => One(Discriminator),
            (Discriminator, "propertyName" | "mapping") => One(Value),
            (
                SecurityScheme,
                "type" | "name" | "in" | "scheme" | "bearerFormat" | "openIdConnectUrl",
            ) => One(Value),
            (SecurityScheme, "flows") => One(Flows),
            (Flows, "implicit" | "password" | "clientCredentials" | "authorizationCode") => {
                One(Flow)
            }
            (Flow, "authorizationUrl" | "tokenUrl" | "refreshUrl") => One(Value),
            (Flow, "scopes") => One(Scopes),
            _ => return None,
        };
        Some(child)
    }

    /// The keys of this kind that are prose (or tool hints) and are left out.
    fn drops(self, key: &str) -> bool {
        use Kind::*;
        match (self, key) {
            (_, "description" | "summary" | "externalDocs") => true,
            // the header of a facts file (so that a facts file can be read like a document)
            (Document, HEADER) => true,
            (Document, "tags" | "x-original-swagger-version") => true,
            (Info, "title" | "termsOfService" | "contact" | "license") => true,
            // hints of the OpenAPI Generator: the content types are in `content`
            (Operation, "x-codegen-request-body-name" | "x-contentType" | "x-accepts") => true,
            (Parameter | MediaType | Header, "example" | "examples") => true,
            (Schema, "title" | "example" | "xml") => true,
            _ => false,
        }
    }

    /// Kinds whose keys are names chosen by the document, each with a value of one kind.
    fn map_of(self) -> Option<Kind> {
        match self {
            Kind::Paths => Some(Kind::PathItem),
            Kind::Content => Some(Kind::MediaType),
            Kind::Responses => Some(Kind::Response),
            Kind::Schemas | Kind::Properties => Some(Kind::Schema),
            Kind::SecuritySchemes => Some(Kind::SecurityScheme),
            _ => None,
        }
    }
}

/// The kind of a kept key's value.
#[derive(Debug, Clone, Copy)]
enum Child {
    One(Kind),
    /// A list of nodes of this kind.
    Each(Kind),
    /// A map from names to nodes of this kind.
    EachOf(Kind),
}

/// Extracts the facts of the OpenAPI document `text` (YAML or JSON), dated `date`
/// (`YYYY-MM-DD`), as the text of the facts file.
pub(crate) fn extract(text: &str, date: &str) -> Result<String, String> {
    check_date(date)?;
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
    let doc = docs.first().ok_or("the document is empty")?;
    let facts = walk(doc, Kind::Document, "")?;
    let operations = count_operations(&facts);
    if operations == 0 {
        return Err("the document has no operations".into());
    }
    Ok(render(&facts, date, operations))
}

/// The facts file for `facts` (a document without header).
fn render(facts: &Yaml, date: &str, operations: usize) -> String {
    let body = body_text(facts);
    let mut out = String::from("{\n");
    let _ = write!(
        out,
        "  \"{HEADER}\": {{\n    \"about\": {},\n    \"regenerate\": {},\n    \"date\": {},\n    \"operations\": {operations},\n    \"checksum\": \"{}\"\n  }}",
        json_string(ABOUT),
        json_string(REGENERATE),
        json_string(date),
        checksum(&body)
    );
    if body.is_empty() {
        out.push_str("\n}\n");
    } else {
        out.push_str(",\n");
        out.push_str(&body);
        out.push_str("}\n");
    }
    out
}

/// The members of the document after the header, one per line group, as they appear in the
/// file (indented by two, each ending in `,\n` but the last, which ends in `\n`).
fn body_text(facts: &Yaml) -> String {
    let mut out = String::new();
    if let Yaml::Hash(map) = facts {
        let count = map.len();
        for (i, (key, value)) in map.iter().enumerate() {
            out.push_str("  ");
            out.push_str(&json_string(&key_text(key)));
            out.push_str(": ");
            write_json(value, 1, &mut out);
            out.push_str(if i + 1 < count { ",\n" } else { "\n" });
        }
    }
    out
}

/// The facts file read back: the document (for the generator) and its header.
#[derive(Debug)]
pub(crate) struct Facts {
    /// The facts, in the OpenAPI shape (without the header).
    pub doc: Yaml,
    /// The date of the document they were taken from (`YYYY-MM-DD`).
    pub date: String,
}

/// Reads the facts file `text`, refusing one that was edited by hand: its checksum must match
/// and it must be laid out exactly as [`extract`] writes it.
pub(crate) fn read(text: &str) -> Result<Facts, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let Some(Yaml::Hash(map)) = docs.first() else {
        return Err("not a JSON object".into());
    };
    let header = map
        .get(&Yaml::String(HEADER.into()))
        .ok_or_else(|| format!("no `{HEADER}` header"))?;
    let date = header["date"]
        .as_str()
        .ok_or_else(|| format!("`{HEADER}` has no date"))?
        .to_owned();
    check_date(&date)?;
    let recorded = header["checksum"]
        .as_str()
        .ok_or_else(|| format!("`{HEADER}` has no checksum"))?;
    let mut doc = map.clone();
    doc.remove(&Yaml::String(HEADER.into()));
    let doc = Yaml::Hash(doc);
    let actual = checksum(&body_text(&doc));
    if recorded != actual {
        return Err(format!(
            "edited by hand: its checksum is {recorded}, its content's {actual}; \
             the facts come from sipgate's document: rewrite the file with `{REGENERATE}`"
        ));
    }
    let operations = count_operations(&doc);
    if header["operations"].as_i64() != i64::try_from(operations).ok() {
        return Err(format!(
            "edited by hand: the header counts {:?} operations, the file has {operations}",
            header["operations"]
        ));
    }
    if render(&doc, &date, operations) != text {
        return Err(format!(
            "edited by hand: it is not laid out as `{REGENERATE}` writes it"
        ));
    }
    Ok(Facts { doc, date })
}

/// Refuses anything but `YYYY-MM-DD`.
pub(crate) fn check_date(date: &str) -> Result<(), String> {
    let bytes = date.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    let month = date.get(5..7).and_then(|m| m.parse::<u8>().ok());
    let day = date.get(8..10).and_then(|d| d.parse::<u8>().ok());
    if shape && matches!(month, Some(1..=12)) && matches!(day, Some(1..=31)) {
        Ok(())
    } else {
        Err(format!("the date `{date}` is not YYYY-MM-DD"))
    }
}

/// The number of operations (methods of paths) of a document.
pub(crate) fn count_operations(doc: &Yaml) -> usize {
    doc["paths"].as_hash().map_or(0, |paths| {
        paths
            .values()
            .filter_map(Yaml::as_hash)
            .flat_map(|item| item.keys())
            .filter(|k| k.as_str().is_some_and(|k| METHODS.contains(&k)))
            .count()
    })
}

/// The facts of `node`, a node of kind `kind` at `at` (a path for error messages).
fn walk(node: &Yaml, kind: Kind, at: &str) -> Result<Yaml, String> {
    if kind == Kind::Value {
        return Ok(node.clone());
    }
    if kind == Kind::Scopes {
        // the scope names are facts, their explanations prose
        let map = node
            .as_hash()
            .ok_or_else(|| format!("`{at}` is not a map"))?;
        return Ok(Yaml::Hash(
            map.keys()
                .map(|k| (k.clone(), Yaml::String(String::new())))
                .collect(),
        ));
    }
    if kind == Kind::Schema && matches!(node, Yaml::Boolean(_)) {
        // `additionalProperties: true`
        return Ok(node.clone());
    }
    let map = node
        .as_hash()
        .ok_or_else(|| format!("`{at}` is not a map"))?;
    let mut out = yaml_rust2::yaml::Hash::new();
    for (key, value) in map {
        let name = key_text(key);
        let here = format!("{at}/{name}");
        if let Some(item) = kind.map_of() {
            out.insert(key.clone(), walk(value, item, &here)?);
            continue;
        }
        if let Some(child) = kind.keeps(&name) {
            let kept = match child {
                Child::One(kind) => walk(value, kind, &here)?,
                Child::Each(kind) => {
                    let items = value
                        .as_vec()
                        .ok_or_else(|| format!("`{here}` is not a list"))?;
                    Yaml::Array(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, item)| walk(item, kind, &format!("{here}/{i}")))
                            .collect::<Result<_, _>>()?,
                    )
                }
                Child::EachOf(kind) => {
                    let entries = value
                        .as_hash()
                        .ok_or_else(|| format!("`{here}` is not a map"))?;
                    let mut map = yaml_rust2::yaml::Hash::new();
                    for (name, item) in entries {
                        let path = format!("{here}/{}", key_text(name));
                        map.insert(name.clone(), walk(item, kind, &path)?);
                    }
                    Yaml::Hash(map)
                }
            };
            out.insert(key.clone(), kept);
        } else if !kind.drops(&name) {
            return Err(format!(
                "`{here}`: the key `{name}` is neither a known fact nor known prose; \
                 add it to Kind::keeps or Kind::drops in xtask/src/openapi/facts.rs"
            ));
        }
    }
    Ok(Yaml::Hash(out))
}

/// A map key as text (status codes may be integers in YAML).
fn key_text(key: &Yaml) -> String {
    match key {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(n) => n.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => String::from("?"),
    }
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// Writes `node` as JSON at nesting `level` (two spaces each): maps one member per line, lists
/// of scalars on one line.
fn write_json(node: &Yaml, level: usize, out: &mut String) {
    let pad = "  ".repeat(level + 1);
    let close = "  ".repeat(level);
    match node {
        Yaml::Hash(map) if map.is_empty() => out.push_str("{}"),
        Yaml::Hash(map) => {
            out.push_str("{\n");
            let count = map.len();
            for (i, (key, value)) in map.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&json_string(&key_text(key)));
                out.push_str(": ");
                write_json(value, level + 1, out);
                out.push_str(if i + 1 < count { ",\n" } else { "\n" });
            }
            out.push_str(&close);
            out.push('}');
        }
        Yaml::Array(items) if items.is_empty() => out.push_str("[]"),
        Yaml::Array(items) if items.iter().all(is_scalar) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(item, level, out);
            }
            out.push(']');
        }
        Yaml::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write_json(item, level + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&close);
            out.push(']');
        }
        Yaml::String(s) => out.push_str(&json_string(s)),
        Yaml::Integer(n) => out.push_str(&n.to_string()),
        Yaml::Real(r) => match r.parse::<f64>() {
            Ok(value) if value.is_finite() => {
                out.push_str(&serde_json::Value::from(value).to_string())
            }
            _ => out.push_str(&json_string(r)),
        },
        Yaml::Boolean(b) => out.push_str(&b.to_string()),
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => out.push_str("null"),
    }
}

fn is_scalar(node: &Yaml) -> bool {
    !matches!(node, Yaml::Hash(_) | Yaml::Array(_))
}

/// FNV-1a (64 bit) of `text`, in hex: enough to notice an edit, with no dependency.
fn checksum(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document with prose everywhere the real one has it.
    pub(crate) const DOCUMENT: &str = r##"
openapi: 3.0.1
info:
  description: This is the API documentation. We invite you to use it.
  title: Some API
  version: 2.0.0
servers:
- url: https://api.example.com/v2
tags:
- name: account
  description: Everything about the account
paths:
  /balance:
    get:
      operationId: getBalance
      summary: Get the balance of the account
      description: Returns the balance in ten-thousandths of the currency
      tags: [account]
      security:
      - oauth2: [all, balance:read]
      x-accepts: application/json
      parameters:
      - name: currency
        in: query
        description: Which currency the answer is in
        example: EUR
        schema:
          type: string
          enum: [EUR, USD]
      responses:
        "200":
          description: successful operation
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Balance'
        "404":
          description: Account not found
components:
  schemas:
    Balance:
      title: A balance
      description: How much money there is
      example:
        amount: 10000
      type: object
      required: [amount]
      properties:
        amount:
          description: In ten-thousandths
          example: 10000
          type: integer
          format: int64
          minimum: 0
        title:
          description: a property named like a prose key is a fact
          type: string
          pattern: "^\\+?[1-9]\\d{1,14}$"
          default: "n/a"
  securitySchemes:
    oauth2:
      type: oauth2
      flows:
        implicit:
          authorizationUrl: https://login.example.com/auth
          scopes:
            all: All permissions of the whole wide account
            balance:read: Read the balance
"##;

    #[test]
    fn extraction_drops_prose_and_keeps_facts() {
        let facts = extract(DOCUMENT, "2022-07-11").expect("extracts");
        for prose in [
            "This is the API documentation",
            "Some API",
            "Everything about the account",
            "Get the balance",
            "ten-thousandths",
            "Which currency",
            "successful operation",
            "Account not found",
            "A balance",
            "How much money",
            "a property named like",
            "All permissions",
            "Read the balance",
            "\"example\"",
            "\"description\"",
            "\"summary\"",
            "x-accepts",
        ] {
            assert!(!facts.contains(prose), "`{prose}` is prose:\n{facts}");
        }
        for fact in [
            "\"openapi\": \"3.0.1\"",
            "\"version\": \"2.0.0\"",
            "\"url\": \"https://api.example.com/v2\"",
            "\"operationId\": \"getBalance\"",
            "\"tags\": [\"account\"]",
            "\"oauth2\": [\"all\", \"balance:read\"]",
            "\"enum\": [\"EUR\", \"USD\"]",
            "\"404\": {}",
            "\"$ref\": \"#/components/schemas/Balance\"",
            "\"required\": [\"amount\"]",
            "\"format\": \"int64\"",
            "\"minimum\": 0",
            "\"title\": {",
            "\"pattern\": \"^\\\\+?[1-9]\\\\d{1,14}$\"",
            "\"default\": \"n/a\"",
            "\"authorizationUrl\": \"https://login.example.com/auth\"",
            "\"balance:read\": \"\"",
            "\"date\": \"2022-07-11\"",
            "\"operations\": 1",
        ] {
            assert!(facts.contains(fact), "`{fact}` is a fact:\n{facts}");
        }
    }

    #[test]
    fn unknown_keys_stop_the_extraction() {
        let with_new_key =
            DOCUMENT.replace("          minimum: 0\n", "          x-note: maybe prose\n");
        let err = extract(&with_new_key, "2022-07-11").expect_err("an unknown key");
        assert!(
            err.contains("/components/schemas/Balance/properties/amount/x-note"),
            "{err}"
        );
        assert!(err.contains("Kind::keeps or Kind::drops"), "{err}");
    }

    #[test]
    fn the_facts_read_back_as_the_same_document() {
        let facts = extract(DOCUMENT, "2022-07-11").expect("extracts");
        let read = read(&facts).expect("reads");
        assert_eq!(read.date, "2022-07-11");
        assert_eq!(
            read.doc["paths"]["/balance"]["get"]["operationId"].as_str(),
            Some("getBalance")
        );
        assert_eq!(
            read.doc["components"]["schemas"]["Balance"]["properties"]["title"]["pattern"].as_str(),
            Some("^\\+?[1-9]\\d{1,14}$")
        );
        // extracting the facts file again gives the same facts
        assert_eq!(extract(&facts, "2022-07-11"), Ok(facts.clone()));
    }

    #[test]
    fn hand_edits_are_refused() {
        let facts = extract(DOCUMENT, "2022-07-11").expect("extracts");
        let value = facts.replace("\"minimum\": 0", "\"minimum\": 1");
        let err = read(&value).expect_err("a changed value");
        assert!(err.contains("edited by hand"), "{err}");
        assert!(err.contains("cargo xtask codegen --spec"), "{err}");
        let layout = facts.replacen("\"tags\": [\"account\"]", "\"tags\": [ \"account\" ]", 1);
        assert_ne!(layout, facts);
        let err = read(&layout).expect_err("a changed layout");
        assert!(err.contains("laid out"), "{err}");
        let date = facts.replace("2022-07-11", "2022-13-11");
        assert!(read(&date).expect_err("a bad date").contains("YYYY-MM-DD"));
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2022-07-11").is_ok());
        for bad in [
            "2022-7-11",
            "22-07-11",
            "2022-00-11",
            "2022-07-32",
            "2022/07/11",
            "",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
        assert!(extract(DOCUMENT, "July 2022").is_err());
    }
}
