//! `cargo xtask codegen [--check] [--spec <openapi.yaml>]`.

use std::path::{Path, PathBuf};

use crate::facade::{self, FileUpdate};
use crate::markers::line_diff;
use crate::workspace;

/// Parsed arguments of `codegen`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Compare instead of writing; fail on drift.
    pub check: bool,
    /// The OpenAPI document for the generated wire models.
    pub spec: Option<PathBuf>,
}

impl Options {
    /// Parses `codegen`'s arguments.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--check" => options.check = true,
                "--spec" => {
                    let file = args.next().ok_or("--spec needs a file")?;
                    options.spec = Some(PathBuf::from(file));
                }
                other => {
                    if let Some(file) = other.strip_prefix("--spec=") {
                        options.spec = Some(PathBuf::from(file));
                    } else {
                        return Err(format!("codegen: unknown argument `{other}`"));
                    }
                }
            }
        }
        Ok(options)
    }
}

/// Runs the code generators on the workspace at `root`.
pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let mut updates = facade::generate(root)?;
    match &options.spec {
        Some(spec) => updates.extend(crate::openapi::generate(root, spec)?),
        None => eprintln!(
            "codegen: skipping the OpenAPI wire models (crates/{}): no --spec <openapi.yaml> given",
            crate::openapi::CRATE_DIR
        ),
    }
    apply(root, &updates, options.check)
}

/// Writes the changed files, or with `check` reports every drift as a diff and fails.
pub fn apply(root: &Path, updates: &[FileUpdate], check: bool) -> Result<(), String> {
    let drifted: Vec<&FileUpdate> = updates
        .iter()
        .filter(|u| u.current != u.generated)
        .collect();
    if check {
        if drifted.is_empty() {
            eprintln!("codegen: {} generated files are up to date", updates.len());
            return Ok(());
        }
        let mut message = String::from("generated code is out of date:\n");
        for u in &drifted {
            message.push_str(&format!(
                "--- {0} (on disk)\n+++ {0} (generated)\n{1}",
                u.path,
                line_diff(&u.current, &u.generated)
            ));
        }
        message.push_str("run `cargo xtask codegen` and commit the result");
        return Err(message);
    }
    for u in &drifted {
        let path = root.join(&u.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        workspace::write(&path, &u.generated)?;
        eprintln!("codegen: wrote {}", u.path);
    }
    eprintln!(
        "codegen: {} of {} generated files changed",
        drifted.len(),
        updates.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_check_and_spec() {
        assert_eq!(Options::parse(&[]), Ok(Options::default()));
        let o = Options::parse(&args(&["--check", "--spec", "a.yaml"])).expect("valid");
        assert!(o.check);
        assert_eq!(o.spec, Some(PathBuf::from("a.yaml")));
        let o = Options::parse(&args(&["--spec=b.yaml"])).expect("valid");
        assert_eq!(o.spec, Some(PathBuf::from("b.yaml")));
        assert!(Options::parse(&args(&["--spec"])).is_err());
        assert!(Options::parse(&args(&["--bogus"])).is_err());
    }

    #[test]
    fn check_reports_drift_with_a_diff_and_writes_nothing() {
        let dir = crate::testdir::TempDir::new("check");
        std::fs::write(dir.path().join("f.txt"), "old\n").expect("write");
        let updates = vec![FileUpdate {
            path: "f.txt".into(),
            current: "old\n".into(),
            generated: "new\n".into(),
        }];
        let err = apply(dir.path(), &updates, true).expect_err("drift");
        assert!(err.contains("--- f.txt (on disk)"), "{err}");
        assert!(err.contains("-old\n+new"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("f.txt")).expect("read"),
            "old\n"
        );
        apply(dir.path(), &updates, false).expect("write");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("f.txt")).expect("read"),
            "new\n"
        );
    }
}
