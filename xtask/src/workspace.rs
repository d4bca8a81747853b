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
        let feature = text("feature")?;
        if !feature
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            || !feature.starts_with(|c: char| c.is_ascii_lowercase())
            || ["default", "full"].contains(&feature.as_str())
        {
            return Err(format!(
                "{at}: feature `{feature}` must be lower-case letters, digits, `-` or `_`, start with a letter and not be `default` or `full`"
            ));
        }
        let summary = text("summary")?;
        if summary.contains('|') || summary.contains('\n') {
            return Err(format!("{at}: `summary` must be one line without `|`"));
        }
        let prelude = match meta.get("prelude") {
            None => Vec::new(),
            Some(item) => item
                .as_array()
                .ok_or_else(|| format!("{at}: `prelude` must be an array of strings"))?
                .iter()
                .map(|v| {
                    v.as_str()
                        .filter(|s| is_rust_path(s))
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            format!("{at}: `prelude` items must be Rust paths, got `{v}`")
                        })
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        let full_exclude = match meta.get("full_exclude") {
            None => false,
            Some(item) => item
                .as_bool()
                .ok_or_else(|| format!("{at}: `full_exclude` must be true or false"))?,
        };
        Ok(Some(Part {
            name,
            dir: dir.to_owned(),
            feature,
            summary,
            prelude,
            full_exclude,
        }))
    }
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
    for (i, a) in parts.iter().enumerate() {
        if let Some(b) = parts[i + 1..].iter().find(|b| b.module() == a.module()) {
            return Err(format!(
                "crates `{}` and `{}` both claim the facade feature `{}`",
                a.name, b.name, a.feature
            ));
        }
    }
    let mut prelude: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for part in &parts {
        for item in &part.prelude {
            let name = item.rsplit("::").next().unwrap_or(item);
            if let Some(other) = prelude.insert(name, &part.name) {
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
    }

    #[test]
    fn reads_the_workspace_version() {
        let doc = manifest("[workspace.package]\nversion = \"1.2.3\"\n");
        assert_eq!(workspace_version(&doc), Ok("1.2.3".to_owned()));
        assert!(workspace_version(&manifest("[workspace]\n")).is_err());
    }
}
