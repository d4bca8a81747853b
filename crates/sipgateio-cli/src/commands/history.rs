//! `sipgateio history list|get|delete|export`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use sipgateio::Pagination;
use sipgateio::history::{
    Direction, EntryType, ExtensionId, HistoryEntry, HistoryEntryId, HistoryEntryUpdate,
    HistoryExt as _, HistoryFilter, MAX_PAGE_SIZE,
};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash};
use crate::parse;
use crate::terminal::safe_text;

/// `history` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum HistoryCommand {
    /// List history entries, newest first (JSON: the API's entry objects).
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Only entries with this phone number.
        #[arg(long)]
        phone_number: Option<String>,
        /// Skip this many entries.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Return at most this many entries (paged 1000 at a time, with a progress bar).
        #[arg(long, default_value_t = 50, conflicts_with = "all")]
        limit: u32,
        /// Return every matching entry.
        #[arg(long)]
        all: bool,
    },
    /// Show one entry (JSON: the API's entry object).
    Get {
        /// The entry id.
        id: String,
    },
    /// Star, archive, mark read or annotate entries (JSON: `{updated: n}`).
    Update {
        /// Entry ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Star (`true`) or unstar (`false`).
        #[arg(long)]
        starred: Option<bool>,
        /// Archive (`true`) or unarchive (`false`).
        #[arg(long)]
        archived: Option<bool>,
        /// Mark read (`true`) or unread (`false`).
        #[arg(long)]
        read: Option<bool>,
        /// Set the note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Delete entries by id (JSON: `{deleted: [ids]}`).
    Delete {
        /// Entry ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Export entries as sipgate's CSV (to stdout or `--output`).
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// Skip this many entries.
        #[arg(long)]
        offset: Option<u32>,
        /// Export at most this many entries.
        #[arg(long)]
        limit: Option<u32>,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// Filters shared by `list` and `export`.
#[derive(Args, Debug)]
pub(crate) struct FilterArgs {
    /// Entry types (repeatable).
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    types: Vec<TypeArg>,
    /// Directions (repeatable).
    #[arg(long = "direction", value_enum, value_name = "DIRECTION")]
    directions: Vec<DirectionArg>,
    /// Only entries of these extensions, e.g. `p0` (repeatable).
    #[arg(long = "connection-id", value_name = "ID")]
    connection_ids: Vec<String>,
    /// Only entries since this time (RFC 3339 or a date).
    #[arg(long, value_parser = parse::time)]
    since: Option<DateTime<Utc>>,
    /// Only entries until this time (RFC 3339 or a date).
    #[arg(long, value_parser = parse::time)]
    until: Option<DateTime<Utc>>,
    /// Only starred entries.
    #[arg(long)]
    starred: bool,
    /// Only archived entries.
    #[arg(long)]
    archived: bool,
}

/// Entry types.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum TypeArg {
    /// Calls.
    Call,
    /// Faxes.
    Fax,
    /// Text messages.
    Sms,
    /// Voicemails.
    Voicemail,
}

/// Directions.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum DirectionArg {
    /// Received.
    Incoming,
    /// Sent or dialled.
    Outgoing,
    /// Missed incoming calls.
    MissedIncoming,
    /// Missed outgoing calls.
    MissedOutgoing,
}

impl FilterArgs {
    fn to_filter(&self) -> HistoryFilter {
        let mut filter = HistoryFilter::new()
            .types(self.types.iter().map(|t| match t {
                TypeArg::Call => EntryType::Call,
                TypeArg::Fax => EntryType::Fax,
                TypeArg::Sms => EntryType::Sms,
                TypeArg::Voicemail => EntryType::Voicemail,
            }))
            .directions(self.directions.iter().map(|d| match d {
                DirectionArg::Incoming => Direction::Incoming,
                DirectionArg::Outgoing => Direction::Outgoing,
                DirectionArg::MissedIncoming => Direction::MissedIncoming,
                DirectionArg::MissedOutgoing => Direction::MissedOutgoing,
            }))
            .connection_ids(self.connection_ids.iter().map(ExtensionId::new));
        if let Some(since) = self.since {
            filter = filter.since(since);
        }
        if let Some(until) = self.until {
            filter = filter.until(until);
        }
        if self.starred {
            filter = filter.starred(true);
        }
        if self.archived {
            filter = filter.archived(true);
        }
        filter
    }
}

#[derive(Serialize)]
struct Updated {
    updated: usize,
}

#[derive(Serialize)]
struct Deleted {
    deleted: Vec<String>,
}

/// The columns of a history entry (table header, and the field names of `history get`).
const COLUMNS: [&str; 7] = [
    "id",
    "type",
    "direction",
    "created",
    "from",
    "to",
    "details",
];

/// Runs a `history` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: HistoryCommand) -> Result<(), Failure> {
    match command {
        HistoryCommand::List {
            filter,
            phone_number,
            offset,
            limit,
            all,
        } => {
            let mut filter = filter.to_filter();
            if let Some(number) = phone_number {
                sipgateio::validate::phone_number("phone_number", &number)?;
                filter = filter.phone_number(number);
            }
            filter.validate()?;
            let limit = if all { None } else { Some(limit) };
            let entries = list(ctx, &filter, offset, limit).await?;
            ctx.out.list(&entries, &COLUMNS, row)
        }
        HistoryCommand::Get { id } => {
            let entry = ctx
                .client()?
                .history()
                .get(&HistoryEntryId::new(id))
                .await?;
            ctx.out.show(&entry, || {
                let pairs: Vec<(&str, String)> = COLUMNS.into_iter().zip(row(&entry)).collect();
                fields(&pairs)
            })
        }
        HistoryCommand::Update {
            ids,
            starred,
            archived,
            read,
            note,
        } => {
            let mut update = HistoryEntryUpdate::new();
            if let Some(starred) = starred {
                update = update.starred(starred);
            }
            if let Some(archived) = archived {
                update = update.archived(archived);
            }
            if let Some(read) = read {
                update = update.read(read);
            }
            if let Some(note) = note {
                update = update.note(note);
            }
            if update.is_empty() {
                return Err(Failure::Usage(
                    "nothing to change: give --starred, --archived, --read or --note".into(),
                ));
            }
            let changes = ids
                .into_iter()
                .map(|id| (HistoryEntryId::new(id), update.clone()));
            let updated = Updated {
                updated: ctx.client()?.history().update_many(changes).await?,
            };
            ctx.out.show(&updated, || {
                format!(
                    "updated {} entr{}",
                    updated.updated,
                    if updated.updated == 1 { "y" } else { "ies" }
                )
            })
        }
        HistoryCommand::Delete { ids } => {
            let entry_ids: Vec<HistoryEntryId> = ids.iter().map(HistoryEntryId::new).collect();
            ctx.client()?.history().delete_many(&entry_ids).await?;
            let deleted = Deleted { deleted: ids };
            ctx.out.show(&deleted, || {
                format!(
                    "deleted {} entr{}: {}",
                    deleted.deleted.len(),
                    if deleted.deleted.len() == 1 {
                        "y"
                    } else {
                        "ies"
                    },
                    deleted.deleted.join(", ")
                )
            })
        }
        HistoryCommand::Export {
            filter,
            offset,
            limit,
            output,
        } => {
            let filter = filter.to_filter();
            filter.validate()?;
            let pagination = Pagination { offset, limit };
            let client = ctx.client()?;
            let bar = ctx.out.progress(None, "exporting history");
            let exported = export(&client, &filter, pagination, output.as_deref()).await;
            bar.finish_and_clear();
            exported
        }
    }
}

/// Streams the CSV export to a terminal line by line, each line made safe for it first
/// ([`safe_text`]): what callers put in their names cannot act on the terminal. Memory stays
/// one line and the pipe's 64 KiB.
async fn export_to_terminal(
    history: &sipgateio::history::HistoryClient,
    filter: &HistoryFilter,
    pagination: Pagination,
) -> Result<(), Failure> {
    let (mut csv, received) = tokio::io::duplex(64 * 1024);
    let exporting = async move {
        let exported = history.export_csv_to(filter, pagination, &mut csv).await;
        // The end of the export ends the lines below.
        drop(csv);
        exported
    };
    let showing = async move {
        let mut received = BufReader::new(received);
        let mut stdout = tokio::io::stdout();
        let mut line = Vec::new();
        loop {
            line.clear();
            if received.read_until(b'\n', &mut line).await? == 0 {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            stdout.write_all(safe_text(&text).as_bytes()).await?;
        }
        stdout.flush().await
    };
    // A failed stdout drops the pipe's reading end, which fails the export's next write.
    let (exported, shown) = tokio::join!(exporting, showing);
    shown.map_err(|error| Failure::io("cannot write to stdout", &error))?;
    exported.map(drop).map_err(Failure::from)
}

/// Streams the CSV export into `output` (or stdout) as it arrives, so an export of any size
/// needs no more memory than one chunk. A file is written under a `.part` name beside it and
/// renamed when the export is complete; a failed export removes it and leaves no half file.
async fn export(
    client: &sipgateio::Client,
    filter: &HistoryFilter,
    pagination: Pagination,
    output: Option<&std::path::Path>,
) -> Result<(), Failure> {
    let history = client.history();
    let Some(path) = output else {
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            return export_to_terminal(&history, filter, pagination).await;
        }
        let mut stdout = tokio::io::stdout();
        return match history.export_csv_to(filter, pagination, &mut stdout).await {
            Err(sipgateio::Error::Io(error)) => Err(Failure::io("cannot write to stdout", &error)),
            other => other.map(drop).map_err(Failure::from),
        };
    };
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let mut file = tokio::fs::File::create(&part)
        .await
        .map_err(|e| Failure::io(&format!("cannot write {}", part.display()), &e))?;
    let written = history.export_csv_to(filter, pagination, &mut file).await;
    drop(file);
    let finished = match written {
        Ok(_) => tokio::fs::rename(&part, path)
            .await
            .map_err(|e| Failure::io(&format!("cannot write {}", path.display()), &e)),
        Err(sipgateio::Error::Io(error)) => Err(Failure::io(
            &format!("cannot write {}", part.display()),
            &error,
        )),
        Err(error) => Err(Failure::from(error)),
    };
    if finished.is_err() {
        // Best effort: the export failed, and a half file must not look like a result.
        let _ = tokio::fs::remove_file(&part).await;
    }
    finished
}

/// Pages through the history (1000 entries a request) with a progress bar.
async fn list(
    ctx: &Ctx,
    filter: &HistoryFilter,
    offset: u32,
    limit: Option<u32>,
) -> Result<Vec<HistoryEntry>, Failure> {
    let history = ctx.client()?.history();
    let mut entries = Vec::new();
    let mut bar = None;
    loop {
        let wanted = limit.map_or(MAX_PAGE_SIZE, |limit| {
            limit
                .saturating_sub(u32::try_from(entries.len()).unwrap_or(u32::MAX))
                .min(MAX_PAGE_SIZE)
        });
        if wanted == 0 {
            break;
        }
        let at = offset.saturating_add(u32::try_from(entries.len()).unwrap_or(u32::MAX));
        let page = history.list(filter, Pagination::new(at, wanted)).await?;
        let bar = bar.get_or_insert_with(|| {
            let total = page
                .total_count
                .map(|t| t.saturating_sub(u64::from(offset)));
            let len = match (total, limit) {
                (Some(total), Some(limit)) => Some(total.min(u64::from(limit))),
                (total, None) => total,
                (None, Some(limit)) => Some(u64::from(limit)),
            };
            ctx.out.progress(len, "history")
        });
        let got = page.items.len();
        bar.inc(got as u64);
        entries.extend(page.items);
        let done = page
            .total_count
            .is_some_and(|t| u64::from(offset) + entries.len() as u64 >= t);
        if got < wanted as usize || done {
            break;
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(entries)
}

fn row(entry: &HistoryEntry) -> Vec<String> {
    let base = entry.base();
    let details = match entry {
        HistoryEntry::Call(call) => call.duration.map(|d| format!("{d}s")).unwrap_or_default(),
        HistoryEntry::Fax(fax) => fax
            .fax_status
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        HistoryEntry::Sms(sms) => sms.sms_content.chars().take(40).collect(),
        HistoryEntry::Voicemail(vm) => vm
            .transcription
            .as_deref()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect(),
        _ => String::new(),
    };
    vec![
        entry.id().to_string(),
        entry.kind().to_string(),
        base.map(|b| b.direction.to_string()).unwrap_or_default(),
        base.map(|b| b.created.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
        or_dash(base.map(|b| b.source.as_str())),
        or_dash(base.map(|b| b.target.as_str())),
        or_dash(Some(&details)),
    ]
}
