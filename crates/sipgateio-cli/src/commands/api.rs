//! `sipgateio api METHOD PATH`: any operation of the API, with the credentials, base URL,
//! `--sandbox` and exit codes of every other command; `api --list` lists the operations.

mod description;

use std::io::{IsTerminal as _, Read as _};
use std::path::{Path, PathBuf};

use clap::Args;
use futures_util::TryStreamExt as _;
use serde::Serialize;
use sipgateio::core::transport::{Method, Query, Request};
use tokio::io::AsyncWriteExt as _;

use self::description::{Description, Match};
use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{self, table, write_stdout, write_stdout_raw};

const AFTER_HELP: &str = "\
PATH is relative to the base URL (https://api.sipgate.com/v2): `/account`, not `/v2/account`.
Fill in path parameters yourself (`/w0/phonelines`, not `/{userId}/phonelines`).

The answer's body goes to stdout as the API sent it; JSON is indented on a terminal. A binary
body (a recording, a PDF) needs --output FILE on a terminal. An error status exits 3 with the
API's message on stderr; bad input (METHOD, PATH, --data, --query) exits 5 and sends nothing.

Examples:
  sipgateio api GET /account
  sipgateio api GET /history --query types=SMS --query limit=5
  sipgateio api PUT /settings/sipgateio --data @settings.json
  sipgateio api POST /sessions/sms --data '{\"smsId\":\"s0\",\"recipient\":\"+4915799912345\",\"message\":\"hi\"}'
  sipgateio api --list | grep phonelines";

/// `sipgateio api`.
#[derive(Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub(crate) struct ApiArgs {
    /// GET, POST, PUT, PATCH or DELETE (any case).
    #[arg(required_unless_present = "list")]
    method: Option<String>,

    /// The path below the base URL, starting with `/`, e.g. `/w0/phonelines`.
    #[arg(required_unless_present = "list")]
    path: Option<String>,

    /// The JSON body: the JSON itself, `@FILE` to read it from a file, or `@-` from stdin.
    #[arg(long, value_name = "JSON|@FILE")]
    data: Option<String>,

    /// A query parameter `KEY=VALUE`; repeat for more (or for a list: `--query id=1 --query
    /// id=2`).
    #[arg(long = "query", value_name = "KEY=VALUE")]
    query: Vec<String>,

    /// Write the body to FILE instead of stdout (any size; needed for a binary body such as a
    /// recording on a terminal).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// List the operations of the API description: method, path, operationId and the
    /// first-class command that sends it, if any (JSON: `[{method, path, operationId,
    /// commands}]`).
    #[arg(long, conflicts_with_all = ["method", "path", "data", "query", "output"])]
    list: bool,
}

impl ApiArgs {
    /// Whether the command sends a request (`--list` reads only the embedded description).
    pub(crate) fn talks_to_the_api(&self) -> bool {
        !self.list
    }
}

/// Runs `api`.
pub(crate) async fn run(ctx: &Ctx, args: ApiArgs) -> Result<(), Failure> {
    if args.list {
        return list(ctx);
    }
    let (Some(method), Some(path)) = (args.method.as_deref(), args.path.as_deref()) else {
        return Err(Failure::Usage("METHOD and PATH are required".into()));
    };
    let method = parse_method(method)?;
    check_path(path)?;
    let query = parse_query(&args.query)?;
    let body = match args.data.as_deref() {
        Some(data) => Some(parse_data(data)?),
        None => None,
    };
    if body.is_some() && method == Method::Get {
        return Err(Failure::invalid(
            "invalid --data: a GET request has no body (pass parameters with --query)",
        ));
    }
    if let Some(output) = &args.output {
        check_output(output)?;
    }
    for note in notes(method, path, body.is_some()) {
        eprintln!("note: {note}");
    }
    let mut request = Request::new(method, path).query(query);
    if let Some(body) = &body {
        request = request.json(body)?;
    }
    let client = ctx.client()?;
    match &args.output {
        Some(output) => download(&client, request, output).await,
        None => {
            let response = client.execute(request).await.map_err(|error| {
                if error.kind() == sipgateio::ErrorKind::Decode {
                    Failure::from(error)
                        .prefix("the answer is too large to print: pass --output FILE")
                } else {
                    error.into()
                }
            })?;
            print_body(
                response.content_type(),
                response.bytes(),
                std::io::stdout().is_terminal(),
            )
        }
    }
}

/// The method, any case.
fn parse_method(text: &str) -> Result<Method, Failure> {
    match text.to_ascii_uppercase().as_str() {
        "GET" => Ok(Method::Get),
        "POST" => Ok(Method::Post),
        "PUT" => Ok(Method::Put),
        "PATCH" => Ok(Method::Patch),
        "DELETE" => Ok(Method::Delete),
        _ => Err(Failure::invalid(format!(
            "invalid METHOD: `{}` is not one of GET, POST, PUT, PATCH, DELETE",
            text.escape_debug()
        ))),
    }
}

/// A path below the base URL: `/` first, no query, no unfilled `{parameter}`, no `.` or `..`
/// segment (which would leave the base URL), no spaces or control characters.
fn check_path(path: &str) -> Result<(), Failure> {
    let invalid = |rule: String| Err(Failure::invalid(format!("invalid PATH: {rule}")));
    if !path.starts_with('/') {
        return invalid(format!(
            "`{}` must start with `/` (a path below the base URL, e.g. /account)",
            path.escape_debug()
        ));
    }
    if path.contains('?') || path.contains('#') {
        return invalid(
            "must not hold a query (`?`): pass each parameter with --query KEY=VALUE".into(),
        );
    }
    if let Some(start) = path.find('{') {
        let name = path[start..].split('/').next().unwrap_or_default();
        return invalid(format!(
            "fill in the path parameter `{}` (e.g. /w0/phonelines for /{{userId}}/phonelines)",
            name.escape_debug()
        ));
    }
    if path
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return invalid(
            "must not contain `.` or `..` segments: PATH is below the base URL (pass --base-url \
             for another API version)"
                .into(),
        );
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid(
            "must not contain spaces or control characters (percent-encode them)".into(),
        );
    }
    Ok(())
}

/// `KEY=VALUE` pairs, in order.
fn parse_query(pairs: &[String]) -> Result<Query, Failure> {
    let mut query = Query::new();
    for pair in pairs {
        match pair.split_once('=') {
            Some((key, value)) if !key.trim().is_empty() => {
                query = query.push(key.to_owned(), value);
            }
            _ => {
                return Err(Failure::invalid(format!(
                    "invalid --query `{}`: expected KEY=VALUE, e.g. --query limit=10",
                    pair.escape_debug()
                )));
            }
        }
    }
    Ok(query)
}

/// The JSON of `--data`: given inline, `@FILE` or `@-` (stdin).
fn parse_data(data: &str) -> Result<serde_json::Value, Failure> {
    let (text, from) = match data.strip_prefix('@') {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                Failure::invalid(format!("invalid --data @-: cannot read stdin: {e}"))
            })?;
            (text, "@-".to_owned())
        }
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                Failure::invalid(format!("invalid --data @{file}: cannot read the file: {e}"))
            })?;
            (text, format!("@{file}"))
        }
        None => (data.to_owned(), String::new()),
    };
    serde_json::from_str(&text).map_err(|e| {
        let flag = if from.is_empty() {
            "--data".to_owned()
        } else {
            format!("--data {from}")
        };
        Failure::invalid(format!("invalid {flag}: not JSON: {e}"))
    })
}

/// `--output` must be a file whose folder exists (checked before anything is sent).
fn check_output(output: &Path) -> Result<(), Failure> {
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty());
    if output.is_dir() {
        return Err(Failure::invalid(format!(
            "invalid --output: {} is a folder",
            output.display()
        )));
    }
    if let Some(folder) = folder
        && !folder.is_dir()
    {
        return Err(Failure::invalid(format!(
            "invalid --output: the folder {} does not exist",
            folder.display()
        )));
    }
    Ok(())
}

/// What the description says about a request that may be a mistake; the request is sent all
/// the same (sipgate's API may have grown since the description's date).
fn notes(method: Method, path: &str, has_body: bool) -> Vec<String> {
    let description = match Description::load() {
        Ok(description) => description,
        Err(error) => return vec![error],
    };
    let date = &description.date;
    let method = method.as_str();
    let mut notes = Vec::new();
    if path == "/v2" || path.starts_with("/v2/") {
        let rest = path.get(3..).filter(|rest| !rest.is_empty()).unwrap_or("/");
        notes.push(format!(
            "PATH is relative to the base URL, which ends in /v2: did you mean {rest}?"
        ));
    }
    match description.find(method, path) {
        Match::Operation(operation) => {
            if has_body && !operation.takes_body {
                notes.push(format!(
                    "{} ({method} {}) takes no body in sipgate's API description of {date}",
                    operation.operation_id, operation.path
                ));
            } else if !has_body && operation.takes_body {
                notes.push(format!(
                    "{} ({method} {}) takes a JSON body (--data) in sipgate's API description of {date}",
                    operation.operation_id, operation.path
                ));
            }
        }
        Match::OtherMethods(methods) => notes.push(format!(
            "sipgate's API description of {date} has {} for this path, not {method}; sending it anyway",
            methods.join(", ")
        )),
        Match::Unknown => notes.push(format!(
            "{method} {path} is not in sipgate's API description of {date} (`sipgateio api --list`); sending it anyway"
        )),
    }
    notes
}

/// The kind of a response body, for printing.
#[derive(Debug, PartialEq, Eq)]
enum Body {
    Empty,
    Json,
    Text,
    Binary,
}

fn kind(content_type: Option<&str>, bytes: &[u8]) -> Body {
    if bytes.is_empty() {
        return Body::Empty;
    }
    let essence = content_type
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("application/json") => Body::Json,
        Some(c) if c.ends_with("+json") => Body::Json,
        Some(c)
            if c.starts_with("text/")
                || c == "application/xml"
                || c.ends_with("+xml")
                || c == "application/csv" =>
        {
            Body::Text
        }
        // No type, or a generic one: look at the bytes.
        None | Some("application/octet-stream" | "*/*") => {
            if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
                Body::Json
            } else if std::str::from_utf8(bytes)
                .is_ok_and(|text| !text.chars().any(|c| c.is_control() && !c.is_whitespace()))
            {
                Body::Text
            } else {
                Body::Binary
            }
        }
        Some(_) => Body::Binary,
    }
}

/// Prints a body: JSON indented on a terminal and as-is otherwise, text as-is, a binary body
/// only when stdout is not a terminal.
fn print_body(content_type: Option<&str>, bytes: &[u8], terminal: bool) -> Result<(), Failure> {
    match kind(content_type, bytes) {
        Body::Empty => Ok(()),
        Body::Json if terminal => {
            match serde_json::from_slice::<serde_json::Value>(bytes)
                .and_then(|value| serde_json::to_string_pretty(&value))
            {
                Ok(pretty) => crate::output::write_stdout_json(&pretty),
                // Not JSON after all: shown as text.
                Err(_) => write_stdout(output::without_final_line_ends(&String::from_utf8_lossy(
                    bytes,
                ))),
            }
        }
        Body::Binary if terminal => Err(Failure::Usage(format!(
            "the answer is binary ({}, {} bytes) and stdout is a terminal: pass --output FILE \
             (or pipe it)",
            content_type.unwrap_or("no content type"),
            bytes.len()
        ))),
        Body::Text if terminal => {
            let text = String::from_utf8_lossy(bytes);
            write_stdout(output::without_final_line_ends(&text))
        }
        // Not a terminal: the bytes as the API sent them.
        Body::Json | Body::Text | Body::Binary => write_stdout_raw(bytes),
    }
}

/// Streams the body into `output` (under a `.part` name, renamed when complete; a failure
/// leaves no file) and says on stderr what was written.
async fn download(
    client: &sipgateio::Client,
    request: Request,
    output: &Path,
) -> Result<(), Failure> {
    let mut part = output.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let mut chunks = Box::pin(client.execute_stream(request).await?);
    let written: Result<u64, Failure> = async {
        let mut file = tokio::fs::File::create(&part)
            .await
            .map_err(|e| Failure::io(&format!("cannot write {}", part.display()), &e))?;
        let mut total = 0_u64;
        while let Some(chunk) = chunks.try_next().await? {
            file.write_all(&chunk)
                .await
                .map_err(|e| Failure::io(&format!("cannot write {}", part.display()), &e))?;
            total += chunk.len() as u64;
        }
        file.flush()
            .await
            .map_err(|e| Failure::io(&format!("cannot write {}", part.display()), &e))?;
        Ok(total)
    }
    .await;
    let finished = match written {
        Ok(total) => tokio::fs::rename(&part, output)
            .await
            .map(|()| total)
            .map_err(|e| Failure::io(&format!("cannot write {}", output.display()), &e)),
        Err(failure) => Err(failure),
    };
    match finished {
        Ok(total) => {
            eprintln!("wrote {total} bytes to {}", output.display());
            Ok(())
        }
        Err(failure) => {
            // Best effort: a half file must not look like a result.
            let _ = tokio::fs::remove_file(&part).await;
            Err(failure)
        }
    }
}

/// One row of `api --list`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed<'a> {
    method: &'a str,
    path: &'a str,
    operation_id: &'a str,
    commands: Vec<String>,
}

fn list(ctx: &Ctx) -> Result<(), Failure> {
    let description = Description::load().map_err(Failure::Other)?;
    let rows: Vec<Listed<'_>> = description
        .operations
        .iter()
        .map(|operation| Listed {
            method: &operation.method,
            path: &operation.path,
            operation_id: &operation.operation_id,
            commands: super::operations::OPERATIONS
                .iter()
                .filter(|(_, id)| *id == operation.operation_id)
                .map(|(words, _)| format!("sipgateio {words}"))
                .collect(),
        })
        .collect();
    if ctx.out.is_json() {
        return ctx.out.json_value(&rows);
    }
    if !std::io::stdout().is_terminal() {
        // One tab-separated line per operation, for grep and cut.
        let lines: Vec<String> = rows
            .iter()
            .map(|r| {
                let commands = if r.commands.is_empty() {
                    "-".to_owned()
                } else {
                    r.commands.join(", ")
                };
                format!("{}\t{}\t{}\t{commands}", r.method, r.path, r.operation_id)
            })
            .collect();
        return write_stdout(&lines.join("\n"));
    }
    write_stdout(&table(
        &["method", "path", "operationId", "command"],
        rows.iter().map(|r| {
            vec![
                r.method.to_owned(),
                r.path.to_owned(),
                r.operation_id.to_owned(),
                output::or_dash(Some(&r.commands.join("\n"))),
            ]
        }),
    ))?;
    eprintln!(
        "{} operations of sipgate's API description of {}",
        rows.len(),
        description.date
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_checks_name_what_is_wrong() {
        let message = |r: Result<(), Failure>| r.err().map(|f| (f.code(), f.to_string()));
        assert_eq!(parse_method("get").ok(), Some(Method::Get));
        assert_eq!(parse_method("Delete").ok(), Some(Method::Delete));
        let bad = parse_method("FETCH").expect_err("unknown");
        assert_eq!(bad.code(), 5);
        assert!(
            bad.to_string().starts_with("invalid METHOD: `FETCH`"),
            "{bad}"
        );

        assert_eq!(message(check_path("/w0/phonelines")), None);
        let (code, text) = message(check_path("account")).expect("no slash");
        assert_eq!(code, 5);
        assert!(
            text.starts_with("invalid PATH: `account` must start with `/`"),
            "{text}"
        );
        let (_, text) = message(check_path("/history?limit=5")).expect("query");
        assert!(text.contains("--query"), "{text}");
        let (_, text) = message(check_path("/{userId}/phonelines")).expect("template");
        assert!(text.contains("`{userId}`"), "{text}");
        let (_, text) = message(check_path("/../v3/devices")).expect("dot-dot");
        assert!(text.contains("`..`"), "{text}");
        let (_, text) = message(check_path("/contacts/a b")).expect("space");
        assert!(text.contains("spaces"), "{text}");

        let query = parse_query(&["limit=5".into(), "id=1".into(), "id=2".into(), "q=".into()])
            .expect("valid");
        let pairs: Vec<_> = query.pairs().collect();
        assert_eq!(pairs, [("limit", "5"), ("id", "1"), ("id", "2"), ("q", "")]);
        for bad in ["limit", "=5"] {
            let failure = parse_query(&[bad.into()]).expect_err("no key");
            assert_eq!(failure.code(), 5);
            assert!(
                failure
                    .to_string()
                    .starts_with(&format!("invalid --query `{bad}`"))
            );
        }

        assert_eq!(
            parse_data(r#"{"a":1}"#).ok(),
            Some(serde_json::json!({"a": 1}))
        );
        let failure = parse_data("{a:1}").expect_err("not JSON");
        assert!(
            failure.to_string().starts_with("invalid --data: not JSON"),
            "{failure}"
        );
        let failure = parse_data("@/no/such/file.json").expect_err("no file");
        assert_eq!(failure.code(), 5);
        assert!(
            failure
                .to_string()
                .starts_with("invalid --data @/no/such/file.json: cannot read"),
            "{failure}"
        );
    }

    #[test]
    fn bodies_are_told_apart() {
        assert_eq!(
            kind(Some("application/json;charset=UTF-8"), b"{}"),
            Body::Json
        );
        assert_eq!(kind(Some("application/problem+json"), b"{}"), Body::Json);
        assert_eq!(kind(Some("text/csv"), b"a,b\n"), Body::Text);
        assert_eq!(kind(Some("audio/mpeg"), b"ID3\x03"), Body::Binary);
        assert_eq!(
            kind(Some("application/octet-stream"), b"ID3\x03\x00"),
            Body::Binary
        );
        assert_eq!(kind(Some("application/octet-stream"), b"[1]"), Body::Json);
        assert_eq!(kind(None, b"plain words\n"), Body::Text);
        assert_eq!(kind(Some("application/json"), b""), Body::Empty);
        // A binary body is never written to a terminal.
        let refused = print_body(Some("audio/wav"), b"RIFF\x00", true).expect_err("refused");
        assert_eq!(refused.code(), 2);
        assert!(refused.to_string().contains("--output FILE"), "{refused}");
    }

    #[test]
    fn notes_point_at_likely_mistakes() {
        let notes = notes(Method::Get, "/v2/account", false);
        assert!(
            notes.iter().any(|n| n.contains("did you mean /account?")),
            "{notes:?}"
        );
        let notes = super::notes(Method::Post, "/sessions/sms", false);
        assert!(
            notes
                .iter()
                .any(|n| n.contains("sendWebSms") && n.contains("--data")),
            "{notes:?}"
        );
        assert!(super::notes(Method::Get, "/account", false).is_empty());
        let notes = super::notes(Method::Delete, "/account", false);
        assert!(
            notes.iter().any(|n| n.contains("has GET for this path")),
            "{notes:?}"
        );
    }
}
