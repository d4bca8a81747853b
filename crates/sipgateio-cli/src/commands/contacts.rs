//! `sipgateio contacts list|create|update|delete|import|import-google|export`.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use futures_util::TryStreamExt as _;
use serde::Serialize;
use sipgateio::Secret;
use sipgateio::contacts::{
    ContactId, ContactsExt as _, CreateScope, Email, ListOptions, NewContact, PhoneNumber,
    ScopeFilter, parse_csv,
};
use sipgateio::contacts_format::parse_vcards;

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{ExportText, or_dash, write_export};

/// `contacts` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum ContactsCommand {
    /// List contacts (JSON: the API's contact objects).
    List {
        /// Which contacts.
        #[arg(long, value_enum, default_value_t = ScopeArg::All)]
        scope: ScopeArg,
        /// Skip this many contacts.
        #[arg(long)]
        offset: Option<u32>,
        /// Return at most this many contacts.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Only contacts with this number (E.164; repeatable).
        #[arg(long = "phone-number", value_name = "PHONE_NUMBER")]
        phone_numbers: Vec<String>,
    },
    /// Create a contact (JSON: `{status: "created", name, scope}`).
    Create {
        /// First name.
        #[arg(long, default_value = "")]
        given: String,
        /// Last name.
        #[arg(long, default_value = "")]
        family: String,
        /// Display name (default: "given family").
        #[arg(long)]
        name: Option<String>,
        /// A phone number, E.164 (repeatable).
        #[arg(long = "number", value_name = "NUMBER")]
        numbers: Vec<String>,
        /// An e-mail address (repeatable).
        #[arg(long = "email", value_name = "EMAIL")]
        emails: Vec<String>,
        /// Organization.
        #[arg(long)]
        organization: Option<String>,
        /// Where to create it.
        #[arg(long, value_enum, default_value_t = WriteScope::Private)]
        scope: WriteScope,
    },
    /// Change a contact: the fields given replace the contact's (`--number` and `--email`
    /// replace all its numbers or e-mails), the rest stays (JSON: the updated contact).
    Update {
        /// The contact's id (`contacts list` shows it).
        id: String,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
        /// First name.
        #[arg(long)]
        given: Option<String>,
        /// Last name.
        #[arg(long)]
        family: Option<String>,
        /// A phone number, E.164 (repeatable; replaces the contact's numbers).
        #[arg(long = "number", value_name = "NUMBER")]
        numbers: Vec<String>,
        /// An e-mail address (repeatable; replaces the contact's e-mails).
        #[arg(long = "email", value_name = "EMAIL")]
        emails: Vec<String>,
        /// Organization (replaces the contact's).
        #[arg(long)]
        organization: Option<String>,
        /// Move it to this scope.
        #[arg(long, value_enum)]
        scope: Option<WriteScope>,
    },
    /// Delete contacts by id (JSON: `{deleted: [ids]}`).
    Delete {
        /// Contact ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Import a `.csv` (columns firstname, lastname, number) or `.vcf` file; nothing is
    /// uploaded when any row or card is invalid (JSON: `{imported: n}`).
    Import {
        /// The file (`.csv`, `.vcf` or `.vcard`).
        file: PathBuf,
        /// Where vCard contacts are created (CSV imports are always private).
        #[arg(long, value_enum, default_value_t = WriteScope::Private)]
        scope: WriteScope,
    },
    /// Let sipgate import the contacts of a Google account. The Google OAuth access token is
    /// read from stdin, never from a flag, so it stays out of shell history and process lists
    /// (JSON: `{status: "requested"}`; sipgate says nothing about what it imported).
    ImportGoogle,
    /// Export contacts as CSV that `contacts import` reads back, every field as CSV
    /// (`csv-full`), JSON (`{contacts, totalCount}`) or one vCard 4.0 address book (to stdout or
    /// `--output`).
    Export {
        /// The format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Which contacts.
        #[arg(long, value_enum, default_value_t = ScopeArg::All)]
        scope: ScopeArg,
        /// The delimiter of `--format csv-full` (the importable `csv` uses commas).
        #[arg(long, default_value_t = ',')]
        delimiter: char,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// Which contacts to read.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ScopeArg {
    /// The user's own contacts.
    Private,
    /// The account's shared contacts.
    Shared,
    /// The account's users.
    Internal,
    /// All of them.
    All,
}

impl From<ScopeArg> for ScopeFilter {
    fn from(scope: ScopeArg) -> Self {
        match scope {
            ScopeArg::Private => Self::Private,
            ScopeArg::Shared => Self::Shared,
            ScopeArg::Internal => Self::Internal,
            ScopeArg::All => Self::All,
        }
    }
}

/// Where to write contacts.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum WriteScope {
    /// The user's own contacts.
    Private,
    /// The account's shared contacts.
    Shared,
}

impl From<WriteScope> for CreateScope {
    fn from(scope: WriteScope) -> Self {
        match scope {
            WriteScope::Private => Self::Private,
            WriteScope::Shared => Self::Shared,
        }
    }
}

/// Export formats.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum ExportFormat {
    /// CSV that `contacts import` (and sipgate's CSV import) reads back: `firstname,lastname,
    /// number`, one row per phone number; contacts without a number are left out.
    Csv,
    /// Every field as CSV, one row per contact (`id,name,emails,numbers,addresses,
    /// organization,scope`, lists as JSON; the Node library's `exportAsCsv`); not importable.
    CsvFull,
    /// One vCard 4.0 address book.
    Vcard,
    /// JSON: `{"contacts": [{id, name, emails, numbers, addresses, organizations, scope}],
    /// "totalCount": n}`.
    Json,
}

#[derive(Serialize)]
struct Created {
    status: &'static str,
    name: String,
    scope: String,
}

#[derive(Serialize)]
struct Deleted {
    deleted: Vec<String>,
}

#[derive(Serialize)]
struct GoogleImport {
    status: &'static str,
}

#[derive(Serialize)]
struct Imported {
    imported: usize,
}

/// Runs a `contacts` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: ContactsCommand) -> Result<(), Failure> {
    match command {
        ContactsCommand::List {
            scope,
            offset,
            limit,
            phone_numbers,
        } => {
            let mut options = ListOptions::new().limit(limit);
            if let Some(offset) = offset {
                options = options.offset(offset);
            }
            for number in phone_numbers {
                options = options.phone_number(number);
            }
            let page = ctx
                .client()?
                .contacts()
                .list(scope.into(), &options)
                .await?;
            ctx.out.list(
                &page.items,
                &["id", "name", "numbers", "emails", "scope"],
                |c| {
                    vec![
                        c.id.to_string(),
                        c.name.clone(),
                        or_dash(Some(&join(c.numbers.iter().map(|n| n.number.as_str())))),
                        or_dash(Some(&join(c.emails.iter().map(|e| e.email.as_str())))),
                        c.scope.to_string(),
                    ]
                },
            )
        }
        ContactsCommand::Create {
            given,
            family,
            name,
            numbers,
            emails,
            organization,
            scope,
        } => {
            let mut contact = NewContact::new(given, family);
            if let Some(name) = name {
                contact = contact.name(name);
            }
            for number in numbers {
                sipgateio::validate::phone_number("number", &number)?;
                contact = contact.number(PhoneNumber::new(number));
            }
            for email in emails {
                contact = contact.email(Email::new(email));
            }
            if let Some(organization) = organization {
                contact = contact.organization([organization]);
            }
            if contact.full_name().trim().is_empty() {
                return Err(Failure::invalid(
                    "a contact needs a name: give --given, --family or --name",
                ));
            }
            let scope = CreateScope::from(scope);
            ctx.client()?.contacts().create(&contact, scope).await?;
            let created = Created {
                status: "created",
                name: contact.full_name(),
                scope: scope.to_string(),
            };
            ctx.out.show(&created, || {
                format!("contact {:?} created ({})", created.name, created.scope)
            })
        }
        ContactsCommand::Update {
            id,
            name,
            given,
            family,
            numbers,
            emails,
            organization,
            scope,
        } => {
            for number in &numbers {
                sipgateio::validate::phone_number("number", number)?;
            }
            if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(Failure::invalid("invalid --name: must not be empty"));
            }
            let client = ctx.client()?.contacts();
            let wanted = ContactId::new(id.as_str());
            let found = client
                .stream(ScopeFilter::All, &ListOptions::new())
                .try_filter(|contact| std::future::ready(contact.id == wanted))
                .try_next()
                .await?;
            let Some(mut contact) = found else {
                return Err(Failure::Api(format!(
                    "contact not found: no contact with id {id}"
                )));
            };
            if let Some(given) = given {
                contact.given = Some(given);
            }
            if let Some(family) = family {
                contact.family = Some(family);
            }
            match name {
                Some(name) => contact.name = name,
                None if contact.given.is_some() || contact.family.is_some() => {
                    let (given, family) = contact.given_and_family();
                    let joined = format!("{given} {family}");
                    contact.name = joined.trim().to_owned();
                }
                None => {}
            }
            if !numbers.is_empty() {
                contact.numbers = numbers.into_iter().map(PhoneNumber::new).collect();
            }
            if !emails.is_empty() {
                contact.emails = emails.into_iter().map(Email::new).collect();
            }
            if let Some(organization) = organization {
                contact.organization = vec![vec![organization]];
            }
            if let Some(scope) = scope {
                contact.scope = CreateScope::from(scope).into();
            }
            client.update(&contact).await?;
            ctx.out.show(&contact, || {
                format!("contact {} updated ({:?})", contact.id, contact.name)
            })
        }
        ContactsCommand::Delete { ids } => {
            let contacts = ctx.client()?.contacts();
            for id in &ids {
                contacts.delete(&ContactId::new(id.as_str())).await?;
            }
            let deleted = Deleted { deleted: ids };
            ctx.out.show(&deleted, || {
                format!(
                    "deleted {} contact(s): {}",
                    deleted.deleted.len(),
                    deleted.deleted.join(", ")
                )
            })
        }
        ContactsCommand::Import { file, scope } => import(ctx, &file, scope.into()).await,
        ContactsCommand::ImportGoogle => {
            let mut token = String::new();
            std::io::stdin()
                .read_line(&mut token)
                .map_err(|e| Failure::io("cannot read the Google token from stdin", &e))?;
            let token = Secret::new(token.trim_end_matches(['\r', '\n']));
            ctx.client()?
                .contacts()
                .import_google(&token)
                .await
                .map_err(|e| Failure::from(e).flags(&[("google_token", "token on stdin")]))?;
            let result = GoogleImport {
                status: "requested",
            };
            ctx.out.show(&result, || {
                "sipgate is importing the Google contacts".to_owned()
            })
        }
        ContactsCommand::Export {
            format,
            scope,
            delimiter,
            output,
        } => {
            let client = ctx.client()?;
            let bar = ctx.out.progress(None, "exporting contacts");
            let options = ListOptions::new();
            let contacts = client.contacts();
            if delimiter != ',' && !matches!(format, ExportFormat::CsvFull) {
                bar.finish_and_clear();
                return Err(Failure::Usage(
                    "--delimiter applies to --format csv-full; the importable csv uses commas"
                        .into(),
                ));
            }
            let text = match format {
                ExportFormat::Csv => contacts
                    .export_import_csv(scope.into(), &options)
                    .await
                    .map(|export| export.document)
                    .map_err(Failure::from),
                ExportFormat::CsvFull => contacts
                    .export_csv(scope.into(), delimiter, &options)
                    .await
                    .map(|export| export.document)
                    .map_err(Failure::from),
                ExportFormat::Vcard => contacts
                    .export_address_book(scope.into(), &options)
                    .await
                    .map(|export| export.document)
                    .map_err(Failure::from),
                ExportFormat::Json => match contacts.export_json(scope.into(), &options).await {
                    Ok(export) => serde_json::to_string(&export.document)
                        .map(|mut json| {
                            json.push('\n');
                            json
                        })
                        .map_err(|e| Failure::Other(format!("cannot write the JSON export: {e}"))),
                    Err(error) => Err(Failure::from(error)),
                },
            };
            bar.finish_and_clear();
            let kind = if matches!(format, ExportFormat::Json) {
                ExportText::Json
            } else {
                ExportText::Text
            };
            write_export(output.as_deref(), &text?, kind)
        }
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Reads and checks the whole file first; uploads only when every row or card is valid.
async fn import(ctx: &Ctx, file: &Path, scope: CreateScope) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::invalid(format!("cannot read {}: {e}", file.display())))?;
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let imported = match extension.as_deref() {
        Some("csv") => {
            let rows = parse_csv(&text)
                .map_err(|e| Failure::invalid(format!("{}: {e}", file.display())))?;
            let client = ctx.client()?;
            let bar = ctx
                .out
                .progress(None, &format!("importing {} contacts", rows.rows().len()));
            let result = client.contacts().import_csv_rows(&rows).await;
            bar.finish_and_clear();
            result?
        }
        Some("vcf" | "vcard") => {
            let cards = parse_vcards(&text)
                .map_err(|e| Failure::invalid(format!("{}: {e}", file.display())))?;
            // Like the CSV import: numbers must be E.164, every bad one is reported at once.
            let problems: Vec<String> = cards
                .iter()
                .enumerate()
                .flat_map(|(index, card)| {
                    card.numbers.iter().filter_map(move |number| {
                        sipgateio::validate::phone_number("number", &number.number)
                            .err()
                            .map(|e| format!("card {} ({}): {e}", index + 1, card.full_name()))
                    })
                })
                .collect();
            if !problems.is_empty() {
                return Err(Failure::invalid(format!(
                    "{}: {} invalid number(s), nothing imported: {}",
                    file.display(),
                    problems.len(),
                    problems.join("; ")
                )));
            }
            let client = ctx.client()?.contacts();
            let bar = ctx.out.progress(Some(cards.len() as u64), "importing");
            for (done, card) in cards.iter().enumerate() {
                if let Err(error) = client.create(card, scope).await {
                    bar.finish_and_clear();
                    return Err(Failure::from(error).prefix(&format!(
                        "after {done} of {} contacts were imported",
                        cards.len()
                    )));
                }
                bar.inc(1);
            }
            bar.finish_and_clear();
            cards.len()
        }
        _ => {
            return Err(Failure::invalid(format!(
                "{}: cannot tell the format; name the file .csv, .vcf or .vcard",
                file.display()
            )));
        }
    };
    let result = Imported { imported };
    ctx.out
        .show(&result, || format!("imported {imported} contact(s)"))
}
