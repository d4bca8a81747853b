//! Wire models generated from the sipgate OpenAPI document.

use std::path::Path;

use crate::facade::FileUpdate;

/// The crate folder (under `crates/`) that holds the generated models.
pub const CRATE_DIR: &str = "sipgateio-account";

/// Generates the wire models from the OpenAPI document at `spec`.
pub fn generate(_root: &Path, spec: &Path) -> Result<Vec<FileUpdate>, String> {
    Err(format!(
        "codegen --spec {}: the OpenAPI generator is not implemented yet",
        spec.display()
    ))
}
