//! `cargo xtask release <version> [--dry-run] [--package] [--no-package] [--no-verify]`.
//!
//! 1. Lockstep version bump: `[workspace.package] version`, every path dependency's `version`
//!    in the root `[workspace.dependencies]` and in every member's dependency tables (including
//!    the facade's generated region, which therefore stays in sync with `codegen`).
//! 2. A CHANGELOG.md section (Keep a Changelog) from the `[Unreleased]` notes and the commit
//!    subjects since the last `v*` tag.
//! 3. `cargo package -p …` of every publishable member, as `cargo package --workspace` would
//!    (packages crates that depend on unpublished siblings; every verification is a full build,
//!    so it is skipped with `--no-package`, and in a dry run unless `--package` is given;
//!    `--no-verify` checks the packages without building them).
//! 4. The `cargo publish -p …` commands in dependency order (from `cargo metadata`).
//!
//! A dry run writes nothing: it prints the diffs it would apply.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use toml_edit::{DocumentMut, Item, Table, TableLike};

use crate::markers::line_diff;
use crate::workspace;

/// Parsed arguments of `release`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// The new version.
    pub version: String,
    /// Print what would change; write nothing.
    pub dry_run: bool,
    /// Run `cargo package --workspace` (default: yes, except in a dry run).
    pub package: bool,
    /// Pass `--no-verify` to `cargo package` (checks the packages without building them).
    pub no_verify: bool,
}

impl Options {
    /// Parses `release`'s arguments.
    pub(crate) fn parse(args: &[String]) -> Result<Self, String> {
        let mut version = None;
        let mut dry_run = false;
        let mut package = None;
        let mut no_verify = false;
        for arg in args {
            match arg.as_str() {
                "--dry-run" => dry_run = true,
                "--package" => package = Some(true),
                "--no-package" => package = Some(false),
                "--no-verify" => no_verify = true,
                flag if flag.starts_with("--") => {
                    return Err(format!("release: unknown argument `{flag}`"));
                }
                v if version.is_none() => version = Some(v.trim_start_matches('v').to_owned()),
                extra => return Err(format!("release: unexpected argument `{extra}`")),
            }
        }
        let version = version.ok_or("usage: cargo xtask release <version> [--dry-run]")?;
        if !is_semver(&version) {
            return Err(format!(
                "release: `{version}` is not a semantic version (MAJOR.MINOR.PATCH[-PRE][+BUILD])"
            ));
        }
        Ok(Options {
            version,
            dry_run,
            package: package.unwrap_or(!dry_run),
            no_verify,
        })
    }
}

fn is_semver(v: &str) -> bool {
    let (core, rest) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let numeric = numbers.len() == 3
        && numbers.iter().all(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && (n.len() == 1 || !n.starts_with('0'))
        });
    let suffix_ok = rest.is_empty()
        || (rest.len() > 1
            && rest[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')));
    numeric && suffix_ok
}

/// A planned file change.
#[derive(Debug)]
pub(crate) struct Change {
    /// Absolute path.
    pub path: PathBuf,
    /// Contents before (empty for a new file).
    pub before: String,
    /// Contents after.
    pub after: String,
}

/// Everything a release would do.
#[derive(Debug)]
pub(crate) struct Plan {
    /// The version before the release.
    pub old_version: String,
    /// File changes.
    pub changes: Vec<Change>,
    /// The new CHANGELOG section.
    pub changelog_section: String,
    /// Path dependencies without a `version` (cannot be published).
    pub warnings: Vec<String>,
}

/// Runs the release on the workspace at `root`.
pub(crate) fn run(root: &Path, options: &Options) -> Result<(), String> {
    let plan = plan(root, &options.version, &today())?;
    for warning in &plan.warnings {
        eprintln!("release: warning: {warning}");
    }
    if options.dry_run {
        for change in &plan.changes {
            let rel = change.path.strip_prefix(root).unwrap_or(&change.path);
            println!(
                "--- {0}\n+++ {0} (release {1})\n{2}",
                rel.display(),
                options.version,
                line_diff(&change.before, &change.after)
            );
        }
    } else {
        for change in &plan.changes {
            workspace::write(&change.path, &change.after)?;
        }
        // the facade's dependency lines were bumped in place; regenerate to be sure they agree
        let updates = crate::facade::generate(root)?;
        crate::codegen::apply(root, &updates, false)?;
    }
    println!(
        "release {} -> {}: {} files {}",
        plan.old_version,
        options.version,
        plan.changes.len(),
        if options.dry_run {
            "would change (dry run: nothing written)"
        } else {
            "changed"
        }
    );
    println!("\nCHANGELOG.md:\n{}", plan.changelog_section);
    let order = publish_order(root)?;
    if options.package {
        // like `cargo package --workspace`, but only the publishable members (not xtask or the
        // benchmarks); siblings that are not yet published are packaged together
        let mut args = vec!["package", "--allow-dirty"];
        for name in &order {
            args.push("-p");
            args.push(name);
        }
        if options.no_verify {
            args.push("--no-verify");
        }
        workspace::run_in(root, "cargo", &args, &[])?;
    } else {
        println!("(skipping `cargo package`; run it, or pass --package)");
    }
    println!(
        "\nPublish in this order (or `cargo publish --workspace`, which uses the same order):"
    );
    for name in &order {
        println!("cargo publish -p {name}");
    }
    println!(
        "\nThen: git commit -am \"release v{0}\" && git tag v{0}",
        options.version
    );
    Ok(())
}

/// Computes the file changes of a release to `version` dated `date` (YYYY-MM-DD).
pub(crate) fn plan(root: &Path, version: &str, date: &str) -> Result<Plan, String> {
    let root_path = root.join("Cargo.toml");
    let root_text = workspace::read(&root_path)?;
    let mut root_doc = workspace::parse_toml(&root_path, &root_text)?;
    let old_version = workspace::workspace_version(&root_doc)?;
    if old_version == version {
        return Err(format!("the workspace is already at version {version}"));
    }
    let mut warnings = Vec::new();
    let mut changes = Vec::new();

    bump_root(&mut root_doc, version)?;
    changes.push(Change {
        path: root_path,
        before: root_text,
        after: root_doc.to_string(),
    });

    for manifest in member_manifests(root)? {
        let text = workspace::read(&manifest)?;
        let mut doc = workspace::parse_toml(&manifest, &text)?;
        let rel = manifest
            .strip_prefix(root)
            .unwrap_or(&manifest)
            .display()
            .to_string();
        bump_member(&mut doc, version, &rel, &mut warnings);
        let after = doc.to_string();
        if after != text {
            changes.push(Change {
                path: manifest,
                before: text,
                after,
            });
        }
    }

    let changelog_path = root.join("CHANGELOG.md");
    let before = if changelog_path.exists() {
        workspace::read(&changelog_path)?
    } else {
        String::new()
    };
    let last_tag = last_tag(root);
    let commits = commits_since(root, last_tag.as_deref())?;
    let repository = root_doc
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("repository"))
        .and_then(Item::as_str)
        .map(str::to_owned);
    let (after, section) = changelog(
        &before,
        version,
        date,
        &commits,
        last_tag.as_deref(),
        repository.as_deref(),
    );
    changes.push(Change {
        path: changelog_path,
        before,
        after,
    });
    Ok(Plan {
        old_version,
        changes,
        changelog_section: section,
        warnings,
    })
}

/// The manifests of `crates/*` and `xtask` (the workspace's members besides the root).
fn member_manifests(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut manifests: Vec<PathBuf> = workspace::crate_dirs(root)?
        .into_iter()
        .map(|dir| root.join("crates").join(dir).join("Cargo.toml"))
        .collect();
    for extra in ["xtask", "benches"] {
        let path = root.join(extra).join("Cargo.toml");
        if path.is_file() {
            manifests.push(path);
        }
    }
    Ok(manifests)
}

/// Replaces a value's string, keeping the whitespace and comments around it.
fn set_version(item: &mut Item, version: &str) {
    if let Some(value) = item.as_value_mut() {
        let decor = value.decor().clone();
        *value = toml_edit::Value::from(version);
        *value.decor_mut() = decor;
    }
}

/// Bumps `version` of every path dependency in a dependency table.
fn bump_dependency_table(
    table: &mut dyn TableLike,
    version: &str,
    at: &str,
    dev: bool,
    warnings: &mut Vec<String>,
) {
    for (name, dep) in table.iter_mut() {
        let Some(dep) = dep.as_table_like_mut() else {
            continue;
        };
        if dep.get("path").is_none() {
            continue;
        }
        match dep.get_mut("version") {
            Some(item) => set_version(item, version),
            // `cargo publish` drops dev-dependencies without a version: that is the way to
            // test against an unpublished sibling (e.g. the sandbox)
            None if dev => {}
            None => warnings.push(format!(
                "{at}: path dependency `{name}` has no version and cannot be published"
            )),
        }
    }
}

fn bump_root(doc: &mut DocumentMut, version: &str) -> Result<(), String> {
    let workspace = doc
        .get_mut("workspace")
        .and_then(Item::as_table_mut)
        .ok_or("the root Cargo.toml has no [workspace]")?;
    let package = workspace
        .get_mut("package")
        .and_then(Item::as_table_mut)
        .ok_or("the root Cargo.toml has no [workspace.package]")?;
    let item = package
        .get_mut("version")
        .ok_or("the root Cargo.toml has no [workspace.package] version")?;
    set_version(item, version);
    if let Some(deps) = workspace
        .get_mut("dependencies")
        .and_then(Item::as_table_like_mut)
    {
        let mut ignored = Vec::new();
        bump_dependency_table(deps, version, "Cargo.toml", false, &mut ignored);
    }
    Ok(())
}

fn bump_member(doc: &mut DocumentMut, version: &str, at: &str, warnings: &mut Vec<String>) {
    if let Some(item) = doc
        .get_mut("package")
        .and_then(|p| p.get_mut("version"))
        .filter(|v| v.is_str())
    {
        set_version(item, version);
        warnings.push(format!(
            "{at}: [package] version is not `version.workspace = true`; bumped it anyway"
        ));
    }
    let kinds = ["dependencies", "dev-dependencies", "build-dependencies"];
    let table: &mut Table = doc.as_table_mut();
    for kind in kinds {
        if let Some(deps) = table.get_mut(kind).and_then(Item::as_table_like_mut) {
            bump_dependency_table(deps, version, at, kind == "dev-dependencies", warnings);
        }
    }
    if let Some(targets) = table.get_mut("target").and_then(Item::as_table_like_mut) {
        for (_, target) in targets.iter_mut() {
            let Some(target) = target.as_table_like_mut() else {
                continue;
            };
            for kind in kinds {
                if let Some(deps) = target.get_mut(kind).and_then(Item::as_table_like_mut) {
                    bump_dependency_table(deps, version, at, kind == "dev-dependencies", warnings);
                }
            }
        }
    }
}

/// The newest `v*` tag reachable from HEAD.
fn last_tag(root: &Path) -> Option<String> {
    workspace::output_in(
        root,
        "git",
        &["describe", "--tags", "--abbrev=0", "--match", "v*"],
    )
    .ok()
    .map(|s| s.trim().to_owned())
    .filter(|s| !s.is_empty())
}

/// `(short hash, subject)` of the commits since `tag` (all commits without one), oldest first.
fn commits_since(root: &Path, tag: Option<&str>) -> Result<Vec<(String, String)>, String> {
    let range = tag.map(|t| format!("{t}..HEAD"));
    let mut args = vec!["log", "--no-merges", "--reverse", "--format=%h%x1f%s"];
    if let Some(range) = &range {
        args.push(range);
    }
    let out = workspace::output_in(root, "git", &args)?;
    Ok(out
        .lines()
        .filter_map(|line| line.split_once('\u{1f}'))
        .map(|(hash, subject)| (hash.to_owned(), subject.trim().to_owned()))
        .filter(|(_, subject)| !subject.to_lowercase().starts_with("release v"))
        .collect())
}

/// Keep a Changelog's sections, in its order.
const CATEGORIES: [&str; 6] = [
    "Added",
    "Changed",
    "Deprecated",
    "Removed",
    "Fixed",
    "Security",
];

/// The Keep a Changelog category of a commit subject.
pub(crate) fn category(subject: &str, first_release: bool) -> &'static str {
    let s = subject.to_lowercase();
    let words: Vec<&str> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |prefixes: &[&str]| {
        words
            .iter()
            .any(|w| prefixes.iter().any(|p| w.starts_with(p)))
    };
    if first_release {
        // nothing was released before: everything is new
        "Added"
    } else if has(&["security", "vulnerab", "cve"]) {
        "Security"
    } else if has(&["fix", "bug"]) {
        "Fixed"
    } else if has(&["deprecat"]) {
        "Deprecated"
    } else if has(&["remove", "drop", "delete"]) {
        "Removed"
    } else if has(&["add", "new", "initial", "introduce"]) {
        "Added"
    } else {
        "Changed"
    }
}

/// Inserts the release section into a Keep a Changelog file: the `[Unreleased]` notes plus the
/// commit subjects, grouped by category; `[Unreleased]` is left empty. Returns the new file and
/// the section.
pub(crate) fn changelog(
    text: &str,
    version: &str,
    date: &str,
    commits: &[(String, String)],
    last_tag: Option<&str>,
    repository: Option<&str>,
) -> (String, String) {
    let text = if text.trim().is_empty() {
        "# Changelog\n\nAll notable changes to this project are documented in this file. The format is based\non [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).\n\n## [Unreleased]\n"
            .to_owned()
    } else {
        text.to_owned()
    };
    let lines: Vec<&str> = text.lines().collect();
    let is_link = |l: &str| l.starts_with('[') && l.contains("]: ");
    let unreleased = lines
        .iter()
        .position(|l| l.trim_start().to_lowercase().starts_with("## [unreleased]"));
    let (head, notes, tail): (Vec<&str>, Vec<&str>, Vec<&str>) = match unreleased {
        Some(i) => {
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.starts_with("## ") || is_link(l))
                .map_or(lines.len(), |p| i + 1 + p);
            (
                lines[..=i].to_vec(),
                lines[i + 1..end].to_vec(),
                lines[end..].to_vec(),
            )
        }
        None => {
            let first = lines
                .iter()
                .position(|l| l.starts_with("## ") || is_link(l))
                .unwrap_or(lines.len());
            let mut head = lines[..first].to_vec();
            head.push("## [Unreleased]");
            (head, Vec::new(), lines[first..].to_vec())
        }
    };

    // category -> entries, from the notes and then the commits
    let mut entries: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut current = "Changed";
    for line in notes {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix("### ") {
            current = CATEGORIES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(name.trim()))
                .copied()
                .unwrap_or("Changed");
        } else if !trimmed.is_empty() {
            entries.entry(current).or_default().push(line.to_owned());
        }
    }
    let first_release = last_tag.is_none();
    for (hash, subject) in commits {
        entries
            .entry(category(subject, first_release))
            .or_default()
            .push(format!("- {subject} ({hash})"));
    }

    let mut section = format!("## [{version}] - {date}\n");
    for cat in CATEGORIES {
        if let Some(items) = entries.get(cat) {
            section.push_str(&format!("\n### {cat}\n\n"));
            for item in items {
                section.push_str(item);
                section.push('\n');
            }
        }
    }
    if entries.is_empty() {
        section.push_str("\nNo changes since the last release.\n");
    }

    let mut links: Vec<String> = Vec::new();
    let mut body_tail: Vec<&str> = Vec::new();
    for line in tail {
        if line.to_lowercase().starts_with("[unreleased]: ") {
            continue;
        }
        if is_link(line) {
            links.push(line.to_owned());
        } else {
            body_tail.push(line);
        }
    }
    if let Some(repo) = repository {
        let repo = repo.trim_end_matches('/');
        let mut new_links = vec![format!("[Unreleased]: {repo}/compare/v{version}...HEAD")];
        new_links.push(match last_tag {
            Some(tag) => format!("[{version}]: {repo}/compare/{tag}...v{version}"),
            None => format!("[{version}]: {repo}/releases/tag/v{version}"),
        });
        new_links.append(&mut links);
        links = new_links;
    }

    let mut out = head.join("\n");
    out.push_str("\n\n");
    out.push_str(&section);
    let rest = body_tail.join("\n");
    if !rest.trim().is_empty() {
        out.push('\n');
        out.push_str(rest.trim_matches('\n'));
        out.push('\n');
    }
    if !links.is_empty() {
        out.push('\n');
        out.push_str(&links.join("\n"));
        out.push('\n');
    }
    (out, section)
}

/// The workspace's publishable packages in dependency order (dependencies first), from
/// `cargo metadata --no-deps`. Normal and build dependencies on members order the list;
/// ties are broken by name, so the order is stable.
pub(crate) fn publish_order(root: &Path) -> Result<Vec<String>, String> {
    let json = workspace::output_in(
        root,
        "cargo",
        &["metadata", "--no-deps", "--format-version", "1"],
    )?;
    let metadata: Value =
        serde_json::from_str(&json).map_err(|e| format!("cargo metadata output: {e}"))?;
    order_from_metadata(&metadata)
}

/// The topological publish order of a `cargo metadata` document.
pub(crate) fn order_from_metadata(metadata: &Value) -> Result<Vec<String>, String> {
    let packages = metadata
        .get("packages")
        .and_then(Value::as_array)
        .ok_or("cargo metadata output has no `packages`")?;
    let publishable =
        |p: &Value| !matches!(p.get("publish"), Some(Value::Array(list)) if list.is_empty());
    let names: BTreeSet<String> = packages
        .iter()
        .filter(|p| publishable(p))
        .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_owned))
        .collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for package in packages {
        let Some(name) = package.get("name").and_then(Value::as_str) else {
            continue;
        };
        if !names.contains(name) {
            continue;
        }
        let entry = deps.entry(name.to_owned()).or_default();
        for dep in package
            .get("dependencies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let kind = dep.get("kind").and_then(Value::as_str);
            let dep_name = dep.get("name").and_then(Value::as_str).unwrap_or("");
            if kind != Some("dev") && dep_name != name && names.contains(dep_name) {
                entry.insert(dep_name.to_owned());
            }
        }
    }
    let mut order = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    while done.len() < deps.len() {
        let ready: Vec<String> = deps
            .iter()
            .filter(|(name, d)| !done.contains(*name) && d.iter().all(|x| done.contains(x)))
            .map(|(name, _)| name.clone())
            .collect();
        let Some(next) = ready.into_iter().next() else {
            let stuck: Vec<&String> = deps.keys().filter(|n| !done.contains(*n)).collect();
            return Err(format!("dependency cycle among {stuck:?}"));
        };
        done.insert(next.clone());
        order.push(next);
    }
    Ok(order)
}

/// Today's date (UTC) as YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Days since 1970-01-01 → YYYY-MM-DD (proleptic Gregorian; Howard Hinnant's algorithm).
pub(crate) fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests;
