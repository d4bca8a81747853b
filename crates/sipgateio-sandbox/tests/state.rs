//! State that lasts (`SandboxConfig::state_file`) and the discovery file
//! (`Sandbox::register_at`), with real files in the test's temporary directory.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::Api;
use serde_json::{Value, json};
use sipgateio_sandbox::{Sandbox, SandboxConfig, StartError};

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sandbox-state")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn config(path: &std::path::Path) -> SandboxConfig {
    SandboxConfig::default().fax_step(None).state_file(path)
}

#[tokio::test]
async fn the_account_survives_a_restart_with_the_same_credentials() {
    let dir = temp_dir("restart");
    let path = dir.join("state.json");
    let (token_id, token) = {
        let api = Api::with(config(&path)).await;
        let created = api
            .post(
                "/contacts",
                json!({"name": "Katherine Johnson", "numbers": [{"number": "+4930111222333", "type": ["cell"]}], "scope": "PRIVATE"}),
            )
            .await;
        assert_eq!(created.status, 204, "{}", created.text);
        let sms = json!({"smsId": "s0", "recipient": "+4915739777777", "message": "kept"});
        assert_eq!(api.post("/sessions/sms", sms).await.status, 204);
        let added = api
            .post(
                "/w0/sms/s0/callerids",
                json!({"phonenumber": "+4915799912345"}),
            )
            .await;
        assert_eq!(added.status, 204, "{}", added.text);
        (
            api.sandbox.token_id().to_owned(),
            api.sandbox.token().to_owned(),
        )
        // Dropped here: the state is saved.
    };
    let code_before = {
        let text = std::fs::read_to_string(&path).expect("state file");
        let json: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(json["format"], 1);
        json["smsExtensions"][0]["callerIds"][3]["verificationCode"]
            .as_str()
            .expect("the new caller id's code is kept")
            .to_owned()
    };

    let api = Api::with(config(&path)).await;
    assert_eq!(api.sandbox.token_id(), token_id);
    assert_eq!(api.sandbox.token(), token);
    assert_eq!(api.sandbox.state_file(), Some(path.as_path()));
    assert!(
        api.sandbox
            .contacts()
            .iter()
            .any(|c| c.name == "Katherine Johnson")
    );
    assert_eq!(api.sandbox.sent_sms().len(), 1);
    assert_eq!(api.sandbox.sent_sms()[0].message, "kept");
    assert_eq!(
        api.sandbox
            .verification_code("s0", "+4915799912345")
            .as_deref(),
        Some(code_before.as_str())
    );
    // The history goes on with fresh ids.
    let sms = json!({"smsId": "s0", "recipient": "+4915739777777", "message": "again"});
    assert_eq!(api.post("/sessions/sms", sms).await.status, 204);
    let ids: Vec<String> = api
        .sandbox
        .sent_sms()
        .iter()
        .map(|s| s.history_id.clone())
        .collect();
    assert_ne!(ids[0], ids[1]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn changes_are_saved_while_the_sandbox_runs() {
    let dir = temp_dir("debounced");
    let path = dir.join("state.json");
    let api = Api::with(config(&path)).await;
    // The file exists from the start (the seeded account).
    assert!(path.exists());
    let sms = json!({"smsId": "s0", "recipient": "+4915739777777", "message": "while running"});
    assert_eq!(api.post("/sessions/sms", sms).await.status, 204);
    // Saved a moment later without stopping the sandbox (bounded wait).
    let mut saved = false;
    for _ in 0..100 {
        if std::fs::read_to_string(&path).is_ok_and(|t| t.contains("while running")) {
            saved = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(saved, "the change reached the file");
    // No temporary file is left next to it.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["state.json"]);
    drop(api);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_file_that_is_not_a_state_file_is_refused_and_left_alone() {
    let dir = temp_dir("refused");
    let path = dir.join("notes.json");
    std::fs::write(&path, "{\"my\": \"notes\"}").expect("write");
    let error = Sandbox::start_with(config(&path))
        .await
        .expect_err("not a state file");
    assert!(matches!(error, StartError::StateFile { .. }), "{error:?}");
    assert!(
        error.to_string().contains("not a sandbox state file"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "{\"my\": \"notes\"}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn explicit_credentials_win_over_the_stored_ones() {
    let dir = temp_dir("credentials");
    let path = dir.join("state.json");
    drop(Sandbox::start_with(config(&path)).await.expect("starts"));
    let fixed = sipgateio_sandbox::Credentials::new("token-FIX123", "fixed");
    let sandbox = Sandbox::start_with(config(&path).credentials(fixed))
        .await
        .expect("starts");
    assert_eq!(sandbox.token_id(), "token-FIX123");
    drop(sandbox);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_registration_is_an_owner_only_file_removed_when_dropped() {
    let dir = temp_dir("registration");
    let path = dir.join("nested").join("sandbox.json");
    let sandbox = Sandbox::start().await.expect("starts");
    let registration = sandbox.register_at(&path).expect("registered");
    assert_eq!(registration.path(), path.as_path());
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("JSON");
    assert_eq!(record["baseUrl"], sandbox.base_url().as_str());
    assert_eq!(record["tokenId"], sandbox.token_id());
    assert_eq!(record["token"], sandbox.token());
    assert_eq!(record["simulateUrl"], sandbox.simulate_url().as_str());
    assert_eq!(record["pid"], std::process::id());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the file holds the credentials");
    }

    // A second sandbox registers in the same file: the first one's guard leaves it alone.
    let second = Sandbox::start().await.expect("starts");
    let second_registration = second.register_at(&path).expect("registered");
    drop(registration);
    assert!(path.exists(), "the second registration stays");
    drop(second_registration);
    assert!(!path.exists(), "removed by its own guard");
    let _ = std::fs::remove_dir_all(&dir);
}
