//! `cargo xtask coverage [--json]`: how much of sipgate's REST API the SDK, the sandbox and the
//! CLI cover, per API area (the OpenAPI tag).
//!
//! * **described**: the operations of the committed API description ([`facts::FACTS_FILE`]);
//! * **SDK**: operations named by a `#[doc(alias = "<operationId>")]` in
//!   `crates/sipgateio-*/src/**/*.rs` (the CLI, the sandbox and the test support are no part of
//!   the SDK) — a function without its alias is invisible here;
//! * **sandbox**: what `cargo run -q -p sipgateio-sandbox -- operations --json` lists (a JSON
//!   array of `{"operationId": "…", "served": "stateful" | "described"}`);
//! * **CLI**: the rows `("<command words>", "<operationId>")` of [`CLI_TABLE`].
//!
//! Then the operations left out on purpose ([`crate::openapi::names::EXCLUSIONS`]) with their
//! reasons. It fails, naming the operations, when one is neither in the SDK nor excluded, when
//! one is both, when an SDK operation is not served by the sandbox (or the sandbox cannot say
//! what it serves), and when an exclusion names no operation of the description.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Value, json};

use crate::openapi::{facts, names};
use crate::workspace;

/// The CLI's table of first-class commands.
pub(crate) const CLI_TABLE: &str = "crates/sipgateio-cli/src/commands/operations.rs";
/// Crates whose aliases are not the SDK's.
const NOT_SDK: &[&str] = &[
    "sipgateio-cli",
    "sipgateio-sandbox",
    "sipgateio-test-support",
];

/// Parsed arguments of `coverage`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Print JSON instead of the table.
    pub json: bool,
}

impl Options {
    /// Parses `coverage`'s arguments.
    pub(crate) fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Options::default();
        for arg in args {
            match arg.as_str() {
                "--json" => options.json = true,
                other => return Err(format!("coverage: unknown argument `{other}`")),
            }
        }
        Ok(options)
    }
}

/// One operation of the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Described {
    pub id: String,
    pub tag: String,
    pub method: String,
    pub path: String,
}

/// What the sandbox says it serves: operation id → `stateful` or `described`; `Err` with the
/// reason when it could not be asked.
pub(crate) type Sandbox = Result<BTreeMap<String, String>, String>;

/// Everything the report is made from.
#[derive(Debug)]
pub(crate) struct Inputs {
    pub described: Vec<Described>,
    pub sdk: BTreeSet<String>,
    pub sandbox: Sandbox,
    /// operation id → the CLI commands that call it
    pub cli: BTreeMap<String, Vec<String>>,
}

/// One row of the table.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Row {
    pub described: usize,
    pub sdk: usize,
    pub sandbox: usize,
    pub stateful: usize,
    pub cli: usize,
    pub excluded: usize,
}

/// The report: rows per area, the total, and what fails.
#[derive(Debug)]
pub(crate) struct Report {
    pub rows: BTreeMap<String, Row>,
    pub total: Row,
    pub failures: Vec<String>,
    pub sandbox_unavailable: Option<String>,
}

/// Runs `coverage` on the workspace at `root`.
pub(crate) fn run(root: &Path, options: &Options) -> Result<(), String> {
    let inputs = Inputs {
        described: described(&workspace::read(&root.join(facts::FACTS_FILE))?)?,
        sdk: sdk_aliases(root)?,
        sandbox: sandbox_listing(root),
        cli: cli_rows(root)?,
    };
    let report = report(&inputs);
    if options.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&to_json(&report, &inputs))
                .map_err(|e| format!("cannot write JSON: {e}"))?
        );
    } else {
        print!("{}", render(&report));
    }
    if report.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "coverage: {} problem(s):\n  {}",
            report.failures.len(),
            report.failures.join("\n  ")
        ))
    }
}

/// The operations of the facts file `text` (JSON), in path order.
pub(crate) fn described(text: &str) -> Result<Vec<Described>, String> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| format!("{}: not JSON: {e}", facts::FACTS_FILE))?;
    let paths = doc["paths"]
        .as_object()
        .ok_or_else(|| format!("{}: no paths", facts::FACTS_FILE))?;
    let mut out = Vec::new();
    for (path, ops) in paths {
        for (method, op) in ops.as_object().into_iter().flatten() {
            if method == "parameters" {
                continue;
            }
            let id = op["operationId"].as_str().ok_or_else(|| {
                format!(
                    "{}: `{} {path}` has no operationId",
                    facts::FACTS_FILE,
                    method.to_uppercase()
                )
            })?;
            out.push(Described {
                id: id.to_owned(),
                tag: op["tags"][0].as_str().unwrap_or("(none)").to_owned(),
                method: method.to_uppercase(),
                path: path.clone(),
            });
        }
    }
    Ok(out)
}

/// Every `doc(alias = "…")` of the SDK's sources under `root/crates`.
pub(crate) fn sdk_aliases(root: &Path) -> Result<BTreeSet<String>, String> {
    let mut aliases = BTreeSet::new();
    for dir in workspace::crate_dirs(root)? {
        if !dir.starts_with("sipgateio") || NOT_SDK.contains(&dir.as_str()) {
            continue;
        }
        let src = root.join("crates").join(&dir).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files)?;
        for file in files {
            aliases.extend(aliases_in(&workspace::read(&file)?));
        }
    }
    Ok(aliases)
}

/// The `.rs` files under `dir` (none if it does not exist), recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    if !dir.is_dir() {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The values of `doc(alias = "…")` in Rust source `text`.
pub(crate) fn aliases_in(text: &str) -> Vec<String> {
    const NEEDLE: &str = "doc(alias = \"";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(NEEDLE) {
        rest = &rest[start + NEEDLE.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    out
}

/// The rows `("<command words>", "<operationId>")` of the CLI's table: operation id → commands.
/// No table yet means no first-class command.
pub(crate) fn cli_rows(root: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    let path = root.join(CLI_TABLE);
    if !path.exists() {
        return Ok(BTreeMap::new());
    }
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (command, id) in pairs_in(&workspace::read(&path)?) {
        rows.entry(id).or_default().push(command);
    }
    Ok(rows)
}

/// Every `("a", "b")` of two plain string literals in `text` (comments included: a row that is
/// commented out is not a row, so lines starting with `//` are skipped).
pub(crate) fn pairs_in(text: &str) -> Vec<(String, String)> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(start) = rest.find('(') {
        rest = &rest[start + 1..];
        let Some((first, after)) = literal(rest) else {
            continue;
        };
        let after = after.trim_start();
        let Some(after) = after.strip_prefix(',') else {
            continue;
        };
        let Some((second, after)) = literal(after) else {
            continue;
        };
        let after = after.trim_start();
        let after = after.strip_prefix(',').map_or(after, str::trim_start);
        if after.starts_with(')') {
            out.push((first, second));
            rest = after;
        }
    }
    out
}

/// A string literal without escapes at the start of `text` (after white space), and the rest.
fn literal(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start().strip_prefix('"')?;
    let end = text.find('"')?;
    let value = &text[..end];
    (!value.contains('\\')).then(|| (value.to_owned(), &text[end + 1..]))
}

/// Asks the sandbox which operations it serves.
fn sandbox_listing(root: &Path) -> Sandbox {
    let out = workspace::output_in(
        root,
        "cargo",
        &[
            "run",
            "-q",
            "-p",
            "sipgateio-sandbox",
            "--",
            "operations",
            "--json",
        ],
    )
    .map_err(|e| format!("the sandbox cannot list its operations ({e})"))?;
    parse_sandbox(&out)
}

/// Reads the sandbox's `operations --json`.
pub(crate) fn parse_sandbox(text: &str) -> Sandbox {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("the sandbox's operation list is not JSON: {e}"))?;
    let items = value
        .as_array()
        .ok_or("the sandbox's operation list is not a JSON array")?;
    let mut served = BTreeMap::new();
    for item in items {
        let id = item["operationId"].as_str().ok_or_else(|| {
            format!("an entry of the sandbox's operation list has no operationId: {item}")
        })?;
        let how = item["served"].as_str().unwrap_or_default();
        if !matches!(how, "stateful" | "described") {
            return Err(format!(
                "the sandbox serves `{id}` as {how:?}, neither \"stateful\" nor \"described\""
            ));
        }
        served.insert(id.to_owned(), how.to_owned());
    }
    Ok(served)
}

/// Counts and checks.
pub(crate) fn report(inputs: &Inputs) -> Report {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut total = Row::default();
    let mut missing = Vec::new();
    let mut both = Vec::new();
    let mut unserved = Vec::new();
    let ids: BTreeSet<&str> = inputs.described.iter().map(|d| d.id.as_str()).collect();
    for op in &inputs.described {
        let row = rows.entry(op.tag.clone()).or_default();
        let in_sdk = inputs.sdk.contains(&op.id);
        let excluded = names::excluded(&op.id).is_some();
        let served = inputs.sandbox.as_ref().ok().and_then(|s| s.get(&op.id));
        bump(&mut row.described, &mut total.described, true);
        bump(&mut row.sdk, &mut total.sdk, in_sdk);
        bump(&mut row.excluded, &mut total.excluded, excluded);
        bump(&mut row.sandbox, &mut total.sandbox, served.is_some());
        bump(
            &mut row.stateful,
            &mut total.stateful,
            served.is_some_and(|how| how == "stateful"),
        );
        bump(
            &mut row.cli,
            &mut total.cli,
            inputs.cli.contains_key(&op.id),
        );
        let name = format!("`{}` ({} {})", op.id, op.method, op.path);
        match (in_sdk, excluded) {
            (false, false) => missing.push(name.clone()),
            (true, true) => both.push(name.clone()),
            _ => {}
        }
        if in_sdk && inputs.sandbox.is_ok() && served.is_none() {
            unserved.push(name);
        }
    }
    let mut failures = Vec::new();
    if !missing.is_empty() {
        failures.push(format!(
            "in neither the SDK (no `#[doc(alias = \"<operationId>\")]`) nor the exclusions: {}",
            missing.join(", ")
        ));
    }
    if !both.is_empty() {
        failures.push(format!(
            "in the SDK and excluded too (drop the exclusion): {}",
            both.join(", ")
        ));
    }
    if !unserved.is_empty() {
        failures.push(format!(
            "in the SDK but not served by the sandbox: {}",
            unserved.join(", ")
        ));
    }
    let stale: Vec<&str> = names::EXCLUSIONS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !ids.contains(id))
        .collect();
    if !stale.is_empty() {
        failures.push(format!(
            "excluded but not an operation of the description: {}",
            stale.join(", ")
        ));
    }
    let unknown_cli: Vec<String> = inputs
        .cli
        .iter()
        .filter(|(id, _)| !ids.contains(id.as_str()))
        .map(|(id, commands)| format!("`{id}` ({})", commands.join(", ")))
        .collect();
    if !unknown_cli.is_empty() {
        failures.push(format!(
            "CLI commands name operations the description does not have: {}",
            unknown_cli.join(", ")
        ));
    }
    let sandbox_unavailable = inputs.sandbox.as_ref().err().cloned();
    if let Some(why) = &sandbox_unavailable {
        failures.push(format!("the sandbox column is unavailable: {why}"));
    }
    Report {
        rows,
        total,
        failures,
        sandbox_unavailable,
    }
}

fn bump(row: &mut usize, total: &mut usize, yes: bool) {
    if yes {
        *row += 1;
        *total += 1;
    }
}

/// The report as text: the table, then the exclusions with their reasons.
pub(crate) fn render(report: &Report) -> String {
    let sandbox = |row: &Row| {
        if report.sandbox_unavailable.is_some() {
            "n/a".to_owned()
        } else {
            row.sandbox.to_string()
        }
    };
    let width = report
        .rows
        .keys()
        .map(String::len)
        .chain([5])
        .max()
        .unwrap_or(5);
    let mut out = format!(
        "{:width$}  {:>9}  {:>4}  {:>8}  {:>4}  {:>8}\n",
        "area", "described", "SDK", "sandbox", "CLI", "excluded"
    );
    let line = |out: &mut String, name: &str, row: &Row| {
        out.push_str(&format!(
            "{name:width$}  {:>9}  {:>4}  {:>8}  {:>4}  {:>8}\n",
            row.described,
            row.sdk,
            sandbox(row),
            row.cli,
            row.excluded
        ));
    };
    for (tag, row) in &report.rows {
        line(&mut out, tag, row);
    }
    line(&mut out, "total", &report.total);
    if report.sandbox_unavailable.is_none() {
        out.push_str(&format!(
            "\nThe sandbox serves {} operations, {} of them with hand-written stateful routes.\n",
            report.total.sandbox, report.total.stateful
        ));
    }
    out.push_str("\nLeft out of the SDK on purpose (xtask/src/openapi/names.rs, EXCLUSIONS):\n");
    for (id, why) in names::EXCLUSIONS {
        out.push_str(&format!("  {id}: {why}\n"));
    }
    out
}

/// The report as JSON: per area and in total, every operation with where it is, and the
/// exclusions and failures.
pub(crate) fn to_json(report: &Report, inputs: &Inputs) -> Value {
    let row = |row: &Row| {
        json!({
            "described": row.described,
            "sdk": row.sdk,
            "sandbox": report.sandbox_unavailable.is_none().then_some(row.sandbox),
            "stateful": report.sandbox_unavailable.is_none().then_some(row.stateful),
            "cli": row.cli,
            "excluded": row.excluded,
        })
    };
    let areas: serde_json::Map<String, Value> = report
        .rows
        .iter()
        .map(|(tag, r)| (tag.clone(), row(r)))
        .collect();
    let operations: Vec<Value> = inputs
        .described
        .iter()
        .map(|op| {
            json!({
                "operationId": op.id,
                "area": op.tag,
                "method": op.method,
                "path": op.path,
                "sdk": inputs.sdk.contains(&op.id),
                "sandbox": inputs.sandbox.as_ref().ok().and_then(|s| s.get(&op.id)),
                "cli": inputs.cli.get(&op.id).cloned().unwrap_or_default(),
                "excluded": names::excluded(&op.id),
            })
        })
        .collect();
    let exclusions: Vec<Value> = names::EXCLUSIONS
        .iter()
        .map(|(id, why)| json!({ "operationId": id, "reason": why }))
        .collect();
    json!({
        "areas": areas,
        "total": row(&report.total),
        "operations": operations,
        "exclusions": exclusions,
        "sandboxUnavailable": report.sandbox_unavailable,
        "failures": report.failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(id: &str, tag: &str) -> Described {
        Described {
            id: id.to_owned(),
            tag: tag.to_owned(),
            method: "GET".to_owned(),
            path: format!("/{id}"),
        }
    }

    /// The description's operations: two of `users`, one of `sms`, and every exclusion.
    fn described_ops() -> Vec<Described> {
        let mut ops = vec![
            op("getUser", "users"),
            op("deleteUser", "users"),
            op("sendSms", "sms"),
        ];
        ops.extend(names::EXCLUSIONS.iter().map(|(id, _)| op(id, "app")));
        ops
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| (*s).to_owned()).collect()
    }

    fn served(ids: &[(&str, &str)]) -> Sandbox {
        Ok(ids
            .iter()
            .map(|(id, how)| ((*id).to_owned(), (*how).to_owned()))
            .collect())
    }

    fn inputs(sdk: &[&str], sandbox: Sandbox) -> Inputs {
        Inputs {
            described: described_ops(),
            sdk: set(sdk),
            sandbox,
            cli: BTreeMap::from([("getUser".to_owned(), vec!["users get".to_owned()])]),
        }
    }

    #[test]
    fn parses_its_arguments() {
        assert_eq!(Options::parse(&[]), Ok(Options::default()));
        assert_eq!(
            Options::parse(&["--json".to_owned()]),
            Ok(Options { json: true })
        );
        assert!(Options::parse(&["--bogus".to_owned()]).is_err());
    }

    #[test]
    fn a_covered_api_passes_and_is_counted_per_area() {
        let all = served(&[
            ("getUser", "described"),
            ("deleteUser", "described"),
            ("sendSms", "stateful"),
        ]);
        let inputs = inputs(&["getUser", "deleteUser", "sendSms", "someNodeName"], all);
        let report = report(&inputs);
        assert_eq!(report.failures, Vec::<String>::new());
        assert_eq!(
            report.rows["users"],
            Row {
                described: 2,
                sdk: 2,
                sandbox: 2,
                stateful: 0,
                cli: 1,
                excluded: 0
            }
        );
        assert_eq!(report.rows["sms"].stateful, 1);
        assert_eq!(report.rows["app"].excluded, names::EXCLUSIONS.len());
        assert_eq!(report.total.described, 3 + names::EXCLUSIONS.len());
        let text = render(&report);
        assert!(text.starts_with("area "), "{text}");
        assert!(
            text.contains("users          2     2         2     1         0\n"),
            "{text}"
        );
        assert!(text.contains("Left out of the SDK on purpose"), "{text}");
        let (id, why) = names::EXCLUSIONS[0];
        assert!(text.contains(&format!("  {id}: {why}\n")), "{text}");
        let json = to_json(&report, &inputs);
        assert_eq!(json["areas"]["users"]["sdk"], 2);
        assert_eq!(json["total"]["stateful"], 1);
        assert_eq!(json["failures"], json!([]));
        assert_eq!(json["operations"][0]["operationId"], "getUser");
        assert_eq!(json["operations"][0]["cli"], json!(["users get"]));
    }

    #[test]
    fn an_operation_in_neither_the_sdk_nor_the_exclusions_fails_by_name() {
        let report = report(&inputs(
            &["getUser", "sendSms"],
            served(&[("getUser", "described"), ("sendSms", "stateful")]),
        ));
        assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
        assert!(report.failures[0].contains("`deleteUser` (GET /deleteUser)"));
        assert!(report.failures[0].contains("neither the SDK"));
    }

    #[test]
    fn an_sdk_operation_the_sandbox_does_not_serve_fails_by_name() {
        let report = report(&inputs(
            &["getUser", "deleteUser", "sendSms"],
            served(&[("getUser", "described"), ("sendSms", "stateful")]),
        ));
        assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
        assert!(report.failures[0].contains("not served by the sandbox: `deleteUser`"));
    }

    #[test]
    fn without_the_sandbox_listing_the_column_is_unavailable_and_fails() {
        let report = report(&inputs(
            &["getUser", "deleteUser", "sendSms"],
            Err("no `operations` subcommand".to_owned()),
        ));
        assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
        assert!(report.failures[0].contains("sandbox column is unavailable"));
        assert!(report.failures[0].contains("no `operations` subcommand"));
        let text = render(&report);
        assert!(text.contains("users          2     2       n/a"), "{text}");
    }

    #[test]
    fn an_excluded_operation_in_the_sdk_and_unknown_cli_rows_fail() {
        let (excluded, _) = names::EXCLUSIONS[0];
        let mut inputs = inputs(
            &["getUser", "deleteUser", "sendSms", excluded],
            served(&[
                ("getUser", "described"),
                ("deleteUser", "described"),
                ("sendSms", "stateful"),
                (excluded, "described"),
            ]),
        );
        inputs
            .cli
            .insert("getRobots".to_owned(), vec!["robots list".to_owned()]);
        let report = report(&inputs);
        assert_eq!(report.failures.len(), 2, "{:?}", report.failures);
        assert!(
            report.failures[0]
                .contains(&format!("excluded too (drop the exclusion): `{excluded}`"))
        );
        assert!(report.failures[1].contains("`getRobots` (robots list)"));
        // and a stale exclusion
        inputs.described.retain(|d| d.id != excluded);
        inputs.sdk.remove(excluded);
        inputs.cli.remove("getRobots");
        let report = super::report(&inputs);
        assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
        assert!(
            report.failures[0]
                .contains(&format!("not an operation of the description: {excluded}"))
        );
    }

    #[test]
    fn reads_the_facts_the_aliases_the_cli_table_and_the_sandbox_listing() {
        let dir = crate::testdir::TempDir::new("coverage");
        let root = dir.path();
        let write = |file: &str, text: &str| {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        let mut ops = described(
            r#"{"paths": {"/users/{userId}": {"parameters": [], "get": {"operationId": "getUser", "tags": ["users"]},
                "delete": {"operationId": "deleteUser", "tags": ["users"]}}, "/": {"get": {"operationId": "getUrls"}}}}"#,
        )
        .expect("facts");
        ops.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(
            ops,
            [
                Described {
                    id: "deleteUser".into(),
                    tag: "users".into(),
                    method: "DELETE".into(),
                    path: "/users/{userId}".into()
                },
                Described {
                    id: "getUrls".into(),
                    tag: "(none)".into(),
                    method: "GET".into(),
                    path: "/".into()
                },
                Described {
                    id: "getUser".into(),
                    tag: "users".into(),
                    method: "GET".into(),
                    path: "/users/{userId}".into()
                },
            ]
        );
        assert!(described(r#"{"paths": {"/x": {"get": {}}}}"#).is_err());
        assert!(described("nope").is_err());

        write("crates/sipgateio-users/Cargo.toml", "");
        write(
            "crates/sipgateio-users/src/lib.rs",
            "    #[doc(alias = \"getUser\")]\n    #[doc(alias = \"fetchUser\")]\n    pub fn get() {}\n",
        );
        write(
            "crates/sipgateio-users/src/deep/more.rs",
            "#[doc(alias = \"deleteUser\")] fn delete() {}",
        );
        write(
            "crates/sipgateio-users/src/notes.txt",
            "doc(alias = \"getUrls\")",
        );
        write("crates/sipgateio-cli/Cargo.toml", "");
        write(
            "crates/sipgateio-cli/src/main.rs",
            "#[doc(alias = \"getUrls\")]",
        );
        write("crates/sipgateio-sandbox/Cargo.toml", "");
        write(
            "crates/sipgateio-sandbox/src/lib.rs",
            "#[doc(alias = \"getUrls\")]",
        );
        assert_eq!(
            sdk_aliases(root).expect("aliases"),
            set(&["deleteUser", "fetchUser", "getUser"]),
            "only .rs files of SDK crates"
        );

        assert!(cli_rows(root).expect("no table yet").is_empty());
        write(
            CLI_TABLE,
            "pub(crate) const OPERATIONS: &[(&str, &str)] = &[\n    (\"users get\", \"getUser\"),\n    (\"users show\", \"getUser\"),\n    // (\"users delete\", \"deleteUser\"),\n    (\"urls\",\n        \"getUrls\",\n    ),\n];\nfn f() { g(\"a\"); h(\"not\", 1); }\n",
        );
        assert_eq!(
            cli_rows(root).expect("table"),
            BTreeMap::from([
                (
                    "getUser".to_owned(),
                    vec!["users get".to_owned(), "users show".to_owned()]
                ),
                ("getUrls".to_owned(), vec!["urls".to_owned()]),
            ])
        );

        assert_eq!(
            parse_sandbox(
                r#"[{"operationId": "getUser", "served": "stateful"}, {"operationId": "deleteUser", "served": "described"}]"#
            ),
            served(&[("deleteUser", "described"), ("getUser", "stateful")])
        );
        assert!(parse_sandbox("{}").is_err());
        assert!(parse_sandbox(r#"[{"served": "stateful"}]"#).is_err());
        assert!(
            parse_sandbox(r#"[{"operationId": "getUser", "served": "maybe"}]"#)
                .expect_err("bad value")
                .contains("maybe")
        );
    }

    /// The committed exclusions name operations of the committed description.
    #[test]
    fn the_committed_exclusions_are_operations_of_the_description() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace root");
        let ops = described(&workspace::read(&root.join(facts::FACTS_FILE)).expect("facts"))
            .expect("readable");
        for (id, why) in names::EXCLUSIONS {
            assert!(ops.iter().any(|op| op.id == *id), "{id}");
            assert!(!why.is_empty(), "{id}");
        }
    }
}
