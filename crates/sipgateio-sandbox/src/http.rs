//! Request helpers shared by the routes: query strings with repeated keys, JSON bodies with
//! sipgate's status rules, and the small value checks the sandbox applies.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult};

/// A parsed query string that keeps repeated keys (`types=CALL&types=SMS`) in order.
#[derive(Debug, Default)]
pub(crate) struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// Parses a raw query string (without the `?`).
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        Self(
            raw.map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        )
    }

    /// The last value of a key.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated key (also accepts the `key[]` spelling).
    pub(crate) fn all(&self, key: &str) -> Vec<&str> {
        let bracketed = format!("{key}[]");
        self.0
            .iter()
            .filter(|(k, _)| k == key || *k == bracketed)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A non-negative integer parameter with an upper bound.
    pub(crate) fn u32(&self, key: &str, max: u32) -> ApiResult<Option<u32>> {
        match self.get(key) {
            None => Ok(None),
            Some(raw) => match raw.parse::<u32>() {
                Ok(value) if value <= max => Ok(Some(value)),
                Ok(_) => Err(ApiError::bad_request(format!(
                    "query parameter `{key}` must be at most {max}"
                ))),
                Err(_) => Err(ApiError::bad_request(format!(
                    "query parameter `{key}` must be a non-negative integer, got `{raw}`"
                ))),
            },
        }
    }

    /// A boolean parameter (`true`/`false`).
    pub(crate) fn bool(&self, key: &str) -> ApiResult<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(raw) => Err(ApiError::bad_request(format!(
                "query parameter `{key}` must be `true` or `false`, got `{raw}`"
            ))),
        }
    }

    /// An ISO-8601 date-time parameter.
    pub(crate) fn time(&self, key: &str) -> ApiResult<Option<DateTime<Utc>>> {
        match self.get(key) {
            None | Some("") => Ok(None),
            Some(raw) => DateTime::parse_from_rfc3339(raw)
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(|_| {
                    ApiError::bad_request(format!(
                        "query parameter `{key}` must be an ISO-8601 date-time, got `{raw}`"
                    ))
                }),
        }
    }
}

/// Decodes a JSON request body like sipgate: a non-JSON content type gives 415, a missing,
/// malformed or mistyped body gives 400 naming the problem.
pub(crate) fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> ApiResult<T> {
    if let Some(content_type) = headers.get(CONTENT_TYPE) {
        let content_type = content_type
            .to_str()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !content_type.contains("json") {
            return Err(ApiError::unsupported_media_type());
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("a JSON request body is required"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            ApiError::bad_request(format!("invalid JSON body: {}", e.inner()))
        } else {
            ApiError::bad_request(format!("invalid JSON body at `{path}`: {}", e.inner()))
        }
    })?;
    deserializer
        .end()
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))?;
    Ok(value)
}

/// A JSON request body decoded with [`json_body`]'s rules (415/400 as sipgate answers).
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::bad_request(format!("unreadable body: {e}")))?;
        json_body(&headers, &body).map(Self)
    }
}

/// Whether a value is a phone number as the sandbox accepts it: an optional `+`, then 5 to 17
/// digits not starting with 0 (spaces, dashes and parentheses are tolerated).
pub(crate) fn is_phone_number(value: &str) -> bool {
    let trimmed = value.trim();
    let rest = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let digits: String = rest
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '/'))
        .collect();
    (5..=17).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

/// The digits of a phone number, for comparing numbers written with or without `+`.
pub(crate) fn digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

/// A required, non-blank string field.
pub(crate) fn required<'a>(field: &str, value: Option<&'a str>) -> ApiResult<&'a str> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(ApiError::bad_request(format!(
            "field `{field}` is required and must not be empty"
        ))),
    }
}

/// Whether `value` is an extension id of one of the given type letters (`p0`, `g12`).
pub(crate) fn is_extension(value: &str, letters: &[char]) -> bool {
    let mut chars = value.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let number = chars.as_str();
    letters.contains(&first)
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && (number == "0" || !number.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        assert!(is_phone_number("+4915799912345"));
        assert!(is_phone_number("4921100000000"));
        assert!(is_phone_number("+49 211 123-456"));
        assert!(!is_phone_number("+49"));
        assert!(!is_phone_number("0211123456"));
        assert!(!is_phone_number("text"));
        assert!(!is_phone_number(""));
    }

    #[test]
    fn extensions() {
        assert!(is_extension("p0", &['p', 'g']));
        assert!(is_extension("g12", &['p', 'g']));
        assert!(!is_extension("p01", &['p']));
        assert!(!is_extension("w0", &['p']));
        assert!(!is_extension("p", &['p']));
    }

    #[test]
    fn repeated_query_keys() {
        let q = QueryParams::parse(Some(
            "types=CALL&types=SMS&limit=5&phonenumbers%5B%5D=%2B49",
        ));
        assert_eq!(q.all("types"), ["CALL", "SMS"]);
        assert_eq!(q.all("phonenumbers"), ["+49"]);
        assert_eq!(q.u32("limit", 10).ok().flatten(), Some(5));
        assert!(q.u32("limit", 4).is_err());
    }
}
