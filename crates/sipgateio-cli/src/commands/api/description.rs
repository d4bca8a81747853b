//! The committed API description, embedded and read only when `api` needs it (`--list`, the
//! checks of a request): other commands never parse it, so start-up stays fast.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::IgnoredAny;

/// The facts file the SDK is generated from and the sandbox serves.
const DESCRIPTION: &str = include_str!("../../../../sipgateio-sandbox/api/sipgate-api.json");

/// The methods an operation of the description may have, in the order `--list` shows them.
const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// What `api` reads of the description.
#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "x-sipgateio")]
    about: About,
    paths: BTreeMap<String, BTreeMap<String, RawOperation>>,
}

#[derive(Deserialize)]
struct About {
    date: String,
}

#[derive(Deserialize)]
struct RawOperation {
    #[serde(rename = "operationId")]
    operation_id: String,
    #[serde(rename = "requestBody")]
    request_body: Option<IgnoredAny>,
}

/// One operation of the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Operation {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template, e.g. `/{userId}/phonelines`.
    pub path: String,
    /// sipgate's `operationId`.
    pub operation_id: String,
    /// Whether the operation declares a request body.
    pub takes_body: bool,
}

/// The operations of the description, sorted by path and method.
#[derive(Debug)]
pub(crate) struct Description {
    /// The date of sipgate's document the facts were taken from.
    pub date: String,
    /// Every operation.
    pub operations: Vec<Operation>,
}

/// How a request of `api` relates to the description.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Match<'a> {
    /// An operation of the description.
    Operation(&'a Operation),
    /// The path is described, but not with this method: the methods it has.
    OtherMethods(Vec<&'a str>),
    /// No path template fits.
    Unknown,
}

impl Description {
    /// Parses the embedded description.
    pub(crate) fn load() -> Result<Self, String> {
        let raw: Raw = serde_json::from_str(DESCRIPTION)
            .map_err(|e| format!("the embedded API description cannot be read: {e}"))?;
        let mut operations = Vec::new();
        for (path, methods) in raw.paths {
            for method in METHODS {
                if let Some(operation) = methods.get(method) {
                    operations.push(Operation {
                        method: method.to_ascii_uppercase(),
                        path: path.clone(),
                        operation_id: operation.operation_id.clone(),
                        takes_body: operation.request_body.is_some(),
                    });
                }
            }
        }
        Ok(Self {
            date: raw.about.date,
            operations,
        })
    }

    /// The operation `method path` (a concrete path such as `/w0/phonelines`) is, preferring
    /// the template with the most literal segments (`/users/{userId}` over `/{userId}/…`).
    pub(crate) fn find(&self, method: &str, path: &str) -> Match<'_> {
        let mut fitting: Vec<(usize, &Operation)> = self
            .operations
            .iter()
            .filter_map(|operation| literal_segments(&operation.path, path).map(|n| (n, operation)))
            .collect();
        if fitting.is_empty() {
            return Match::Unknown;
        }
        fitting.sort_by_key(|(literal, _)| std::cmp::Reverse(*literal));
        if let Some((_, operation)) = fitting.iter().find(|(_, o)| o.method == method) {
            return Match::Operation(operation);
        }
        let best = fitting[0].0;
        let mut methods: Vec<&str> = fitting
            .iter()
            .filter(|(n, _)| *n == best)
            .map(|(_, o)| o.method.as_str())
            .collect();
        methods.dedup();
        Match::OtherMethods(methods)
    }
}

/// How many literal segments of `template` `path` matches, or `None` when it does not fit.
/// A `{parameter}` segment fits any non-empty segment.
fn literal_segments(template: &str, path: &str) -> Option<usize> {
    let template: Vec<&str> = template.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path
        .trim_end_matches('/')
        .trim_start_matches('/')
        .split('/')
        .collect();
    if template.len() != path.len() {
        return None;
    }
    let mut literal = 0;
    for (want, got) in template.iter().zip(&path) {
        if want.starts_with('{') && want.ends_with('}') {
            if got.is_empty() {
                return None;
            }
        } else if want == got {
            literal += 1;
        } else {
            return None;
        }
    }
    Some(literal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_operation_of_the_embedded_description() {
        let description = Description::load().expect("the committed description");
        let declared: serde_json::Value =
            serde_json::from_str(DESCRIPTION).expect("the committed description is JSON");
        let count = declared["x-sipgateio"]["operations"]
            .as_u64()
            .expect("a count");
        assert_eq!(description.operations.len() as u64, count);
        assert!(!description.date.is_empty());
        let sms = description
            .operations
            .iter()
            .find(|o| o.operation_id == "sendWebSms")
            .expect("sendWebSms");
        assert_eq!(
            (sms.method.as_str(), sms.path.as_str()),
            ("POST", "/sessions/sms")
        );
        assert!(sms.takes_body);
    }

    #[test]
    fn finds_the_operation_of_a_concrete_path() {
        let description = Description::load().expect("the committed description");
        let id = |method, path| match description.find(method, path) {
            Match::Operation(operation) => operation.operation_id.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(id("GET", "/users/w0"), "getUser");
        assert_eq!(
            id("GET", "/w0/phonelines/p0/forwardings"),
            "getPhonelineForwardings"
        );
        assert_eq!(id("GET", "/account"), "getAccount");
        assert_eq!(id("GET", "/account/"), "getAccount");
        assert_eq!(id("GET", "/"), "getUrls");
        assert_eq!(id("GET", "/log/webhooks"), "getWebhooksLog");
        assert_eq!(
            description.find("POST", "/account"),
            Match::OtherMethods(vec!["GET"])
        );
        assert_eq!(description.find("GET", "/v2/account"), Match::Unknown);
        assert_eq!(
            description.find("GET", "/users//busyonbusy"),
            Match::Unknown
        );
    }
}
