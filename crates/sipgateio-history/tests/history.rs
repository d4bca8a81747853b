//! Every history function against a mock sipgate API: method, path, exact query, body,
//! response mapping, error mapping and validation.

mod common;

use std::future::Future;
use std::pin::Pin;

use chrono::{Duration, TimeZone, Utc};
use common::{entry, expect, expect_json};
use futures_util::{StreamExt as _, TryStreamExt as _};
use serde_json::{Value, json};
use sipgateio_core::{Error, Pagination, Result};
use sipgateio_history::{
    CallStatus, Direction, EntryType, ExtensionId, FaxStatus, HistoryClient, HistoryEntry,
    HistoryEntryId, HistoryEntryUpdate, HistoryExt, HistoryFilter, StreamOptions,
};
use sipgateio_test_support::mock::{self, client, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request as SeenRequest, ResponseTemplate};

fn id(id: &str) -> HistoryEntryId {
    HistoryEntryId::new(id)
}

fn extensions(ids: &[&str]) -> Vec<ExtensionId> {
    ids.iter().copied().map(ExtensionId::new).collect()
}

fn full_filter() -> HistoryFilter {
    let since = Utc
        .with_ymd_and_hms(2020, 1, 2, 3, 4, 5)
        .single()
        .expect("date")
        + Duration::milliseconds(678);
    let until = Utc
        .with_ymd_and_hms(2020, 2, 1, 0, 0, 0)
        .single()
        .expect("date");
    HistoryFilter::new()
        .archived(false)
        .connection_ids(extensions(&["p0", "f1"]))
        .directions([Direction::Incoming, Direction::MissedOutgoing])
        .since(since)
        .starred(true)
        .until(until)
        .types([EntryType::Fax, EntryType::Sms])
        .phone_number("+4921112345")
}

/// The query Node sends for `full_filter()` with offset 5 and limit 10 (node-behaviour 6.1).
const FULL_QUERY: &str = "archived=false&connectionIds=p0&connectionIds=f1\
    &directions=INCOMING&directions=MISSED_OUTGOING&from=2020-01-02T03%3A04%3A05.678Z\
    &starred=STARRED&to=2020-02-01T00%3A00%3A00.000Z&types=FAX&types=SMS\
    &phonenumber=%2B4921112345&offset=5&limit=10";

#[tokio::test]
async fn list_sends_every_filter_and_types_the_entries() {
    let server = MockServer::start().await;
    expect(
        &server,
        "GET",
        "/v2/history",
        Some(FULL_QUERY),
        ResponseTemplate::new(200).set_body_json(json!({
            "items": [entry("1", "CALL"), entry("2", "FAX"), entry("3", "SMS"),
                      entry("4", "VOICEMAIL"), entry("5", "HOLOGRAM")],
            "totalCount": 17
        })),
        1,
    )
    .await;
    let page = client(&server)
        .history()
        .list(&full_filter(), Pagination::new(5, 10))
        .await
        .expect("entries");
    assert_eq!(page.total_count, Some(17));
    let entries = page.items;
    assert_eq!(entries.len(), 5);
    assert!(
        matches!(&entries[0], HistoryEntry::Call(c) if c.call_id == "c1" && c.duration == Some(42) && c.call_status == Some(CallStatus::Success))
    );
    assert!(
        matches!(&entries[1], HistoryEntry::Fax(f) if f.fax_status == Some(FaxStatus::Sent) && f.page_count == Some(1))
    );
    assert!(matches!(&entries[2], HistoryEntry::Sms(s) if s.sms_content == "hello"));
    assert!(
        matches!(&entries[3], HistoryEntry::Voicemail(v) if v.recording_url.as_deref() == Some("https://r"))
    );
    let HistoryEntry::Unknown(unknown) = &entries[4] else {
        panic!("expected the unknown fallback, got {:?}", entries[4]);
    };
    assert_eq!(unknown.kind, "HOLOGRAM");
    assert_eq!(unknown.raw, entry("5", "HOLOGRAM"));
    assert_eq!(entries[4].id(), "5");
}

#[tokio::test]
async fn list_keeps_the_total_and_an_empty_filter_sends_no_query() {
    let server = MockServer::start().await;
    expect(
        &server,
        "GET",
        "/v2/history",
        Some(""),
        ResponseTemplate::new(200).set_body_json(json!({
            "items": [entry("1", "SMS")], "totalCount": 31
        })),
        1,
    )
    .await;
    let page = client(&server)
        .history()
        .list(&HistoryFilter::default(), Pagination::default())
        .await
        .expect("page");
    assert_eq!(page.total_count, Some(31));
    assert_eq!(page.items.len(), 1);
}

#[tokio::test]
async fn a_malformed_entry_is_a_decode_error_naming_it() {
    let server = MockServer::start().await;
    let mut bad = entry("2", "CALL");
    bad["duration"] = json!("long");
    Mock::given(method("GET"))
        .and(path("/v2/history"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [entry("1", "SMS"), bad], "totalCount": 2})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .history()
        .list(&HistoryFilter::new(), Pagination::default())
        .await
        .expect_err("bad duration");
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.path(), "items[1]");
    assert!(
        decode.message().contains("duration"),
        "{}",
        decode.message()
    );
}

#[tokio::test]
async fn get_uses_the_same_fax_status_name() {
    let server = MockServer::start().await;
    expect(
        &server,
        "GET",
        "/v2/history/2",
        None,
        ResponseTemplate::new(200).set_body_json(entry("2", "FAX")),
        1,
    )
    .await;
    expect(
        &server,
        "GET",
        "/v2/history/a%2Fb",
        None,
        ResponseTemplate::new(200).set_body_json(entry("a/b", "SMS")),
        1,
    )
    .await;
    let history = client(&server).history();
    let fax = history.get(&id("2")).await.expect("fax");
    assert!(matches!(&fax, HistoryEntry::Fax(f) if f.fax_status == Some(FaxStatus::Sent)));
    assert_eq!(fax.id(), &id("2"));
    let sms = history.get(&id("a/b")).await.expect("encoded id");
    assert_eq!(sms.id(), "a/b");
    assert_eq!(sms.kind(), EntryType::Sms);
}

#[tokio::test]
async fn delete_one() {
    let server = MockServer::start().await;
    expect(
        &server,
        "DELETE",
        "/v2/history/123",
        Some(""),
        ResponseTemplate::new(204),
        1,
    )
    .await;
    client(&server)
        .history()
        .delete(&id("123"))
        .await
        .expect("deleted");
    assert!(received(&server).await[0].body.is_empty());
}

#[tokio::test]
async fn delete_many_repeats_the_id_key() {
    let server = MockServer::start().await;
    expect(
        &server,
        "DELETE",
        "/v2/history",
        Some("id=a1&id=b2&id=c%2B3"),
        ResponseTemplate::new(204),
        1,
    )
    .await;
    let history = client(&server).history();
    history
        .delete_many(&[id("a1"), id("b2"), id("c+3")])
        .await
        .expect("deleted");
    assert!(received(&server).await[0].body.is_empty());
}

#[tokio::test]
async fn delete_many_chunks_long_lists_and_sends_nothing_for_none() {
    let server = MockServer::start().await;
    expect(
        &server,
        "DELETE",
        "/v2/history",
        None,
        ResponseTemplate::new(204),
        3,
    )
    .await;
    let history = client(&server).history();
    history.delete_many(&[]).await.expect("nothing to do");
    assert!(received(&server).await.is_empty());
    let ids: Vec<HistoryEntryId> = (0..250).map(|i| id(&format!("e{i}"))).collect();
    history.delete_many(&ids).await.expect("deleted");
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    for request in received(&server).await {
        let chunk: Vec<String> = request
            .url
            .query_pairs()
            .map(|(k, v)| {
                assert_eq!(k, "id");
                v.into_owned()
            })
            .collect();
        sizes.push(chunk.len());
        seen.extend(chunk);
    }
    assert_eq!(sizes, [100, 100, 50]);
    let ids: Vec<&str> = ids.iter().map(HistoryEntryId::as_str).collect();
    assert_eq!(seen, ids);
}

/// Entries `e0..e{n}` as typed history entries.
fn entries(n: usize) -> Vec<HistoryEntry> {
    (0..n)
        .map(|i| serde_json::from_value(entry(&format!("e{i}"), "SMS")).expect("entry"))
        .collect()
}

fn batch_bodies(requests: &[SeenRequest]) -> Vec<Vec<Value>> {
    requests
        .iter()
        .filter(|r| r.method.as_str() == "PUT" && r.url.path() == "/v2/history")
        .map(|r| serde_json::from_slice::<Vec<Value>>(&r.body).expect("batch body is a JSON array"))
        .collect()
}

#[tokio::test]
async fn update_many_splits_batches_below_150_and_puts_notes_one_by_one() {
    let server = MockServer::start().await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/e7",
        json!({"note": "call back", "starred": true}),
        1,
    )
    .await;
    expect_json(&server, "PUT", "/v2/history/e8", json!({"note": ""}), 1).await;
    expect(
        &server,
        "PUT",
        "/v2/history",
        None,
        ResponseTemplate::new(204),
        3,
    )
    .await;
    let all = entries(330);
    let left_alone = |id: &str| {
        id.strip_prefix('e')
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| (10..20).contains(&n))
    };
    let change = |entry: &HistoryEntry| match entry.id().as_str() {
        "e7" => HistoryEntryUpdate::new().note("call back").starred(true),
        "e8" => HistoryEntryUpdate::new().note(""),
        "e0" => HistoryEntryUpdate::new()
            .archived(true)
            .read(false)
            .starred(false),
        // No request for these ten.
        id if left_alone(id) => HistoryEntryUpdate::new(),
        _ => HistoryEntryUpdate::new().read(true),
    };
    let updated = client(&server)
        .history()
        .update_many(all.iter().map(|entry| (entry.id(), change(entry))))
        .await
        .expect("updated");
    assert_eq!(updated, 320);
    let requests = received(&server).await;
    let batches = batch_bodies(&requests);
    let mut sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [20, 149, 149]);
    let items: Vec<&Value> = batches.iter().flatten().collect();
    assert!(
        items.contains(&&json!({"id": "e0", "archived": true, "starred": false, "read": false}))
    );
    assert!(items.contains(&&json!({"id": "e1", "read": true})));
    assert!(items.contains(&&json!({"id": "e329", "read": true})));
    let ids: Vec<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(ids.len(), 318);
    assert!(
        !ids.iter()
            .any(|id| *id == "e7" || *id == "e8" || left_alone(id))
    );
}

#[tokio::test]
async fn update_many_sends_no_empty_batch() {
    let server = MockServer::start().await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/e0",
        json!({"note": "only a note", "read": true}),
        1,
    )
    .await;
    expect(
        &server,
        "PUT",
        "/v2/history",
        None,
        ResponseTemplate::new(204),
        0,
    )
    .await;
    let history = client(&server).history();
    let all = entries(3);
    let updated = history
        .update_many(all.iter().map(|entry| {
            let update = if entry.id() == "e0" {
                HistoryEntryUpdate::new().note("only a note").read(true)
            } else {
                HistoryEntryUpdate::default()
            };
            (entry.id(), update)
        }))
        .await
        .expect("updated");
    assert_eq!(updated, 1);
    let none = history
        .update_many(
            all.iter()
                .map(|entry| (entry.id(), HistoryEntryUpdate::default())),
        )
        .await
        .expect("nothing to do");
    assert_eq!(none, 0);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn update_and_update_many() {
    let server = MockServer::start().await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/x%20y",
        json!({"archived": true, "note": "n"}),
        1,
    )
    .await;
    expect_json(&server, "PUT", "/v2/history/z", json!({"read": false}), 1).await;
    let batch = json!([{"id": "a", "starred": true}, {"id": "b", "archived": false}]);
    expect_json(&server, "PUT", "/v2/history", batch, 1).await;
    let history = client(&server).history();
    history
        .update(
            &id("x y"),
            &HistoryEntryUpdate::new().archived(true).note("n"),
        )
        .await
        .expect("single");
    // Without a note it is still a PUT of this one entry, not a batch.
    history
        .update(&id("z"), &HistoryEntryUpdate::new().read(false))
        .await
        .expect("single without note");
    let count = history
        .update_many([
            (id("a"), HistoryEntryUpdate::new().starred(true)),
            (id("b"), HistoryEntryUpdate::new().archived(false)),
        ])
        .await
        .expect("batch");
    assert_eq!(count, 2);
    history
        .update(&id("z"), &HistoryEntryUpdate::new())
        .await
        .expect("empty update sends nothing");
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn export_csv_returns_the_server_text() {
    let server = MockServer::start().await;
    let csv = "id,source,target\n1,+4921100000,+4915739777777\n2,ä,ö\n";
    expect(
        &server,
        "GET",
        "/v2/history/export",
        Some("archived=true&starred=UNSTARRED&limit=1"),
        ResponseTemplate::new(200).set_body_raw(csv, "application/octet-stream"),
        1,
    )
    .await;
    let filter = HistoryFilter::new().archived(true).starred(false);
    let text = client(&server)
        .history()
        .export_csv(
            &filter,
            Pagination {
                offset: None,
                limit: Some(1),
            },
        )
        .await
        .expect("csv");
    assert_eq!(text, csv);
}

#[tokio::test]
async fn export_sends_the_filter_without_phone_number() {
    let server = MockServer::start().await;
    let mut filter = full_filter();
    filter.phone_number = None;
    expect(&server, "GET", "/v2/history/export", Some("archived=false&connectionIds=p0&connectionIds=f1\
             &directions=INCOMING&directions=MISSED_OUTGOING&from=2020-01-02T03%3A04%3A05.678Z\
             &starred=STARRED&to=2020-02-01T00%3A00%3A00.000Z&types=FAX&types=SMS&offset=5&limit=10",), ResponseTemplate::new(200).set_body_string("id\n"), 1).await;
    let text = client(&server)
        .history()
        .export_csv(&filter, Pagination::new(5, 10))
        .await
        .expect("csv");
    assert_eq!(text, "id\n");
}

/// A writer that records how it was written to.
#[derive(Default)]
struct Recorder {
    data: Vec<u8>,
    writes: usize,
    flushed: bool,
}

impl tokio::io::AsyncWrite for Recorder {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.writes += 1;
        self.data.extend_from_slice(buf);
        std::task::Poll::Ready(Ok(buf.len()))
    }
    fn poll_flush(
        mut self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.flushed = true;
        std::task::Poll::Ready(Ok(()))
    }
    fn poll_shutdown(
        self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn export_csv_to_streams_everything_into_the_writer() {
    let server = MockServer::start().await;
    let mut csv = String::from("id,source,target,note\n");
    for i in 0..40_000 {
        csv.push_str(&format!(
            "{i},+4921100{i:05},+4915739777777,\"ü, \"\"quoted\"\"\"\n"
        ));
    }
    expect(
        &server,
        "GET",
        "/v2/history/export",
        Some("types=CALL"),
        ResponseTemplate::new(200).set_body_raw(csv.clone(), "text/csv"),
        1,
    )
    .await;
    let mut writer = Recorder::default();
    let written = client(&server)
        .history()
        .export_csv_to(
            &HistoryFilter::new().types([EntryType::Call]),
            Pagination::default(),
            &mut writer,
        )
        .await
        .expect("exported");
    assert_eq!(written, csv.len() as u64);
    assert_eq!(writer.data, csv.as_bytes());
    assert!(writer.flushed);
    // A body of ~2 MB arrives in several chunks, each written as it comes.
    assert!(writer.writes > 1, "{} writes", writer.writes);
}

#[tokio::test]
async fn export_csv_is_capped_by_max_response_bytes_and_export_csv_to_is_not() {
    let server = MockServer::start().await;
    let csv = format!("id,note\n{}", "1,a note of some length\n".repeat(200));
    expect(
        &server,
        "GET",
        "/v2/history/export",
        Some(""),
        ResponseTemplate::new(200).set_body_raw(csv.clone(), "text/csv"),
        2,
    )
    .await;
    let capped = mock::builder(&server)
        .max_response_bytes(1024)
        .build()
        .expect("valid configuration");
    let history = capped.history();

    let error = history
        .export_csv(&HistoryFilter::new(), Pagination::default())
        .await
        .expect_err("larger than the limit");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert!(error.to_string().contains("max_response_bytes"), "{error}");

    let mut writer = Recorder::default();
    let written = history
        .export_csv_to(&HistoryFilter::new(), Pagination::default(), &mut writer)
        .await
        .expect("streams past the limit");
    assert_eq!(written, csv.len() as u64);
    assert_eq!(writer.data, csv.as_bytes());
}

struct Broken;

impl tokio::io::AsyncWrite for Broken {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        _: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(Err(std::io::Error::other("disk full")))
    }
    fn poll_flush(
        self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
    fn poll_shutdown(
        self: Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn export_csv_to_reports_a_failing_writer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/history/export"))
        .respond_with(ResponseTemplate::new(200).set_body_string("id\n1\n"))
        .mount(&server)
        .await;
    let error = client(&server)
        .history()
        .export_csv_to(&HistoryFilter::new(), Pagination::default(), &mut Broken)
        .await
        .expect_err("the writer fails");
    assert!(matches!(error, Error::Io(_)), "{error:?}");
    assert!(
        std::error::Error::source(&error).is_some_and(|s| s.to_string() == "disk full"),
        "{error:?}"
    );
}

/// Answers `GET /history` like the API over `total` SMS entries, honouring offset and limit.
fn paged_history(total: usize) -> impl Fn(&SeenRequest) -> ResponseTemplate {
    move |request: &SeenRequest| {
        let param = |key: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let offset = param("offset").unwrap_or(0);
        let limit = param("limit").unwrap_or(10);
        let items: Vec<Value> = (offset..(offset + limit).min(total))
            .map(|i| entry(&format!("e{i}"), "SMS"))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"items": items, "totalCount": total}))
    }
}

#[tokio::test]
async fn stream_pages_lazily_through_every_matching_entry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/history"))
        .respond_with(paged_history(2_345))
        .mount(&server)
        .await;
    let filter = HistoryFilter::new()
        .types([EntryType::Sms])
        .phone_number("+4921100000");
    let history = client(&server).history();
    let ids: Vec<HistoryEntryId> = history
        .stream(&filter)
        .map_ok(|e| e.id().clone())
        .try_collect()
        .await
        .expect("all entries");
    assert_eq!(ids.len(), 2_345);
    assert_eq!(ids[0], "e0");
    assert_eq!(ids[2_344], "e2344");
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "types=SMS&phonenumber=%2B4921100000&offset=0&limit=1000",
            "types=SMS&phonenumber=%2B4921100000&offset=1000&limit=1000",
            "types=SMS&phonenumber=%2B4921100000&offset=2000&limit=1000",
        ]
    );
}

#[tokio::test]
async fn stream_fetches_only_what_is_used_and_clamps_the_page_size() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/history"))
        .respond_with(paged_history(50))
        .mount(&server)
        .await;
    let history = client(&server).history();
    let first: Vec<HistoryEntry> = history
        .stream_with(&HistoryFilter::new(), StreamOptions::new().page_size(20))
        .take(25)
        .try_collect()
        .await
        .expect("entries");
    assert_eq!(first.len(), 25);
    let queries: Vec<Option<String>> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().map(str::to_owned))
        .collect();
    assert_eq!(
        queries,
        [
            Some("offset=0&limit=20".to_owned()),
            Some("offset=20&limit=20".to_owned())
        ]
    );
    let all: Vec<HistoryEntry> = history
        .stream_with(
            &HistoryFilter::new(),
            StreamOptions::new().page_size(50_000),
        )
        .try_collect()
        .await
        .expect("entries");
    assert_eq!(all.len(), 50);
    let last = received(&server).await;
    assert_eq!(last[2].url.query(), Some("offset=0&limit=1000"));
}

#[tokio::test]
async fn stream_with_sends_the_filter_and_clamps_a_page_size_set_directly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/history"))
        .respond_with(paged_history(2))
        .mount(&server)
        .await;
    let mut options = StreamOptions::new();
    options.page_size = 0;
    let filter = HistoryFilter::new()
        .types([EntryType::Sms])
        .connection_ids(extensions(&["s0"]));
    let ids: Vec<HistoryEntryId> = client(&server)
        .history()
        .stream_with(&filter, options)
        .map_ok(|e| e.id().clone())
        .try_collect()
        .await
        .expect("entries");
    assert_eq!(ids, [id("e0"), id("e1")]);
    // The total count (2) is reached after the second page: no third request.
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| {
            format!(
                "{} {}?{}",
                r.method,
                r.url.path(),
                r.url.query().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        queries,
        [
            "GET /v2/history?connectionIds=s0&types=SMS&offset=0&limit=1",
            "GET /v2/history?connectionIds=s0&types=SMS&offset=1&limit=1",
        ]
    );
}

#[tokio::test]
async fn stream_ends_on_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/history"))
        .respond_with(ResponseTemplate::new(403))
        .mount(&server)
        .await;
    let results: Vec<Result<HistoryEntry>> = client(&server)
        .history()
        .stream(&HistoryFilter::new())
        .collect()
        .await;
    assert_eq!(results.len(), 1);
    assert!(matches!(results[0], Err(Error::Forbidden(_))));
}

type Action = fn(HistoryClient) -> Pin<Box<dyn Future<Output = Result<()>> + Send>>;

/// Every request-sending function, with the method and path it uses.
fn actions() -> Vec<(&'static str, &'static str, &'static str, Action)> {
    vec![
        ("list", "GET", "/v2/history", |h| {
            Box::pin(async move {
                h.list(&HistoryFilter::new(), Pagination::first(5))
                    .await
                    .map(drop)
            })
        }),
        ("stream", "GET", "/v2/history", |h| {
            Box::pin(async move {
                h.stream(&HistoryFilter::new())
                    .try_collect::<Vec<_>>()
                    .await
                    .map(drop)
            })
        }),
        ("stream_with", "GET", "/v2/history", |h| {
            Box::pin(async move {
                h.stream_with(&HistoryFilter::new(), StreamOptions::new().page_size(3))
                    .try_collect::<Vec<_>>()
                    .await
                    .map(drop)
            })
        }),
        ("get", "GET", "/v2/history/1", |h| {
            Box::pin(async move { h.get(&id("1")).await.map(drop) })
        }),
        ("delete", "DELETE", "/v2/history/1", |h| {
            Box::pin(async move { h.delete(&id("1")).await })
        }),
        ("delete_many", "DELETE", "/v2/history", |h| {
            Box::pin(async move { h.delete_many(&[id("1"), id("2")]).await })
        }),
        ("update", "PUT", "/v2/history/1", |h| {
            Box::pin(async move {
                h.update(&id("1"), &HistoryEntryUpdate::new().note("n"))
                    .await
            })
        }),
        ("update_many", "PUT", "/v2/history", |h| {
            Box::pin(async move {
                h.update_many([(id("1"), HistoryEntryUpdate::new().read(true))])
                    .await
                    .map(drop)
            })
        }),
        ("export_csv", "GET", "/v2/history/export", |h| {
            Box::pin(async move {
                h.export_csv(&HistoryFilter::new(), Pagination::default())
                    .await
                    .map(drop)
            })
        }),
        ("export_csv_to", "GET", "/v2/history/export", |h| {
            Box::pin(async move {
                let mut sink = Vec::new();
                h.export_csv_to(&HistoryFilter::new(), Pagination::default(), &mut sink)
                    .await
                    .map(drop)
            })
        }),
    ]
}

async fn answer_with(status: u16) -> Vec<(&'static str, Error)> {
    let mut errors = Vec::new();
    for (name, verb, at, action) in actions() {
        let server = MockServer::start().await;
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(ResponseTemplate::new(status).set_body_string(r#"{"message":"nope"}"#))
            .expect(1)
            .mount(&server)
            .await;
        let error = action(client(&server).history())
            .await
            .expect_err("the server answered an error");
        errors.push((name, error));
    }
    errors
}

#[tokio::test]
async fn status_400_means_invalid_filter_or_update() {
    for (name, error) in answer_with(400).await {
        assert!(
            matches!(&error, Error::Api(api) if api.status() == 400),
            "{name}: {error:?}"
        );
        let text = error.to_string();
        let meaning = match name {
            "update" | "update_many" => "invalid history update",
            "delete_many" => "invalid history entry ids",
            "get" | "delete" => "HTTP 400 (server: nope)",
            _ => "invalid filter or pagination input",
        };
        assert!(text.contains(meaning), "{name}: {text}");
        assert!(text.contains("nope"), "{name}: {text}");
    }
}

#[tokio::test]
async fn status_404_means_history_entry_not_found() {
    for (name, error) in answer_with(404).await {
        assert!(matches!(error, Error::NotFound(_)), "{name}: {error:?}");
        assert!(
            error
                .to_string()
                .contains("history entry could not be found"),
            "{name}: {error}"
        );
    }
}

#[tokio::test]
async fn other_statuses_map_to_core_errors() {
    for (name, error) in answer_with(401).await {
        assert!(matches!(error, Error::Unauthorized(_)), "{name}: {error:?}");
    }
    for (name, error) in answer_with(403).await {
        assert!(matches!(error, Error::Forbidden(_)), "{name}: {error:?}");
    }
    for (name, error) in answer_with(500).await {
        assert!(
            matches!(&error, Error::Api(api) if api.status() == 500),
            "{name}: {error:?}"
        );
        assert!(!error.to_string().contains("not found"), "{name}");
    }
}

/// Runs `check` against a server that must see no request.
async fn without_requests<F, Fut>(check: F)
where
    F: FnOnce(HistoryClient) -> Fut,
    Fut: Future<Output = ()>,
{
    let server = MockServer::start().await;
    check(client(&server).history()).await;
    assert!(received(&server).await.is_empty(), "a request was sent");
}

#[tokio::test]
async fn invalid_connection_ids_send_nothing() {
    without_requests(|history| async move {
        for bad in ["p01", "e-18", "", "x", "P0", "p0 "] {
            let filter = HistoryFilter::new().connection_ids(extensions(&["f0", bad]));
            let fetch = history.list(&filter, Pagination::default()).await;
            let export = history.export_csv(&filter, Pagination::default()).await;
            let stream: Vec<_> = history.stream(&filter).collect().await;
            assert_eq!(stream.len(), 1);
            for error in [
                fetch.map(drop).expect_err(bad),
                export.map(drop).expect_err(bad),
                stream
                    .into_iter()
                    .next()
                    .expect("one item")
                    .map(drop)
                    .expect_err(bad),
            ] {
                assert_eq!(error.invalid_field(), Some("connection_ids"), "{bad:?}");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn since_after_until_and_out_of_range_pagination_send_nothing() {
    without_requests(|history| async move {
        let now = Utc::now();
        let backwards = HistoryFilter::new()
            .since(now)
            .until(now - Duration::seconds(1));
        let error = history
            .list(&backwards, Pagination::default())
            .await
            .expect_err("since after until");
        assert_eq!(error.invalid_field(), Some("until"));
        let error = history
            .export_csv(&backwards, Pagination::default())
            .await
            .expect_err("since after until");
        assert_eq!(error.invalid_field(), Some("until"));
        let streamed: Vec<_> = history.stream(&backwards).collect().await;
        assert_eq!(streamed.len(), 1);
        let error = streamed
            .into_iter()
            .next()
            .expect("one item")
            .expect_err("invalid");
        assert_eq!(error.invalid_field(), Some("until"));
        let error = history
            .list(&HistoryFilter::new(), Pagination::new(0, 1001))
            .await
            .expect_err("limit");
        assert_eq!(error.invalid_field(), Some("limit"));
        let error = history
            .export_csv(&HistoryFilter::new(), Pagination::new(u32::MAX, 10))
            .await
            .expect_err("offset");
        assert_eq!(error.invalid_field(), Some("offset"));
    })
    .await;
}

#[tokio::test]
async fn export_rejects_a_phone_number_filter() {
    without_requests(|history| async move {
        let filter = HistoryFilter::new().phone_number("+4921100000");
        let error = history
            .export_csv(&filter, Pagination::default())
            .await
            .expect_err("no phone number filter on export");
        assert_eq!(error.invalid_field(), Some("phone_number"));
        let mut sink = Vec::new();
        let error = history
            .export_csv_to(&filter, Pagination::default(), &mut sink)
            .await
            .expect_err("no phone number filter on export");
        assert_eq!(error.invalid_field(), Some("phone_number"));
        assert!(sink.is_empty());
    })
    .await;
}

#[tokio::test]
async fn empty_or_dot_ids_send_nothing() {
    without_requests(|history| async move {
        for bad in ["", ".", ".."] {
            let results = [
                history.get(&id(bad)).await.map(drop),
                history.delete(&id(bad)).await,
                history
                    .update(&id(bad), &HistoryEntryUpdate::new().note("n"))
                    .await,
            ];
            for result in results {
                assert_eq!(
                    result.expect_err(bad).invalid_field(),
                    Some("id"),
                    "{bad:?}"
                );
            }
        }
        let error = history
            .delete_many(&[id("a"), id("")])
            .await
            .expect_err("empty id");
        assert_eq!(error.invalid_field(), Some("ids"));
        // One bad id among many valid updates stops everything before the first request.
        let mut updates: Vec<(HistoryEntryId, HistoryEntryUpdate)> = (0..200)
            .map(|i| (id(&format!("e{i}")), HistoryEntryUpdate::new().read(true)))
            .collect();
        updates.push((id(""), HistoryEntryUpdate::new().archived(true)));
        let error = history.update_many(updates).await.expect_err("empty id");
        assert_eq!(error.invalid_field(), Some("id"));
    })
    .await;
}
