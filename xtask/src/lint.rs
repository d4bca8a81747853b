//! `cargo xtask lint`: what the crates registry page and the docs need from every crate under
//! `crates/`: a description, an existing README, the workspace lints and license, and crate docs
//! with an example (a code block that doc tests compile).

use std::path::Path;

use toml_edit::{DocumentMut, Item};

use crate::workspace;

/// The problems of one crate (empty when it is fine).
pub(crate) fn problems(dir: &str, manifest: &DocumentMut, crate_dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let at = format!("crates/{dir}");
    let package = manifest.get("package");
    let get = |key: &str| package.and_then(|p| p.get(key));
    let publish = get("publish").and_then(Item::as_bool).unwrap_or(true);
    if get("description")
        .and_then(Item::as_str)
        .is_none_or(|d| d.trim().is_empty())
    {
        out.push(format!("{at}: [package] has no description"));
    }
    match get("readme").and_then(Item::as_str) {
        Some(readme) if crate_dir.join(readme).is_file() => {}
        Some(readme) => out.push(format!("{at}: readme `{readme}` does not exist")),
        None if publish => out.push(format!("{at}: [package] has no readme")),
        None => {}
    }
    if publish && get("license").is_none() && get("license-file").is_none() {
        out.push(format!("{at}: [package] has no license"));
    }
    let workspace_lints = manifest
        .get("lints")
        .and_then(|l| l.get("workspace"))
        .and_then(Item::as_bool)
        == Some(true);
    if !workspace_lints {
        out.push(format!("{at}: missing `[lints] workspace = true`"));
    }
    let lib = crate_dir.join("src/lib.rs");
    if let Ok(text) = std::fs::read_to_string(&lib) {
        let docs: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!") || l.trim().is_empty() || l.starts_with("#!"))
            .filter(|l| l.starts_with("//!"))
            .collect();
        if docs.is_empty() {
            out.push(format!("{at}: src/lib.rs has no crate docs (`//!`)"));
        } else if !docs
            .iter()
            .any(|l| l.trim_start_matches("//!").trim().starts_with("```"))
        {
            out.push(format!(
                "{at}: the crate docs have no example (a ``` code block)"
            ));
        }
    }
    out
}

/// Checks every crate under `root/crates`.
pub(crate) fn check(root: &Path) -> Result<(), String> {
    let mut all = Vec::new();
    let dirs = workspace::crate_dirs(root)?;
    for dir in &dirs {
        let crate_dir = root.join("crates").join(dir);
        let path = crate_dir.join("Cargo.toml");
        let manifest = workspace::parse_toml(&path, &workspace::read(&path)?)?;
        all.extend(problems(dir, &manifest, &crate_dir));
    }
    if all.is_empty() {
        eprintln!(
            "lint: {} crates have descriptions, READMEs, workspace lints and documented examples",
            dirs.len()
        );
        Ok(())
    } else {
        Err(format!("crate metadata problems:\n  {}", all.join("\n  ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdir::TempDir;

    const GOOD: &str = "[package]\nname = \"x\"\ndescription = \"d\"\nreadme = \"README.md\"\nlicense.workspace = true\n\n[lints]\nworkspace = true\n";

    #[test]
    fn a_complete_crate_passes() {
        let dir = TempDir::new("lint-good");
        std::fs::create_dir_all(dir.path().join("src")).expect("mkdir");
        std::fs::write(dir.path().join("README.md"), "# x\n").expect("write");
        std::fs::write(
            dir.path().join("src/lib.rs"),
            "//! Docs.\n//!\n//! ```\n//! assert!(true);\n//! ```\n\npub fn f() {}\n",
        )
        .expect("write");
        let manifest: DocumentMut = GOOD.parse().expect("toml");
        assert_eq!(problems("x", &manifest, dir.path()), Vec::<String>::new());
    }

    #[test]
    fn every_missing_piece_is_named() {
        let dir = TempDir::new("lint-bad");
        std::fs::create_dir_all(dir.path().join("src")).expect("mkdir");
        std::fs::write(dir.path().join("src/lib.rs"), "//! Docs without example.\n")
            .expect("write");
        let manifest: DocumentMut = "[package]\nname = \"x\"\nreadme = \"README.md\"\n"
            .parse()
            .expect("toml");
        let found = problems("x", &manifest, dir.path()).join("\n");
        for expected in [
            "no description",
            "`README.md` does not exist",
            "no license",
            "[lints]",
            "no example",
        ] {
            assert!(found.contains(expected), "{expected}: {found}");
        }
        std::fs::write(dir.path().join("src/lib.rs"), "pub fn f() {}\n").expect("write");
        let found = problems("x", &manifest, dir.path()).join("\n");
        assert!(found.contains("no crate docs"), "{found}");
    }
}
