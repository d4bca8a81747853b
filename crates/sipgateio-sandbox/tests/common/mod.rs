//! Shared helpers: a sandbox plus an authenticated reqwest client.
#![allow(dead_code)]

use reqwest::Method;
use serde_json::Value;
use sipgateio_sandbox::{Sandbox, SandboxConfig};

pub(crate) struct Api {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

pub(crate) struct Answer {
    pub status: u16,
    pub content_type: String,
    pub text: String,
    pub json: Value,
}

impl Api {
    pub(crate) async fn new() -> Self {
        Self::with(SandboxConfig::default().fax_step(None)).await
    }

    pub(crate) async fn with(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start_with(config).await.expect("sandbox starts");
        Self {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    pub(crate) async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self
            .http
            .request(method, self.url(path))
            .basic_auth(self.sandbox.token_id(), Some(self.sandbox.token()));
        if let Some(body) = body {
            request = request.json(&body);
        }
        Self::answer(request.send().await.expect("request reaches the sandbox")).await
    }

    pub(crate) async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            content_type,
            text,
            json,
        }
    }

    pub(crate) async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(body)).await
    }

    pub(crate) async fn put(&self, path: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub(crate) async fn delete(&self, path: &str) -> Answer {
        self.call(Method::DELETE, path, None).await
    }

    /// Sends a raw body with a content type.
    pub(crate) async fn raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> Answer {
        let response = self
            .http
            .request(method, self.url(path))
            .basic_auth(self.sandbox.token_id(), Some(self.sandbox.token()))
            .header("content-type", content_type)
            .body(body.to_owned())
            .send()
            .await
            .expect("request reaches the sandbox");
        Self::answer(response).await
    }
}

/// The ids of `items` (or another array key).
pub(crate) fn ids(value: &Value, key: &str) -> Vec<String> {
    value[key]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The error detail of a sipgate-shaped error body.
pub(crate) fn detail(value: &Value) -> String {
    value["errors"][0]["detail"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A tiny valid-looking PDF, base64.
pub(crate) fn pdf_base64() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .encode(b"%PDF-1.4\n1 0 obj << /Type /Pages >> 2 0 obj << /Type /Page >>\n%%EOF\n")
}

impl Api {
    /// POSTs each body and asserts the status and that the error detail names `needle`.
    pub(crate) async fn expect_rejections(&self, path: &str, cases: Vec<(Value, u16, &str)>) {
        for (body, status, needle) in cases {
            let answer = self.post(path, body.clone()).await;
            assert_eq!(answer.status, status, "{path} {body}: {}", answer.text);
            assert!(
                detail(&answer.json).contains(needle),
                "{path} {body}: {}",
                answer.text
            );
        }
    }
}
