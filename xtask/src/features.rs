//! `cargo xtask features`: the facade compiles with each of its features alone.
//!
//! The facade's tests and examples turn on `full` through a dev-dependency on itself, so
//! `cargo test` never notices a feature that only compiles because another one is on (a
//! re-export of a type from a crate the feature does not enable, a prelude item behind the
//! wrong `cfg`). This check runs `cargo check` on the library target only (no dev-dependencies)
//! for no feature, every feature alone and `full`.

use std::path::Path;

use crate::workspace;

/// The feature sets to check: none, each part's feature (and each subset's, e.g.
/// `webhook-verify`) alone, then `full`.
pub(crate) fn feature_sets(features: &[String]) -> Vec<Option<String>> {
    let mut sets = vec![None];
    sets.extend(features.iter().cloned().map(Some));
    sets.push(Some("full".to_owned()));
    sets
}

/// The `cargo` arguments that check the facade with one feature set.
pub(crate) fn check_args(features: Option<&str>) -> Vec<String> {
    let mut args: Vec<String> = [
        "check",
        "--quiet",
        "-p",
        "sipgateio",
        "--lib",
        "--no-default-features",
    ]
    .map(str::to_owned)
    .to_vec();
    if let Some(features) = features {
        args.push("--features".to_owned());
        args.push(features.to_owned());
    }
    args
}

/// Checks the facade with every feature set, stopping at the first that fails.
pub(crate) fn check(root: &Path) -> Result<(), String> {
    let parts = workspace::parts(root)?;
    let features: Vec<String> = parts
        .iter()
        .flat_map(|p| p.features())
        .map(str::to_owned)
        .collect();
    for set in feature_sets(&features) {
        let label = set.as_deref().unwrap_or("(no features)");
        eprintln!("xtask features: sipgateio with {label}");
        let args = check_args(set.as_deref());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        workspace::run_in(root, "cargo", &args, &[])
            .map_err(|e| format!("the facade does not compile with {label}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_alone_then_full() {
        let sets = feature_sets(&["sms".to_owned(), "xml".to_owned()]);
        assert_eq!(
            sets,
            vec![
                None,
                Some("sms".to_owned()),
                Some("xml".to_owned()),
                Some("full".to_owned())
            ]
        );
    }

    #[test]
    fn checks_the_library_only_without_default_features() {
        assert_eq!(
            check_args(Some("webhook-settings")).join(" "),
            "check --quiet -p sipgateio --lib --no-default-features --features webhook-settings"
        );
        assert_eq!(
            check_args(None).join(" "),
            "check --quiet -p sipgateio --lib --no-default-features"
        );
    }
}
