//! [`HistoryEntryUpdate`] and how a set of updates becomes requests.

use serde::Serialize;
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::{Error, Result};
use sipgateio_types::HistoryEntryId;

/// The API accepts fewer than 150 entries per batch `PUT /history`.
pub const MAX_BATCH_SIZE: usize = 149;

/// Changes to one history entry. Fields left `None` stay as they are; an update with no
/// field set is not sent at all.
///
/// ```
/// use sipgateio_history::HistoryEntryUpdate;
///
/// let update = HistoryEntryUpdate::new().read(true).starred(false);
/// assert!(!update.is_empty());
/// assert!(HistoryEntryUpdate::default().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HistoryEntryUpdate {
    /// Archive (`true`) or unarchive (`false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// Star (`true`) or unstar (`false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starred: Option<bool>,
    /// Set the note. Entries with a note are updated one by one (the batch endpoint has no
    /// note field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Mark read (`true`) or unread (`false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<bool>,
}

impl HistoryEntryUpdate {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Archive (`true`) or unarchive (`false`).
    #[must_use]
    pub fn archived(mut self, archived: bool) -> Self {
        self.archived = Some(archived);
        self
    }

    /// Star (`true`) or unstar (`false`).
    #[must_use]
    pub fn starred(mut self, starred: bool) -> Self {
        self.starred = Some(starred);
        self
    }

    /// Set the note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Mark read (`true`) or unread (`false`).
    #[must_use]
    pub fn read(mut self, read: bool) -> Self {
        self.read = Some(read);
        self
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.archived.is_none()
            && self.starred.is_none()
            && self.note.is_none()
            && self.read.is_none()
    }
}

/// One element of the batch `PUT /history` body.
#[derive(Serialize)]
struct BatchItem {
    id: HistoryEntryId,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starred: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<bool>,
}

/// What a 400 on an update means.
pub(crate) const INVALID_UPDATE: &str = "invalid history update";

/// Turns updates into requests, validating every id first (so nothing is sent if one is bad):
/// updates with a note get their own `PUT /history/{id}`, the others go into batch
/// `PUT /history` requests of at most [`MAX_BATCH_SIZE`] entries; empty updates are dropped
/// and no empty batch is built.
pub(crate) fn plan(
    updates: impl IntoIterator<Item = (HistoryEntryId, HistoryEntryUpdate)>,
) -> Result<Vec<Request>> {
    let mut singles = Vec::new();
    let mut batch = Vec::new();
    for (id, update) in updates {
        if update.is_empty() {
            continue;
        }
        if update.note.is_some() {
            let path = format!("history/{}", path_segment("id", id.as_str())?);
            singles.push(Request::put(path).json(&update)?);
        } else {
            if id.as_str().is_empty() {
                return Err(Error::invalid_input("id", "must be a non-empty id"));
            }
            batch.push(BatchItem {
                id,
                archived: update.archived,
                starred: update.starred,
                read: update.read,
            });
        }
    }
    let mut requests = singles;
    for chunk in batch.chunks(MAX_BATCH_SIZE) {
        requests.push(Request::put("history").json(chunk)?);
    }
    Ok(requests
        .into_iter()
        .map(|r| r.on_status(400, INVALID_UPDATE))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(id: &str) -> HistoryEntryId {
        HistoryEntryId::new(id)
    }

    fn body(request: &Request) -> serde_json::Value {
        serde_json::from_slice(request.body().unwrap_or_default()).expect("json body")
    }

    #[test]
    fn splits_batches_below_150_and_separates_notes() {
        let mut updates: Vec<(HistoryEntryId, HistoryEntryUpdate)> = (0..320)
            .map(|i| (id(&format!("b{i}")), HistoryEntryUpdate::new().read(true)))
            .collect();
        updates.push((id("n1"), HistoryEntryUpdate::new().note("x").starred(true)));
        updates.push((id("skip"), HistoryEntryUpdate::new()));
        let requests = plan(updates).expect("valid");
        let paths: Vec<&str> = requests.iter().map(Request::path).collect();
        assert_eq!(paths, ["history/n1", "history", "history", "history"]);
        assert_eq!(
            body(&requests[0]),
            serde_json::json!({"note": "x", "starred": true})
        );
        let sizes: Vec<usize> = requests[1..]
            .iter()
            .map(|r| body(r).as_array().map_or(0, Vec::len))
            .collect();
        assert_eq!(sizes, [149, 149, 22]);
        assert_eq!(
            body(&requests[3])[21],
            serde_json::json!({"id": "b319", "read": true})
        );
    }

    #[test]
    fn no_empty_batch() {
        let requests = plan([(id("n"), HistoryEntryUpdate::new().note(""))]).expect("valid");
        assert_eq!(requests.len(), 1);
        assert!(plan(Vec::new()).expect("valid").is_empty());
        assert!(
            plan([(id("a"), HistoryEntryUpdate::new())])
                .expect("valid")
                .is_empty()
        );
    }

    #[test]
    fn empty_ids_are_rejected() {
        for update in [
            HistoryEntryUpdate::new().read(true),
            HistoryEntryUpdate::new().note("n"),
        ] {
            let error = plan([(id(""), update)]).expect_err("empty id");
            assert_eq!(error.invalid_field(), Some("id"));
        }
    }
}
