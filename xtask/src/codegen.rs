//! `cargo xtask codegen [--check] [--spec <openapi.yaml> [--date YYYY-MM-DD]]`.
//!
//! Regenerates every generated file of the repository: the facade's marker regions (from each
//! crate's `[package.metadata.sipgateio]`, see [`facade`]) and the `sipgateio-account` crate's
//! generated code (from the committed API description, see [`crate::openapi`]). With `--spec`
//! it first rewrites that description from a full OpenAPI document; `--date` is the document's
//! date, needed when its facts differ from the committed ones. With `--check` it writes nothing
//! and fails on any difference, so a hand edit of a generated file is noticed.

use std::path::{Path, PathBuf};

use crate::facade::{self, FileUpdate};
use crate::markers::line_diff;
use crate::workspace;

/// Parsed arguments of `codegen`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Compare instead of writing; fail on drift.
    pub check: bool,
    /// A full OpenAPI document to rewrite the committed API description from.
    pub spec: Option<PathBuf>,
    /// The date of that document (`YYYY-MM-DD`).
    pub date: Option<String>,
}

impl Options {
    /// Parses `codegen`'s arguments.
    pub(crate) fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--check" => options.check = true,
                "--spec" => {
                    let file = args.next().ok_or("--spec needs a file")?;
                    options.spec = Some(PathBuf::from(file));
                }
                "--date" => {
                    let date = args.next().ok_or("--date needs a date (YYYY-MM-DD)")?;
                    options.date = Some(date.clone());
                }
                other => {
                    if let Some(file) = other.strip_prefix("--spec=") {
                        options.spec = Some(PathBuf::from(file));
                    } else if let Some(date) = other.strip_prefix("--date=") {
                        options.date = Some(date.to_owned());
                    } else {
                        return Err(format!("codegen: unknown argument `{other}`"));
                    }
                }
            }
        }
        if let Some(date) = &options.date {
            if options.spec.is_none() {
                return Err("codegen: --date is the date of the --spec document: give both".into());
            }
            crate::openapi::facts::check_date(date).map_err(|e| format!("codegen: {e}"))?;
        }
        Ok(options)
    }
}

/// Runs the code generators on the workspace at `root`.
pub(crate) fn run(root: &Path, options: &Options) -> Result<(), String> {
    let mut updates = facade::generate(root)?;
    let source = match &options.spec {
        Some(path) => crate::openapi::Source::Spec {
            path,
            date: options.date.as_deref(),
        },
        None => crate::openapi::Source::Committed,
    };
    updates.extend(crate::openapi::generate(root, source)?);
    apply(root, &updates, options.check)
}

/// Writes the changed files, or with `check` reports every drift as a diff and fails.
pub(crate) fn apply(root: &Path, updates: &[FileUpdate], check: bool) -> Result<(), String> {
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
        let o =
            Options::parse(&args(&["--spec", "a.yaml", "--date", "2022-07-11"])).expect("valid");
        assert_eq!(o.date.as_deref(), Some("2022-07-11"));
        let o = Options::parse(&args(&["--spec=a.yaml", "--date=2022-07-11"])).expect("valid");
        assert_eq!(o.date.as_deref(), Some("2022-07-11"));
        assert!(
            Options::parse(&args(&["--date", "2022-07-11"])).is_err(),
            "no --spec"
        );
        assert!(Options::parse(&args(&["--spec", "a.yaml", "--date", "11.07.2022"])).is_err());
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

    /// A copy of what `codegen` reads and writes, taken from this workspace's working tree: the
    /// manifests, the facade's files with marker regions, the committed API description and the
    /// account crate's generated files — and nothing beside it (no OpenAPI document).
    fn workspace_copy() -> crate::testdir::TempDir {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace root");
        let dir = crate::testdir::TempDir::new("codegen");
        let mut files = vec![
            "Cargo.toml".to_owned(),
            facade::README.to_owned(),
            facade::FACADE_LIB.to_owned(),
            crate::openapi::facts::FACTS_FILE.to_owned(),
            crate::openapi::MOD_FILE.to_owned(),
            crate::openapi::MODELS_FILE.to_owned(),
            crate::openapi::CLIENT_FILE.to_owned(),
            crate::openapi::TESTS_FILE.to_owned(),
        ];
        for name in workspace::crate_dirs(root).expect("crates") {
            files.push(format!("crates/{name}/Cargo.toml"));
        }
        for file in files {
            let to = dir.path().join(&file);
            std::fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
            std::fs::copy(root.join(&file), &to).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        dir
    }

    fn check(root: &Path) -> Result<(), String> {
        run(
            root,
            &Options {
                check: true,
                ..Options::default()
            },
        )
    }

    #[test]
    fn the_committed_files_regenerate_identically() {
        let copy = workspace_copy();
        let text = std::fs::read_to_string(copy.path().join(crate::openapi::facts::FACTS_FILE))
            .expect("the committed API description");
        let facts = crate::openapi::facts::read(&text).expect("readable");
        assert_eq!(
            crate::openapi::facts::count_operations(&facts.doc),
            179,
            "every operation of sipgate's document"
        );
        if let Err(drift) = check(copy.path()) {
            panic!("the committed generated files differ from what codegen makes:\n{drift}");
        }
        // and writing changes nothing either
        let before =
            std::fs::read_to_string(copy.path().join(crate::openapi::CLIENT_FILE)).expect("read");
        run(copy.path(), &Options::default()).expect("writes");
        let after =
            std::fs::read_to_string(copy.path().join(crate::openapi::CLIENT_FILE)).expect("read");
        assert_eq!(before, after);
    }

    #[test]
    fn a_hand_edit_of_any_generated_file_is_detected() {
        let copy = workspace_copy();
        let root = copy.path();
        // start from generated files that are up to date (whatever the working tree holds)
        run(root, &Options::default()).expect("regenerates");
        check(root).expect("up to date");
        let mut generated: Vec<String> = facade::generate(root)
            .expect("facade")
            .into_iter()
            .chain(
                crate::openapi::generate(root, crate::openapi::Source::Committed).expect("account"),
            )
            .map(|u| u.path)
            .collect();
        generated.push(crate::openapi::facts::FACTS_FILE.to_owned());
        assert_eq!(generated.len(), 8, "{generated:?}");
        for file in generated {
            let path = root.join(&file);
            let original = std::fs::read_to_string(&path).expect("read");
            let edited = if file.ends_with(".json") {
                // a fact changed by hand: an operation id
                original.replacen("\"operationId\": \"", "\"operationId\": \"x", 1)
            } else if let Some(start) = original.find(":start") {
                // a line added inside a marker region
                let end_of_line = start + original[start..].find('\n').expect("a line");
                format!(
                    "{}\nhand edit{}",
                    &original[..end_of_line],
                    &original[end_of_line..]
                )
            } else {
                // a generated Rust file: a line added after the header
                original.replacen('\n', "\n// hand edit\n", 1)
            };
            assert_ne!(edited, original, "{file}");
            std::fs::write(&path, &edited).expect("write");
            let err = check(root).expect_err(&file);
            assert!(err.contains(&file), "{file}: {err}");
            std::fs::write(&path, &original).expect("restore");
        }
        check(root).expect("restored");
    }
}
