//! The facade's generated parts: from the crates that declare `[package.metadata.sipgateio]`,
//! the `sipgateio` crate's features and optional dependencies, its re-exports and prelude, and
//! the crate tables of its docs and of the root README.

use std::path::Path;

use crate::markers::{Region, replace_region};
use crate::workspace::{self, Part};

/// The facade's manifest, relative to the workspace root.
pub(crate) const FACADE_MANIFEST: &str = "crates/sipgateio/Cargo.toml";
/// The facade's library root, relative to the workspace root.
pub(crate) const FACADE_LIB: &str = "crates/sipgateio/src/lib.rs";
/// The root README.
pub(crate) const README: &str = "README.md";

/// `[features]` of the facade: one per part, then `full`.
pub(crate) const FEATURES: Region<'static> =
    Region::new("# codegen:features:start", "# codegen:features:end");
/// `[dependencies]` of the facade: one optional dependency per part.
pub(crate) const DEPENDENCIES: Region<'static> =
    Region::new("# codegen:dependencies:start", "# codegen:dependencies:end");
/// The crate table in the facade's crate docs.
pub(crate) const DOC_TABLE: Region<'static> = Region::new(
    "<!-- codegen:crate-table:start -->",
    "<!-- codegen:crate-table:end -->",
);
/// The facade's `pub use sipgateio_xyz as xyz;` re-exports.
pub(crate) const REEXPORTS: Region<'static> =
    Region::new("// codegen:reexports:start", "// codegen:reexports:end");
/// The facade prelude's re-exports of every part's extension traits.
pub(crate) const PRELUDE: Region<'static> =
    Region::new("// codegen:prelude:start", "// codegen:prelude:end");
/// The crate table of the root README.
pub(crate) const README_TABLE: Region<'static> =
    Region::new("<!-- crate-table:start -->", "<!-- crate-table:end -->");

/// The `[features]` lines: one per part (and per subset, after its part), then `full`.
pub(crate) fn features(parts: &[Part]) -> Vec<String> {
    let feature = |feature: &str, name: &str, crate_features: &[String]| {
        let items: Vec<String> = std::iter::once(format!("\"dep:{name}\""))
            .chain(crate_features.iter().map(|f| format!("\"{name}/{f}\"")))
            .collect();
        format!("{feature} = [{}]", items.join(", "))
    };
    let mut lines = Vec::new();
    for p in parts {
        lines.push(feature(
            &p.feature,
            &p.name,
            p.crate_features.as_deref().unwrap_or_default(),
        ));
        for subset in &p.subsets {
            lines.push(feature(&subset.feature, &p.name, &subset.crate_features));
        }
    }
    // A subset is never in `full`: its part is, with all the subset offers.
    let full: Vec<&Part> = parts.iter().filter(|p| !p.full_exclude).collect();
    if full.is_empty() {
        lines.push("full = []".to_owned());
    } else {
        lines.push("full = [".to_owned());
        lines.extend(full.iter().map(|p| format!("    \"{}\",", p.feature)));
        lines.push("]".to_owned());
    }
    lines
}

/// The `[dependencies]` lines: path dependencies with the workspace's (lockstep) version, so the
/// release command's version bump covers them.
pub(crate) fn dependencies(parts: &[Part], version: &str) -> Vec<String> {
    parts
        .iter()
        .map(|p| {
            // A part that names its crate features gets exactly those (and its subsets theirs).
            let defaults = if p.crate_features.is_some() {
                ", default-features = false"
            } else {
                ""
            };
            format!(
                "{} = {{ path = \"../{}\", version = \"{version}\", optional = true{defaults} }}",
                p.name, p.dir
            )
        })
        .collect()
}

fn docs_rs(name: &str) -> String {
    format!("[`{name}`](https://docs.rs/{name})")
}

fn feature_cell(part: &Part) -> String {
    if part.full_exclude {
        format!("`{}` (not in `full`)", part.feature)
    } else {
        format!("`{}`", part.feature)
    }
}

/// The crate table of the facade's crate docs (inside `//!` lines).
pub(crate) fn doc_table(parts: &[Part]) -> Vec<String> {
    let mut lines = vec![
        "| feature | crate | what |".to_owned(),
        "|---|---|---|".to_owned(),
        "| (always) | [`sipgateio_core`] | client, credentials, errors, retries, pagination, validators |"
            .to_owned(),
    ];
    for p in parts {
        lines.push(format!(
            "| {} | {} | {} |",
            feature_cell(p),
            docs_rs(&p.name),
            p.summary
        ));
        lines.extend(
            p.subsets
                .iter()
                .map(|s| format!("| `{}` | {} | {} |", s.feature, docs_rs(&p.name), s.summary)),
        );
    }
    lines
}

/// The crate table of the root README: core and the facade first, then every part.
pub(crate) fn readme_table(parts: &[Part]) -> Vec<String> {
    let mut lines = vec![
        "| crate | facade feature | what it does |".to_owned(),
        "|---|---|---|".to_owned(),
        "| `sipgateio-core` | (always) | client, credentials, errors, retries, pagination, validators |"
            .to_owned(),
        "| `sipgateio` | — | facade: re-exports, `prelude`, one feature per part (`full` = all) |"
            .to_owned(),
    ];
    for p in parts {
        lines.push(format!(
            "| `{}` | {} | {} |",
            p.name,
            feature_cell(p),
            p.summary
        ));
        lines.extend(
            p.subsets
                .iter()
                .map(|s| format!("| `{}` | `{}` | {} |", p.name, s.feature, s.summary)),
        );
    }
    lines
}

/// The `cfg` predicate of items that any of `features` enables.
fn cfg_predicate(features: &[&str]) -> String {
    let each: Vec<String> = features
        .iter()
        .map(|f| format!("feature = \"{f}\""))
        .collect();
    match each.as_slice() {
        [one] => one.clone(),
        _ => format!("any({})", each.join(", ")),
    }
}

/// The `#[cfg]` line and the attribute that makes docs.rs (built with `--cfg docsrs`) show which
/// feature an item needs.
fn gate(features: &[&str]) -> [String; 2] {
    let predicate = cfg_predicate(features);
    [
        format!("#[cfg({predicate})]"),
        format!("#[cfg_attr(docsrs, doc(cfg({predicate})))]"),
    ]
}

/// The facade's module re-exports: a part's module comes with its feature and with each of its
/// subsets.
pub(crate) fn reexports(parts: &[Part]) -> Vec<String> {
    let mut lines = Vec::new();
    for p in parts {
        lines.extend(gate(&p.features()));
        lines.push("#[doc(inline)]".to_owned());
        lines.push(format!("pub use {} as {};", p.ident(), p.module()));
    }
    lines
}

/// The prelude's re-exports of the parts' extension traits and common types (one `use` per
/// item, sorted as rustfmt sorts them), each behind the features that list it: an item of a
/// part and of its subset comes with either, an item of the part alone (the webhook server)
/// only with the part.
pub(crate) fn prelude(parts: &[Part]) -> Vec<String> {
    let mut items: std::collections::BTreeMap<String, Vec<&str>> =
        std::collections::BTreeMap::new();
    for p in parts {
        let lists = std::iter::once((p.feature.as_str(), &p.prelude))
            .chain(p.subsets.iter().map(|s| (s.feature.as_str(), &s.prelude)));
        for (feature, list) in lists {
            for item in list {
                let features = items.entry(format!("{}::{item}", p.ident())).or_default();
                if !features.contains(&feature) {
                    features.push(feature);
                }
            }
        }
    }
    let mut lines = Vec::new();
    for (path, features) in items {
        lines.extend(gate(&features));
        lines.push(format!("pub use {path};"));
    }
    lines
}

/// A region and the lines to put in it.
type RegionLines = (Region<'static>, Vec<String>);

/// One generated file: its path relative to the workspace root, what is on disk and what the
/// generator produces.
#[derive(Debug)]
pub(crate) struct FileUpdate {
    /// Relative path.
    pub path: String,
    /// The current contents.
    pub current: String,
    /// The regenerated contents.
    pub generated: String,
}

/// Regenerates the facade's manifest, library root and the root README in memory.
pub(crate) fn generate(root: &Path) -> Result<Vec<FileUpdate>, String> {
    let parts = workspace::parts(root)?;
    let root_manifest_path = root.join("Cargo.toml");
    let root_manifest =
        workspace::parse_toml(&root_manifest_path, &workspace::read(&root_manifest_path)?)?;
    let version = workspace::workspace_version(&root_manifest)?;

    let edits: [(&str, Vec<RegionLines>); 3] = [
        (
            FACADE_MANIFEST,
            vec![
                (FEATURES, features(&parts)),
                (DEPENDENCIES, dependencies(&parts, &version)),
            ],
        ),
        (
            FACADE_LIB,
            vec![
                (DOC_TABLE, doc_table(&parts)),
                (REEXPORTS, reexports(&parts)),
                (PRELUDE, prelude(&parts)),
            ],
        ),
        (README, vec![(README_TABLE, readme_table(&parts))]),
    ];
    let mut updates = Vec::new();
    for (path, regions) in edits {
        let current = workspace::read(&root.join(path))?;
        let mut generated = current.clone();
        for (region, lines) in regions {
            generated =
                replace_region(&generated, region, &lines).map_err(|e| format!("{path}: {e}"))?;
        }
        updates.push(FileUpdate {
            path: path.to_owned(),
            current,
            generated,
        });
    }
    Ok(updates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Subset;

    fn part(name: &str, feature: &str, prelude: &[&str], full_exclude: bool) -> Part {
        Part {
            name: name.to_owned(),
            dir: name.to_owned(),
            feature: feature.to_owned(),
            summary: format!("{feature} things"),
            prelude: prelude.iter().map(|s| (*s).to_owned()).collect(),
            full_exclude,
            crate_features: None,
            subsets: Vec::new(),
        }
    }

    /// A part like the webhook crate: a server feature, and a subset without it.
    fn webhook() -> Part {
        Part {
            crate_features: Some(vec!["server".to_owned()]),
            subsets: vec![Subset {
                feature: "webhook-verify".to_owned(),
                crate_features: vec!["rsa".to_owned()],
                summary: "the check alone".to_owned(),
                prelude: vec!["Event".to_owned()],
            }],
            ..part("sipgateio-webhook", "webhook", &["Server", "Event"], false)
        }
    }

    #[test]
    fn a_part_with_crate_features_and_a_subset() {
        let parts = [webhook(), sample().remove(2)];
        assert_eq!(
            features(&parts),
            vec![
                "webhook = [\"dep:sipgateio-webhook\", \"sipgateio-webhook/server\"]",
                "webhook-verify = [\"dep:sipgateio-webhook\", \"sipgateio-webhook/rsa\"]",
                "webhook-settings = [\"dep:sipgateio-webhook-settings\"]",
                "full = [",
                "    \"webhook\",",
                "    \"webhook-settings\",",
                "]",
            ],
            "the subset follows its part and is not in `full`"
        );
        assert_eq!(
            dependencies(&parts, "1.0.0"),
            vec![
                "sipgateio-webhook = { path = \"../sipgateio-webhook\", version = \"1.0.0\", optional = true, default-features = false }",
                "sipgateio-webhook-settings = { path = \"../sipgateio-webhook-settings\", version = \"1.0.0\", optional = true }",
            ]
        );
        assert_eq!(
            reexports(&parts[..1]),
            vec![
                "#[cfg(any(feature = \"webhook\", feature = \"webhook-verify\"))]",
                "#[cfg_attr(docsrs, doc(cfg(any(feature = \"webhook\", feature = \"webhook-verify\"))))]",
                "#[doc(inline)]",
                "pub use sipgateio_webhook as webhook;",
            ]
        );
        assert_eq!(
            prelude(&parts[..1]),
            vec![
                "#[cfg(any(feature = \"webhook\", feature = \"webhook-verify\"))]",
                "#[cfg_attr(docsrs, doc(cfg(any(feature = \"webhook\", feature = \"webhook-verify\"))))]",
                "pub use sipgateio_webhook::Event;",
                "#[cfg(feature = \"webhook\")]",
                "#[cfg_attr(docsrs, doc(cfg(feature = \"webhook\")))]",
                "pub use sipgateio_webhook::Server;",
            ],
            "the server's item stays behind the part's feature"
        );
        let readme = readme_table(&parts);
        assert_eq!(
            readme[4..6],
            [
                "| `sipgateio-webhook` | `webhook` | webhook things |",
                "| `sipgateio-webhook` | `webhook-verify` | the check alone |",
            ]
        );
        let docs = doc_table(&parts);
        assert_eq!(
            docs[4],
            "| `webhook-verify` | [`sipgateio-webhook`](https://docs.rs/sipgateio-webhook) | the check alone |"
        );
    }

    fn sample() -> Vec<Part> {
        vec![
            part("sipgateio-sandbox", "sandbox", &[], true),
            part("sipgateio-sms", "sms", &["SmsExt"], false),
            part(
                "sipgateio-webhook-settings",
                "webhook-settings",
                &["WebhookSettingsExt", "Aa"],
                false,
            ),
        ]
    }

    #[test]
    fn features_list_every_part_and_full_leaves_out_excluded_ones() {
        assert_eq!(
            features(&sample()),
            vec![
                "sandbox = [\"dep:sipgateio-sandbox\"]",
                "sms = [\"dep:sipgateio-sms\"]",
                "webhook-settings = [\"dep:sipgateio-webhook-settings\"]",
                "full = [",
                "    \"sms\",",
                "    \"webhook-settings\",",
                "]",
            ]
        );
        assert_eq!(features(&[]), vec!["full = []"]);
    }

    #[test]
    fn dependencies_are_optional_path_dependencies_with_the_workspace_version() {
        assert_eq!(
            dependencies(&sample()[1..2], "0.3.0"),
            vec![
                "sipgateio-sms = { path = \"../sipgateio-sms\", version = \"0.3.0\", optional = true }"
            ]
        );
    }

    #[test]
    fn reexports_use_the_module_name() {
        let lines = reexports(&sample()[2..]);
        assert_eq!(
            lines,
            vec![
                "#[cfg(feature = \"webhook-settings\")]",
                "#[cfg_attr(docsrs, doc(cfg(feature = \"webhook-settings\")))]",
                "#[doc(inline)]",
                "pub use sipgateio_webhook_settings as webhook_settings;",
            ]
        );
    }

    #[test]
    fn prelude_items_are_sorted_and_gated() {
        assert_eq!(
            prelude(&sample()),
            vec![
                "#[cfg(feature = \"sms\")]",
                "#[cfg_attr(docsrs, doc(cfg(feature = \"sms\")))]",
                "pub use sipgateio_sms::SmsExt;",
                "#[cfg(feature = \"webhook-settings\")]",
                "#[cfg_attr(docsrs, doc(cfg(feature = \"webhook-settings\")))]",
                "pub use sipgateio_webhook_settings::Aa;",
                "#[cfg(feature = \"webhook-settings\")]",
                "#[cfg_attr(docsrs, doc(cfg(feature = \"webhook-settings\")))]",
                "pub use sipgateio_webhook_settings::WebhookSettingsExt;",
            ]
        );
    }

    #[test]
    fn tables_keep_core_and_facade_first() {
        let readme = readme_table(&sample());
        assert!(readme[2].starts_with("| `sipgateio-core` |"));
        assert!(readme[3].starts_with("| `sipgateio` |"));
        assert_eq!(
            readme[4],
            "| `sipgateio-sandbox` | `sandbox` (not in `full`) | sandbox things |"
        );
        assert_eq!(readme.len(), 7);
        let docs = doc_table(&sample());
        assert_eq!(
            docs[4],
            "| `sms` | [`sipgateio-sms`](https://docs.rs/sipgateio-sms) | sms things |"
        );
    }
}
