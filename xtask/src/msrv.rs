//! The MSRV guard: no older toolchain can be installed here, so besides clippy's
//! `incompatible_msrv` lint, every package in the dependency graph must declare a
//! `rust-version` no newer than the workspace's.

use std::path::Path;

use serde_json::Value;

use crate::workspace;

/// A `major.minor.patch` Rust version (a missing patch counts as 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct RustVersion(u32, u32, u32);

impl RustVersion {
    /// Parses `1.88` or `1.88.0`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('.').map(|p| p.parse::<u32>().ok());
        let major = parts.next()??;
        let minor = parts.next().unwrap_or(Some(0))?;
        let patch = parts.next().unwrap_or(Some(0))?;
        if parts.next().is_some() {
            return None;
        }
        Some(Self(major, minor, patch))
    }
}

impl std::fmt::Display for RustVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// The packages of `cargo metadata` output whose `rust_version` is newer than `msrv`, as
/// `name version (rust-version X)` lines; also returns how many packages declare none.
pub(crate) fn too_new(metadata: &Value, msrv: RustVersion) -> Result<(Vec<String>, usize), String> {
    let packages = metadata
        .get("packages")
        .and_then(Value::as_array)
        .ok_or("cargo metadata output has no `packages`")?;
    let mut offenders = Vec::new();
    let mut undeclared = 0;
    for package in packages {
        let name = package.get("name").and_then(Value::as_str).unwrap_or("?");
        let version = package
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or("?");
        match package.get("rust_version").and_then(Value::as_str) {
            None => undeclared += 1,
            Some(declared) => match RustVersion::parse(declared) {
                Some(v) if v <= msrv => {}
                _ => offenders.push(format!("{name} {version} (rust-version {declared})")),
            },
        }
    }
    offenders.sort();
    Ok((offenders, undeclared))
}

/// Checks the workspace at `root` against its `[workspace.package] rust-version`.
pub(crate) fn check(root: &Path) -> Result<(), String> {
    let manifest_path = root.join("Cargo.toml");
    let manifest = workspace::parse_toml(&manifest_path, &workspace::read(&manifest_path)?)?;
    let declared = manifest
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("rust-version"))
        .and_then(toml_edit::Item::as_str)
        .ok_or("the root Cargo.toml has no [workspace.package] rust-version")?;
    let msrv = RustVersion::parse(declared)
        .ok_or_else(|| format!("rust-version `{declared}` is not a version"))?;
    let json = workspace::output_in(
        root,
        "cargo",
        &[
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ],
    )
    .or_else(|_| {
        workspace::output_in(
            root,
            "cargo",
            &["metadata", "--format-version", "1", "--all-features"],
        )
    })?;
    let metadata: Value =
        serde_json::from_str(&json).map_err(|e| format!("cargo metadata output: {e}"))?;
    let (offenders, undeclared) = too_new(&metadata, msrv)?;
    if offenders.is_empty() {
        eprintln!("msrv: every dependency fits Rust {msrv} ({undeclared} declare no rust-version)");
        Ok(())
    } else {
        Err(format!(
            "these dependencies need a newer Rust than the declared MSRV {msrv}:\n  {}",
            offenders.join("\n  ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        assert_eq!(RustVersion::parse("1.88"), Some(RustVersion(1, 88, 0)));
        assert_eq!(RustVersion::parse("1.85.1"), Some(RustVersion(1, 85, 1)));
        assert_eq!(RustVersion::parse("1.x"), None);
        assert_eq!(RustVersion::parse("1.2.3.4"), None);
        assert!(RustVersion::parse("1.88").expect("v") < RustVersion::parse("1.100").expect("v"));
    }

    #[test]
    fn finds_dependencies_newer_than_the_msrv() {
        let metadata = serde_json::json!({"packages": [
            {"name": "old", "version": "1.0.0", "rust_version": "1.70"},
            {"name": "same", "version": "2.0.0", "rust_version": "1.88.0"},
            {"name": "none", "version": "0.1.0", "rust_version": null},
            {"name": "new", "version": "3.1.0", "rust_version": "1.89"},
            {"name": "junk", "version": "0.0.1", "rust_version": "latest"},
        ]});
        let msrv = RustVersion::parse("1.88").expect("v");
        let (offenders, undeclared) = too_new(&metadata, msrv).expect("valid");
        assert_eq!(
            offenders,
            vec![
                "junk 0.0.1 (rust-version latest)".to_owned(),
                "new 3.1.0 (rust-version 1.89)".to_owned()
            ]
        );
        assert_eq!(undeclared, 1);
        assert!(too_new(&serde_json::json!({}), msrv).is_err());
    }
}
