use std::path::Path;
use std::process::Command;

use super::*;
use crate::testdir::TempDir;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn parses_arguments() {
    let o = Options::parse(&args(&["0.2.0"])).expect("valid");
    assert_eq!(
        o,
        Options {
            version: "0.2.0".into(),
            dry_run: false,
            package: true,
            no_verify: false,
        }
    );
    let o = Options::parse(&args(&["v1.0.0-rc.1", "--dry-run"])).expect("valid");
    assert_eq!(o.version, "1.0.0-rc.1");
    assert!(o.dry_run && !o.package);
    let o =
        Options::parse(&args(&["1.0.0", "--dry-run", "--package", "--no-verify"])).expect("valid");
    assert!(o.package && o.no_verify);
    assert!(
        !Options::parse(&args(&["1.0.0", "--no-package"]))
            .expect("valid")
            .package
    );
    for bad in [
        &[][..],
        &["1.0"][..],
        &["01.0.0"][..],
        &["1.0.0-"][..],
        &["1.0.0", "2.0.0"][..],
        &["1.0.0", "--bogus"][..],
    ] {
        assert!(Options::parse(&args(bad)).is_err(), "{bad:?}");
    }
}

#[test]
fn bumps_path_dependencies_and_keeps_formatting() {
    let mut doc: DocumentMut = r#"[package]
name = "sipgateio"
version.workspace = true

[features]
# codegen:features:start
sms = ["dep:sipgateio-sms"]
# codegen:features:end

[dependencies]
sipgateio-core.workspace = true
# codegen:dependencies:start
sipgateio-sms = { path = "../sipgateio-sms", version = "0.1.0", optional = true }
# codegen:dependencies:end
serde = { version = "1.0.1" }

[dev-dependencies]
sipgateio-sandbox = { path = "../sipgateio-sandbox", version = "0.1.0" } # keep me
sipgateio-dev-nover = { path = "../y" }

[build-dependencies]
sipgateio-nover = { path = "../x" }

[target.'cfg(unix)'.dependencies.sipgateio-unix]
path = "../unix"
version = "0.1.0"
"#
    .parse()
    .expect("toml");
    let mut warnings = Vec::new();
    bump_member(
        &mut doc,
        "0.2.0",
        "crates/sipgateio/Cargo.toml",
        &mut warnings,
    );
    let text = doc.to_string();
    assert!(
        text.contains(
            "sipgateio-sms = { path = \"../sipgateio-sms\", version = \"0.2.0\", optional = true }\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "sipgateio-sandbox = { path = \"../sipgateio-sandbox\", version = \"0.2.0\" } # keep me\n"
        ),
        "{text}"
    );
    assert!(text.contains("serde = { version = \"1.0.1\" }"), "{text}");
    assert!(
        text.contains("path = \"../unix\"\nversion = \"0.2.0\"\n"),
        "{text}"
    );
    assert!(text.contains("version.workspace = true"), "{text}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("sipgateio-nover"), "{warnings:?}");
}

#[test]
fn bumps_the_root_manifest() {
    let mut doc: DocumentMut = r#"[workspace.package]
version = "0.1.0"  # lockstep
edition = "2024"

[workspace.dependencies]
sipgateio-core = { path = "crates/sipgateio-core", version = "0.1.0" }
serde = "1"
"#
    .parse()
    .expect("toml");
    bump_root(&mut doc, "1.2.3").expect("bumped");
    let text = doc.to_string();
    assert!(text.contains("version = \"1.2.3\"  # lockstep\n"), "{text}");
    assert!(
        text.contains("sipgateio-core = { path = \"crates/sipgateio-core\", version = \"1.2.3\" }"),
        "{text}"
    );
    assert!(text.contains("serde = \"1\""), "{text}");
    let mut empty: DocumentMut = "[workspace]\n".parse().expect("toml");
    assert!(bump_root(&mut empty, "1.0.0").is_err());
}

#[test]
fn categorises_commit_subjects() {
    assert_eq!(category("core: fix retry on 503", false), "Fixed");
    assert_eq!(category("sms: add scheduled sending", false), "Added");
    assert_eq!(category("drop the old parser", false), "Removed");
    assert_eq!(category("deprecate Client::new", false), "Deprecated");
    assert_eq!(category("security: redact tokens", false), "Security");
    assert_eq!(category("faster paging", false), "Changed");
    assert_eq!(category("sipgateio-numbers: list numbers", true), "Added");
    assert_eq!(category("voicemail: Node bug 22 fixed", true), "Added");
    assert_eq!(
        category("prefix handling", false),
        "Changed",
        "`prefix` is not `fix`"
    );
}

const CHANGELOG: &str = "# Changelog

Intro.

## [Unreleased]

### Fixed

- a hand-written note

## [0.1.0] - 2026-01-01

### Added

- everything

[Unreleased]: https://example.com/r/compare/v0.1.0...HEAD
[0.1.0]: https://example.com/r/releases/tag/v0.1.0
";

#[test]
fn changelog_section_merges_notes_and_commits() {
    let commits = vec![
        ("abc1234".to_owned(), "sms: add MMS".to_owned()),
        ("def5678".to_owned(), "core: fix timeouts".to_owned()),
    ];
    let (text, section) = changelog(
        CHANGELOG,
        "0.2.0",
        "2026-02-03",
        &commits,
        Some("v0.1.0"),
        Some("https://example.com/r"),
    );
    assert_eq!(
        section,
        "## [0.2.0] - 2026-02-03\n\n### Added\n\n- sms: add MMS (abc1234)\n\n### Fixed\n\n- a hand-written note\n- core: fix timeouts (def5678)\n"
    );
    let unreleased = text.find("## [Unreleased]\n\n## [0.2.0]").expect("order");
    let old = text
        .find("## [0.1.0] - 2026-01-01")
        .expect("old section kept");
    assert!(unreleased < old);
    assert_eq!(text.matches("a hand-written note").count(), 1, "{text}");
    assert!(text.ends_with(
        "[Unreleased]: https://example.com/r/compare/v0.2.0...HEAD\n[0.2.0]: https://example.com/r/compare/v0.1.0...v0.2.0\n[0.1.0]: https://example.com/r/releases/tag/v0.1.0\n"
    ), "{text}");
}

#[test]
fn changelog_is_created_when_missing() {
    let commits = vec![("abc1234".to_owned(), "first".to_owned())];
    let (text, section) = changelog("", "0.1.0", "2026-02-03", &commits, None, None);
    assert!(text.starts_with("# Changelog\n"), "{text}");
    assert!(
        text.contains("## [Unreleased]\n\n## [0.1.0] - 2026-02-03\n"),
        "{text}"
    );
    assert!(
        section.contains("### Added\n\n- first (abc1234)\n"),
        "{section}"
    );
}

#[test]
fn publish_order_puts_dependencies_first() {
    let metadata = serde_json::json!({"packages": [
        {"name": "sipgateio", "publish": null, "dependencies": [
            {"name": "sipgateio-core", "kind": null},
            {"name": "sipgateio-webhook", "kind": null},
            {"name": "tokio", "kind": "dev"}]},
        {"name": "sipgateio-webhook", "publish": null, "dependencies": [
            {"name": "sipgateio-xml", "kind": null},
            {"name": "sipgateio-core", "kind": null},
            {"name": "sipgateio-sandbox", "kind": "dev"}]},
        {"name": "sipgateio-sandbox", "publish": null, "dependencies": [
            {"name": "sipgateio-webhook", "kind": null}]},
        {"name": "sipgateio-xml", "publish": null, "dependencies": []},
        {"name": "sipgateio-core", "publish": null, "dependencies": [{"name": "serde", "kind": null}]},
        {"name": "xtask", "publish": [], "dependencies": [{"name": "sipgateio-core", "kind": null}]}
    ]});
    assert_eq!(
        order_from_metadata(&metadata).expect("acyclic"),
        vec![
            "sipgateio-core",
            "sipgateio-xml",
            "sipgateio-webhook",
            "sipgateio",
            "sipgateio-sandbox"
        ]
    );
    let cyclic = serde_json::json!({"packages": [
        {"name": "a", "dependencies": [{"name": "b", "kind": null}]},
        {"name": "b", "dependencies": [{"name": "a", "kind": "build"}]}
    ]});
    let err = order_from_metadata(&cyclic).expect_err("cycle");
    assert!(err.contains("cycle"), "{err}");
}

#[test]
fn civil_dates() {
    assert_eq!(civil_date(0), "1970-01-01");
    assert_eq!(civil_date(11_016), "2000-02-29");
    assert_eq!(civil_date(20_454), "2026-01-01");
    assert_eq!(civil_date(-1), "1969-12-31");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=xtask test",
            "-c",
            "user.email=xtask@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A copy of the repository's committed tree (HEAD) in a fresh git repository, tagged with its
/// current version, plus two commits to release.
fn repo_copy() -> (TempDir, String) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let top = git(manifest_dir, &["rev-parse", "--show-toplevel"]);
    let top = Path::new(top.trim());
    let copy = TempDir::new("release");
    let archive = Command::new("git")
        .args(["archive", "--format=tar", "HEAD"])
        .current_dir(top)
        .output()
        .expect("git archive");
    assert!(archive.status.success(), "git archive failed");
    let tar = copy.path().join("head.tar");
    std::fs::write(&tar, &archive.stdout).expect("write tar");
    let status = Command::new("tar")
        .args(["-xf", "head.tar"])
        .current_dir(copy.path())
        .status()
        .expect("tar");
    assert!(status.success());
    std::fs::remove_file(&tar).expect("remove tar");

    // the committed facade may lag behind crates committed after it: sync it first
    let updates = crate::facade::generate(copy.path()).expect("codegen");
    crate::codegen::apply(copy.path(), &updates, false).expect("write");

    let root_manifest = std::fs::read_to_string(copy.path().join("Cargo.toml")).expect("read");
    let doc: DocumentMut = root_manifest.parse().expect("toml");
    let old = workspace::workspace_version(&doc).expect("version");
    git(copy.path(), &["init", "-q"]);
    git(copy.path(), &["add", "-A"]);
    git(copy.path(), &["commit", "-q", "-m", "initial"]);
    git(copy.path(), &["tag", &format!("v{old}")]);
    std::fs::write(copy.path().join("notes.txt"), "1").expect("write");
    git(copy.path(), &["add", "notes.txt"]);
    git(
        copy.path(),
        &["commit", "-q", "-m", "core: fix retries after 503"],
    );
    std::fs::write(copy.path().join("notes.txt"), "2").expect("write");
    git(
        copy.path(),
        &["commit", "-q", "-am", "sms: add delivery reports"],
    );
    (copy, old)
}

/// Every path dependency's version in every manifest of the workspace at `root`.
fn path_dependency_versions(root: &Path) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut manifests = member_manifests(root).expect("members");
    manifests.push(root.join("Cargo.toml"));
    for manifest in manifests {
        let doc: DocumentMut = std::fs::read_to_string(&manifest)
            .expect("read")
            .parse()
            .expect("toml");
        let mut tables: Vec<&dyn TableLike> = Vec::new();
        for kind in ["dependencies", "dev-dependencies", "build-dependencies"] {
            if let Some(t) = doc.get(kind).and_then(Item::as_table_like) {
                tables.push(t);
            }
        }
        if let Some(t) = doc
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(Item::as_table_like)
        {
            tables.push(t);
        }
        for table in tables {
            for (name, dep) in table.iter() {
                let Some(dep) = dep.as_table_like() else {
                    continue;
                };
                if let (Some(_), Some(version)) = (dep.get("path"), dep.get("version")) {
                    found.push((
                        manifest.display().to_string(),
                        name.to_owned(),
                        version.as_str().unwrap_or("?").to_owned(),
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn release_on_a_copy_of_the_repository() {
    let (copy, old) = repo_copy();
    let root = copy.path();
    let before_versions = path_dependency_versions(root);
    assert!(
        before_versions
            .iter()
            .any(|(_, name, _)| name == "sipgateio-core"),
        "{before_versions:?}"
    );

    // a dry run writes nothing
    let manifest_before = std::fs::read_to_string(root.join("Cargo.toml")).expect("read");
    let dry = Options::parse(&args(&["9.9.9", "--dry-run"])).expect("valid");
    run(root, &dry).expect("dry run");
    assert_eq!(
        std::fs::read_to_string(root.join("Cargo.toml")).expect("read"),
        manifest_before
    );
    assert!(git(root, &["status", "--porcelain"]).trim().is_empty());

    // the real bump (packaging every crate is too slow for a test)
    let real = Options::parse(&args(&["9.9.9", "--no-package"])).expect("valid");
    run(root, &real).expect("release");

    let doc: DocumentMut = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("read")
        .parse()
        .expect("toml");
    assert_eq!(
        workspace::workspace_version(&doc).expect("version"),
        "9.9.9"
    );
    let after_versions = path_dependency_versions(root);
    assert_eq!(after_versions.len(), before_versions.len());
    for (manifest, name, version) in &after_versions {
        assert_eq!(version, "9.9.9", "{manifest}: {name}");
    }

    // the generated facade agrees with the bumped workspace
    let updates = crate::facade::generate(root).expect("codegen");
    for update in &updates {
        assert_eq!(update.current, update.generated, "{} drifted", update.path);
    }

    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).expect("changelog");
    let section = changelog.find("## [9.9.9] - ").expect("new section");
    assert!(
        changelog[..section].contains("## [Unreleased]"),
        "{changelog}"
    );
    let body = &changelog[section..];
    assert!(body.contains("### Fixed\n"), "{body}");
    assert!(body.contains("- core: fix retries after 503 ("), "{body}");
    assert!(body.contains("### Added\n"), "{body}");
    assert!(body.contains("- sms: add delivery reports ("), "{body}");
    assert!(
        !body.contains("- initial ("),
        "commits before the tag are left out: {body}"
    );
    assert!(
        changelog.contains(&format!("compare/v{old}...v9.9.9")),
        "{changelog}"
    );

    // the publish order has every (normal) dependency before its dependents
    let order = publish_order(root).expect("order");
    let position = |name: &str| order.iter().position(|n| n == name);
    assert!(position("xtask").is_none(), "xtask is not published");
    assert!(position("sipgateio").is_some(), "the facade is published");
    let mut checked = 0;
    for dir in workspace::crate_dirs(root).expect("crates") {
        let doc: DocumentMut =
            std::fs::read_to_string(root.join("crates").join(&dir).join("Cargo.toml"))
                .expect("read")
                .parse()
                .expect("toml");
        let name = doc["package"]["name"].as_str().expect("name").to_owned();
        let Some(me) = position(&name) else {
            continue;
        };
        let Some(deps) = doc.get("dependencies").and_then(Item::as_table_like) else {
            continue;
        };
        for (dep, _) in deps.iter() {
            if let Some(at) = position(dep) {
                assert!(at < me, "{dep} must come before {name}: {order:?}");
                checked += 1;
            }
        }
    }
    assert!(
        checked > 0,
        "no inter-crate dependency was checked: {order:?}"
    );
}
