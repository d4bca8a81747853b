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

/// The `[features]` lines.
pub(crate) fn features(parts: &[Part]) -> Vec<String> {
    let mut lines: Vec<String> = parts
        .iter()
        .map(|p| format!("{} = [\"dep:{}\"]", p.feature, p.name))
        .collect();
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
            format!(
                "{} = {{ path = \"../{}\", version = \"{version}\", optional = true }}",
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
    lines.extend(parts.iter().map(|p| {
        format!(
            "| {} | {} | {} |",
            feature_cell(p),
            docs_rs(&p.name),
            p.summary
        )
    }));
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
    lines.extend(
        parts
            .iter()
            .map(|p| format!("| `{}` | {} | {} |", p.name, feature_cell(p), p.summary)),
    );
    lines
}

/// The attribute that makes docs.rs (built with `--cfg docsrs`) show which feature an item needs.
fn doc_cfg(part: &Part) -> String {
    format!(
        "#[cfg_attr(docsrs, doc(cfg(feature = \"{}\")))]",
        part.feature
    )
}

/// The facade's module re-exports.
pub(crate) fn reexports(parts: &[Part]) -> Vec<String> {
    let mut lines = Vec::new();
    for p in parts {
        lines.push(format!("#[cfg(feature = \"{}\")]", p.feature));
        lines.push(doc_cfg(p));
        lines.push("#[doc(inline)]".to_owned());
        lines.push(format!("pub use {} as {};", p.ident(), p.module()));
    }
    lines
}

/// The prelude's re-exports of the parts' extension traits (one `use` per item, sorted as
/// rustfmt sorts them).
pub(crate) fn prelude(parts: &[Part]) -> Vec<String> {
    let mut items: Vec<(&Part, String)> = parts
        .iter()
        .flat_map(|p| {
            p.prelude
                .iter()
                .map(move |item| (p, format!("{}::{item}", p.ident())))
        })
        .collect();
    items.sort_by(|a, b| a.1.cmp(&b.1));
    let mut lines = Vec::new();
    for (p, path) in items {
        lines.push(format!("#[cfg(feature = \"{}\")]", p.feature));
        lines.push(doc_cfg(p));
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

    fn part(name: &str, feature: &str, prelude: &[&str], full_exclude: bool) -> Part {
        Part {
            name: name.to_owned(),
            dir: name.to_owned(),
            feature: feature.to_owned(),
            summary: format!("{feature} things"),
            prelude: prelude.iter().map(|s| (*s).to_owned()).collect(),
            full_exclude,
        }
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
