//! The workspace on disk: its root, its crates and the facade metadata they declare.

use std::path::{Path, PathBuf};
use std::process::Command;

use toml_edit::{DocumentMut, Item};

/// The workspace root: the nearest folder at or above the current directory whose `Cargo.toml`
/// has a `[workspace]` table, else the parent of `xtask/`.
pub(crate) fn root() -> PathBuf {
    let is_workspace = |dir: &Path| {
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"))
    };
    if let Ok(cwd) = std::env::current_dir()
        && let Some(dir) = cwd.ancestors().find(|dir| is_workspace(dir))
    {
        return dir.to_path_buf();
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Runs a command in `dir`, failing on a non-zero exit.
pub(crate) fn run_in(
    dir: &Path,
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Runs a command in `dir` and returns its standard output.
pub(crate) fn output_in(dir: &Path, program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("`{program}` printed invalid UTF-8: {e}"))
}

/// Reads a file, naming it in the error.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes a file, naming it in the error.
pub(crate) fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Parses a TOML document, naming the file in the error.
pub(crate) fn parse_toml(path: &Path, text: &str) -> Result<DocumentMut, String> {
    text.parse::<DocumentMut>()
        .map_err(|e| format!("{} is not valid TOML: {e}", path.display()))
}

/// `[workspace.package] version` of the root manifest.
pub(crate) fn workspace_version(root_manifest: &DocumentMut) -> Result<String, String> {
    root_manifest
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("version"))
        .and_then(Item::as_str)
        .map(str::to_owned)
        .ok_or_else(|| "the root Cargo.toml has no [workspace.package] version".to_owned())
}

/// A crate under `crates/` that declares `[package.metadata.sipgateio]`: one facade feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// The crate's package name (`sipgateio-sms`).
    pub name: String,
    /// The crate's folder name under `crates/` (usually equal to `name`).
    pub dir: String,
    /// The facade feature (`sms`).
    pub feature: String,
    /// One line for the crate tables.
    pub summary: String,
    /// Items the facade's prelude re-exports (extension traits).
    pub prelude: Vec<String>,
    /// Leave the crate out of the facade's `full` feature (e.g. the sandbox server).
    pub full_exclude: bool,
    /// The crate's own features that the facade feature turns on (`crate_features`). `None`:
    /// the crate's default features; `Some`: the facade depends on the crate without its default
    /// features and turns on these.
    pub crate_features: Option<Vec<String>>,
    /// Further facade features that turn on part of the crate (`[[…subset]]` tables), e.g.
    /// `webhook-verify`: the webhook crate without its server.
    pub subsets: Vec<Subset>,
}

/// A facade feature that turns on part of a part's crate: the same dependency and module,
/// other crate features (a `[[package.metadata.sipgateio.subset]]` table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Subset {
    /// The facade feature, `<part's feature>-<what it adds>` (`webhook-verify`).
    pub feature: String,
    /// The crate's own features it turns on (none: the crate without its default features).
    pub crate_features: Vec<String>,
    /// One line for the crate tables.
    pub summary: String,
    /// Items the facade's prelude re-exports with it (each must be in the crate without the
    /// main feature's crate features).
    pub prelude: Vec<String>,
}

impl Part {
    /// The crate's name as a Rust identifier (`sipgateio_sms`).
    pub(crate) fn ident(&self) -> String {
        self.name.replace('-', "_")
    }

    /// The facade module the crate is re-exported as (`sms`, `webhook_settings`).
    pub(crate) fn module(&self) -> String {
        self.feature.replace('-', "_")
    }

    /// Every facade feature that enables the crate: the part's own, then its subsets'.
    pub(crate) fn features(&self) -> Vec<&str> {
        std::iter::once(self.feature.as_str())
            .chain(self.subsets.iter().map(|s| s.feature.as_str()))
            .collect()
    }

    /// Reads the part from a crate manifest; `Ok(None)` when it declares no metadata table.
    pub(crate) fn from_manifest(dir: &str, manifest: &DocumentMut) -> Result<Option<Part>, String> {
        let package = manifest
            .get("package")
            .ok_or_else(|| format!("crates/{dir}/Cargo.toml has no [package]"))?;
        let Some(meta) = package.get("metadata").and_then(|m| m.get("sipgateio")) else {
            return Ok(None);
        };
        let at = format!("crates/{dir}/Cargo.toml [package.metadata.sipgateio]");
        let name = package
            .get("name")
            .and_then(Item::as_str)
            .ok_or_else(|| format!("crates/{dir}/Cargo.toml has no package name"))?
            .to_owned();
        let text = |key: &str| {
            meta.get(key)
                .and_then(Item::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| format!("{at}: `{key}` must be a non-empty string"))
        };
        let feature = feature_name(&at, text("feature")?)?;
        let summary = summary(&at, text("summary")?)?;
        let prelude = prelude(&at, meta.get("prelude"))?;
        let full_exclude = match meta.get("full_exclude") {
            None => false,
            Some(item) => item
                .as_bool()
                .ok_or_else(|| format!("{at}: `full_exclude` must be true or false"))?,
        };
        let own: Vec<&str> = package_features(manifest);
        let crate_features = meta
            .get("crate_features")
            .map(|item| crate_feature_list(&at, item, &own))
            .transpose()?;
        let subsets = match meta.get("subset") {
            None => Vec::new(),
            Some(item) => {
                let tables = item.as_array_of_tables().ok_or_else(|| {
                    format!(
                        "{at}: `subset` must be tables (`[[package.metadata.sipgateio.subset]]`)"
                    )
                })?;
                if crate_features.is_none() {
                    return Err(format!(
                        "{at}: a part with a `subset` says which crate features `{feature}` turns on (`crate_features`): the facade depends on the crate without its default features"
                    ));
                }
                tables
                    .iter()
                    .map(|table| Subset::from_table(&at, &feature, table, &own))
                    .collect::<Result<Vec<_>, _>>()?
            }
        };
        Ok(Some(Part {
            name,
            dir: dir.to_owned(),
            feature,
            summary,
            prelude,
            full_exclude,
            crate_features,
            subsets,
        }))
    }
}

impl Subset {
    /// Reads one `[[package.metadata.sipgateio.subset]]` table of the part `part_feature`.
    fn from_table(
        at: &str,
        part_feature: &str,
        table: &toml_edit::Table,
        own: &[&str],
    ) -> Result<Subset, String> {
        let text = |key: &str| {
            table
                .get(key)
                .and_then(Item::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| format!("{at} subset: `{key}` must be a non-empty string"))
        };
        let feature = feature_name(at, text("feature")?)?;
        let prefix = format!("{part_feature}-");
        if !feature.starts_with(&prefix) || feature.len() == prefix.len() {
            return Err(format!(
                "{at} subset: feature `{feature}` must be `{prefix}<what it adds>`: it is part of `{part_feature}` and shares its module"
            ));
        }
        let at_subset = format!("{at} subset `{feature}`");
        let crate_features = match table.get("crate_features") {
            None => Vec::new(),
            Some(item) => crate_feature_list(&at_subset, item, own)?,
        };
        if table.contains_key("full_exclude") {
            return Err(format!(
                "{at_subset}: `full_exclude` is not for subsets: a subset is never in `full` (its part is)"
            ));
        }
        Ok(Subset {
            feature,
            crate_features,
            summary: summary(&at_subset, text("summary")?)?,
            prelude: prelude(&at_subset, table.get("prelude"))?,
        })
    }
}

/// Checks a facade feature name.
fn feature_name(at: &str, feature: String) -> Result<String, String> {
    if !feature
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        || !feature.starts_with(|c: char| c.is_ascii_lowercase())
        || ["default", "full", "browser"].contains(&feature.as_str())
    {
        return Err(format!(
            "{at}: feature `{feature}` must be lower-case letters, digits, `-` or `_`, start with a letter and not be `default`, `full` or `browser`"
        ));
    }
    Ok(feature)
}

/// Checks a crate-table summary.
fn summary(at: &str, summary: String) -> Result<String, String> {
    if summary.contains('|') || summary.contains('\n') {
        return Err(format!("{at}: `summary` must be one line without `|`"));
    }
    Ok(summary)
}

/// Reads a `prelude` list.
fn prelude(at: &str, item: Option<&Item>) -> Result<Vec<String>, String> {
    match item {
        None => Ok(Vec::new()),
        Some(item) => item
            .as_array()
            .ok_or_else(|| format!("{at}: `prelude` must be an array of strings"))?
            .iter()
            .map(|v| {
                v.as_str()
                    .filter(|s| is_rust_path(s))
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{at}: `prelude` items must be Rust paths, got `{v}`"))
            })
            .collect(),
    }
}

/// The names of the crate's `[features]` (without `default`).
fn package_features(manifest: &DocumentMut) -> Vec<&str> {
    manifest
        .get("features")
        .and_then(Item::as_table_like)
        .map(|t| {
            t.iter()
                .map(|(k, _)| k)
                .filter(|k| *k != "default")
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a `crate_features` list: features of the crate's own `[features]` table.
fn crate_feature_list(at: &str, item: &Item, own: &[&str]) -> Result<Vec<String>, String> {
    let list = item
        .as_array()
        .ok_or_else(|| format!("{at}: `crate_features` must be an array of strings"))?;
    let mut features = Vec::new();
    for value in list {
        let name = value.as_str().ok_or_else(|| {
            format!("{at}: `crate_features` items must be strings, got `{value}`")
        })?;
        if !own.contains(&name) {
            return Err(format!(
                "{at}: `crate_features` names `{name}`, which is not in the crate's [features] (it has: {})",
                if own.is_empty() {
                    "none".to_owned()
                } else {
                    own.join(", ")
                }
            ));
        }
        features.push(name.to_owned());
    }
    Ok(features)
}

fn is_rust_path(s: &str) -> bool {
    !s.is_empty()
        && s.split("::").all(|seg| {
            seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Every crate folder under `root/crates` that has a `Cargo.toml`, sorted by folder name.
pub(crate) fn crate_dirs(root: &Path) -> Result<Vec<String>, String> {
    let crates = root.join("crates");
    let entries =
        std::fs::read_dir(&crates).map_err(|e| format!("cannot list {}: {e}", crates.display()))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", crates.display()))?;
        if entry.path().join("Cargo.toml").is_file() {
            dirs.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// The parts (crates with a `[package.metadata.sipgateio]` table), sorted by crate name, with
/// duplicate features rejected.
pub(crate) fn parts(root: &Path) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    for dir in crate_dirs(root)? {
        let path = root.join("crates").join(&dir).join("Cargo.toml");
        let manifest = parse_toml(&path, &read(&path)?)?;
        if let Some(part) = Part::from_manifest(&dir, &manifest)? {
            parts.push(part);
        }
    }
    parts.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in parts.windows(2) {
        if pair[0].name == pair[1].name {
            return Err(format!("two crates are named `{}`", pair[0].name));
        }
    }
    // Every facade feature once, `-` and `_` alike (a module is the feature with `_`).
    let mut claimed: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    for part in &parts {
        for feature in part.features() {
            if let Some(other) = claimed.insert(feature.replace('-', "_"), &part.name) {
                return Err(format!(
                    "crates `{other}` and `{}` both claim the facade feature `{feature}`",
                    part.name
                ));
            }
        }
    }
    // One prelude name, one item: a part and its subsets may list the same item.
    let mut prelude: std::collections::BTreeMap<&str, (&str, &str)> =
        std::collections::BTreeMap::new();
    for part in &parts {
        let items = part
            .prelude
            .iter()
            .chain(part.subsets.iter().flat_map(|s| &s.prelude));
        for item in items {
            let name = item.rsplit("::").next().unwrap_or(item);
            if let Some((other, other_item)) = prelude.insert(name, (&part.name, item))
                && (other != part.name || other_item != item)
            {
                return Err(format!(
                    "the facade prelude would get `{name}` twice: from `{other}` and from `{}`; rename it or drop it from one `prelude` list",
                    part.name
                ));
            }
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(text: &str) -> DocumentMut {
        text.parse().expect("valid TOML")
    }

    #[test]
    fn reads_the_metadata_table() {
        let doc = manifest(
            r#"
[package]
name = "sipgateio-sms"

[package.metadata.sipgateio]
feature = "sms"
summary = "send and schedule SMS"
prelude = ["SmsExt"]
"#,
        );
        let part = Part::from_manifest("sipgateio-sms", &doc)
            .expect("valid")
            .expect("has a table");
        assert_eq!(part.feature, "sms");
        assert_eq!(part.summary, "send and schedule SMS");
        assert_eq!(part.prelude, vec!["SmsExt".to_owned()]);
        assert!(!part.full_exclude);
        assert_eq!(part.ident(), "sipgateio_sms");
    }

    #[test]
    fn crates_without_the_table_are_skipped() {
        let doc = manifest("[package]\nname = \"sipgateio-core\"\n");
        assert_eq!(Part::from_manifest("sipgateio-core", &doc), Ok(None));
    }

    #[test]
    fn full_exclude_and_hyphenated_features() {
        let doc = manifest(
            r#"
[package]
name = "sipgateio-webhook-settings"
[package.metadata.sipgateio]
feature = "webhook-settings"
summary = "webhook URLs"
full_exclude = true
"#,
        );
        let part = Part::from_manifest("x", &doc)
            .expect("valid")
            .expect("table");
        assert!(part.full_exclude);
        assert!(part.prelude.is_empty());
        assert_eq!(part.module(), "webhook_settings");
    }

    /// The webhook crate's table: the facade's `webhook` turns on `server`, `webhook-verify`
    /// turns on `rsa`.
    const WEBHOOK: &str = r#"
[package]
name = "sipgateio-webhook"

[package.metadata.sipgateio]
feature = "webhook"
crate_features = ["server"]
summary = "webhook server"
prelude = ["WebhookServer", "NewCallEvent"]

[[package.metadata.sipgateio.subset]]
feature = "webhook-verify"
crate_features = ["rsa"]
summary = "the signature check without the server"
prelude = ["NewCallEvent"]

[features]
default = ["server"]
server = []
rsa = []
"#;

    #[test]
    fn reads_crate_features_and_subsets() {
        let part = Part::from_manifest("sipgateio-webhook", &manifest(WEBHOOK))
            .expect("valid")
            .expect("table");
        assert_eq!(part.crate_features, Some(vec!["server".to_owned()]));
        assert_eq!(
            part.subsets,
            vec![Subset {
                feature: "webhook-verify".to_owned(),
                crate_features: vec!["rsa".to_owned()],
                summary: "the signature check without the server".to_owned(),
                prelude: vec!["NewCallEvent".to_owned()],
            }]
        );
        assert_eq!(part.features(), vec!["webhook", "webhook-verify"]);
        assert_eq!(part.module(), "webhook");
    }

    #[test]
    fn bad_crate_features_and_subsets_are_refused() {
        let cases = [
            // not a feature of the crate
            (
                WEBHOOK.replace("crate_features = [\"rsa\"]", "crate_features = [\"ring\"]"),
                "`crate_features` names `ring`, which is not in the crate's [features] (it has: server, rsa)",
            ),
            (
                WEBHOOK.replace(
                    "crate_features = [\"server\"]",
                    "crate_features = [\"default\"]",
                ),
                "names `default`",
            ),
            (
                WEBHOOK.replace(
                    "crate_features = [\"server\"]",
                    "crate_features = \"server\"",
                ),
                "`crate_features` must be an array",
            ),
            // a subset without the part's crate features would bring the crate's defaults
            (
                WEBHOOK.replace("crate_features = [\"server\"]\n", ""),
                "a part with a `subset` says which crate features `webhook` turns on",
            ),
            // a subset's name starts with its part's
            (
                WEBHOOK.replace("\"webhook-verify\"", "\"verify\""),
                "feature `verify` must be `webhook-<what it adds>`",
            ),
            (
                WEBHOOK.replace("\"webhook-verify\"", "\"webhook-\""),
                "must be `webhook-<what it adds>`",
            ),
            (
                WEBHOOK.replace("\"webhook-verify\"", "\"browser\""),
                "not be `default`, `full` or `browser`",
            ),
            (
                WEBHOOK.replace("prelude = [\"NewCallEvent\"]", "full_exclude = true"),
                "a subset is never in `full`",
            ),
            (
                WEBHOOK.replace("summary = \"the signature", "summary = \"a | the signature"),
                "subset `webhook-verify`: `summary` must be one line",
            ),
            (
                WEBHOOK.replace(
                    "[[package.metadata.sipgateio.subset]]",
                    "[package.metadata.sipgateio.subset]",
                ),
                "`subset` must be tables",
            ),
        ];
        for (text, expected) in cases {
            let err =
                Part::from_manifest("sipgateio-webhook", &manifest(&text)).expect_err(expected);
            assert!(err.contains("crates/sipgateio-webhook/Cargo.toml"), "{err}");
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn bad_tables_name_the_crate_and_the_key() {
        let cases = [
            ("feature = \"Full\"\nsummary = \"x\"", "feature"),
            ("feature = \"full\"\nsummary = \"x\"", "feature"),
            ("feature = \"sms\"", "summary"),
            ("feature = \"sms\"\nsummary = \"a | b\"", "summary"),
            (
                "feature = \"sms\"\nsummary = \"x\"\nprelude = \"SmsExt\"",
                "prelude",
            ),
            (
                "feature = \"sms\"\nsummary = \"x\"\nprelude = [\"a b\"]",
                "prelude",
            ),
            (
                "feature = \"sms\"\nsummary = \"x\"\nfull_exclude = \"yes\"",
                "full_exclude",
            ),
        ];
        for (table, key) in cases {
            let doc = manifest(&format!(
                "[package]\nname = \"c\"\n[package.metadata.sipgateio]\n{table}\n"
            ));
            let err = Part::from_manifest("c", &doc).expect_err(table);
            assert!(err.contains("crates/c/Cargo.toml"), "{err}");
            assert!(err.contains(key), "{err}");
        }
    }

    #[test]
    fn parts_are_sorted_and_clashes_are_rejected() {
        let dir = crate::testdir::TempDir::new("parts");
        let write = |name: &str, table: &str| {
            let crate_dir = dir.path().join("crates").join(name);
            std::fs::create_dir_all(&crate_dir).expect("mkdir");
            std::fs::write(
                crate_dir.join("Cargo.toml"),
                format!("[package]\nname = \"{name}\"\n{table}"),
            )
            .expect("write");
        };
        write("sipgateio-core", "");
        write(
            "sipgateio-xml",
            "[package.metadata.sipgateio]\nfeature = \"xml\"\nsummary = \"x\"\nprelude = [\"Response\"]\n",
        );
        write(
            "sipgateio-fax",
            "[package.metadata.sipgateio]\nfeature = \"fax\"\nsummary = \"f\"\nprelude = [\"FaxExt\"]\n",
        );
        let found = parts(dir.path()).expect("valid");
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["sipgateio-fax", "sipgateio-xml"]);

        write(
            "sipgateio-webhook",
            "[package.metadata.sipgateio]\nfeature = \"webhook\"\nsummary = \"w\"\nprelude = [\"events::Response\"]\n",
        );
        let err = parts(dir.path()).expect_err("prelude clash");
        assert!(err.contains("`Response` twice"), "{err}");
        assert!(
            err.contains("sipgateio-webhook") && err.contains("sipgateio-xml"),
            "{err}"
        );

        write(
            "sipgateio-webhook",
            "[package.metadata.sipgateio]\nfeature = \"xml\"\nsummary = \"w\"\n",
        );
        let err = parts(dir.path()).expect_err("feature clash");
        assert!(err.contains("both claim the facade feature `xml`"), "{err}");

        // A part and its subset may list the same prelude item; a subset's feature is claimed
        // like a part's.
        write(
            "sipgateio-webhook",
            &WEBHOOK.replacen("[package]\nname = \"sipgateio-webhook\"\n", "", 1),
        );
        let found = parts(dir.path()).expect("a part and its subset share `NewCallEvent`");
        assert_eq!(found.len(), 3);
        write(
            "sipgateio-webhook-verify",
            "[package.metadata.sipgateio]\nfeature = \"webhook_verify\"\nsummary = \"v\"\n",
        );
        let err = parts(dir.path()).expect_err("a crate's feature equal to a subset's");
        assert!(
            err.contains("`sipgateio-webhook` and `sipgateio-webhook-verify` both claim the facade feature `webhook_verify`"),
            "{err}"
        );
    }

    #[test]
    fn reads_the_workspace_version() {
        let doc = manifest("[workspace.package]\nversion = \"1.2.3\"\n");
        assert_eq!(workspace_version(&doc), Ok("1.2.3".to_owned()));
        assert!(workspace_version(&manifest("[workspace]\n")).is_err());
    }
}
