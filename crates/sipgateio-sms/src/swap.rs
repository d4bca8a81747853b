//! Sending "from a phone number": swap the SMS extension's default sender, send, restore.
//!
//! sipgate's send request only names an SMS extension; the sender the recipient sees is that
//! extension's default caller id. To send from a particular verified number the default has to
//! be changed for the duration of the send, which is shared server-side state. Two safeguards:
//!
//! * **Always restore.** The previous default is put back whether the send succeeded or
//!   failed. The swap-send-restore sequence runs in a task of its own, so dropping the future
//!   of [`SmsClient::send`](crate::SmsClient::send) (a timeout, a `select!`) cannot stop it
//!   between the swap and the restore.
//! * **Serialize.** A process-wide registry holds one async mutex per SMS extension, keyed by
//!   (base URL, account, web user, SMS extension) — the server-side resource being changed.
//!   Keying by the resource rather than by client object means every `SmsClient`, every clone
//!   of the core client and even separately built clients with the same account share the
//!   lock, with no help from `sipgateio-core`. The lock is taken before the caller ids are
//!   read, so the "previous default" is never another send's temporary one. Unused locks are
//!   dropped (the registry holds weak references).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError, Weak};

use sipgateio_core::{Client, Error, Result};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use crate::client::{
    SendSmsBody, list_caller_ids, list_extensions, post_sms, set_default_caller_id,
};
use crate::{SmsCallerId, SmsExtension, SmsExtensionId, WebuserId};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct SenderKey {
    base_url: String,
    account: String,
    webuser_id: WebuserId,
    sms_id: SmsExtensionId,
}

type Registry = HashMap<SenderKey, Weak<AsyncMutex<()>>>;

static LOCKS: LazyLock<Mutex<Registry>> = LazyLock::new(Mutex::default);

fn lock_for(key: SenderKey) -> Arc<AsyncMutex<()>> {
    let mut locks = LOCKS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(lock) = locks.get(&key).and_then(Weak::upgrade) {
        return lock;
    }
    locks.retain(|_, lock| lock.strong_count() > 0);
    let lock = Arc::new(AsyncMutex::new(()));
    locks.insert(key, Arc::downgrade(&lock));
    lock
}

/// Everything the swap needs, owned, so it can run in a task of its own.
struct Swap {
    client: Client,
    webuser_id: WebuserId,
    sms_id: SmsExtensionId,
    target: SmsCallerId,
    previous: Option<SmsCallerId>,
    body: SendSmsBody,
    _guard: OwnedMutexGuard<()>,
}

pub(crate) async fn send_from_number(client: &Client, from: &str, body: SendSmsBody) -> Result<()> {
    let me = client.get_userinfo().await?;
    let webuser_id = me.sub.clone();
    let sms_extensions = list_extensions(client, &webuser_id).await?;
    if sms_extensions.is_empty() {
        return Err(Error::precondition(format!(
            "web user {} has no SMS extension, so no SMS can be sent from {from}",
            me.sub
        )));
    }
    let account = me.master_sip_id.clone().unwrap_or_default();
    let mut unverified = false;
    for SmsExtension { id: sms_id, .. } in sms_extensions {
        let key = SenderKey {
            base_url: client.base_url().to_owned(),
            account: account.clone(),
            webuser_id: webuser_id.clone(),
            sms_id: sms_id.clone(),
        };
        let guard = lock_for(key).lock_owned().await;
        let ids = list_caller_ids(client, &webuser_id, &sms_id).await?;
        let Some(target) = ids.iter().find(|id| id.matches_number(from)).cloned() else {
            continue;
        };
        if !target.verified {
            unverified = true;
            continue;
        }
        let previous = ids.into_iter().find(|id| id.default_number);
        if previous.is_none() && !target.default_number {
            return Err(Error::precondition(format!(
                "SMS extension {sms_id} has no default sender that could be restored after \
                 sending from {from}; set one (set_default_caller_id) or send via the extension"
            )));
        }
        let swap = Swap {
            client: client.clone(),
            webuser_id: webuser_id.clone(),
            sms_id,
            target,
            previous,
            body: SendSmsBody {
                sms_id: String::new(),
                ..body
            },
            _guard: guard,
        };
        return run_detached(swap).await;
    }
    Err(Error::precondition(if unverified {
        format!("the sender number {from} is registered but not verified yet")
    } else {
        format!(
            "the number {from} is not registered as a sender (caller id) of web user {}'s SMS \
             extensions; register it with create_caller_id and verify it",
            me.sub
        )
    }))
}

/// Runs the swap in its own task so that it always reaches the restore step.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
async fn run_detached(swap: Swap) -> Result<()> {
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => runtime.spawn(swap.run()).await.unwrap_or_else(|error| {
            Err(Error::precondition(format!(
                "the SMS send task ended unexpectedly ({error}); check the default sender"
            )))
        }),
        Err(_) => swap.run().await,
    }
}

/// Runs the swap in its own task of the browser's event loop (`spawn_local`) so that it always
/// reaches the restore step, even if the caller drops the future.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
async fn run_detached(swap: Swap) -> Result<()> {
    let (done, result) = tokio::sync::oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = done.send(swap.run().await);
    });
    result.await.unwrap_or_else(|_| {
        Err(Error::precondition(
            "the SMS send task ended unexpectedly; check the default sender",
        ))
    })
}

impl Swap {
    async fn run(self) -> Result<()> {
        let Self {
            client,
            webuser_id,
            sms_id,
            target,
            previous,
            mut body,
            _guard,
        } = self;
        body.sms_id = sms_id.as_str().to_owned();
        let previous = match previous {
            Some(previous) if previous.id != target.id => previous,
            // The number already is the default: nothing to swap (the lock keeps it so).
            _ => return post_sms(&client, &body).await,
        };
        tracing::debug!(
            %sms_id,
            from = target.id.get(),
            previous = previous.id.get(),
            "swapping the default SMS sender"
        );
        let sent = match set_default_caller_id(&client, &webuser_id, &sms_id, target.id).await {
            Ok(()) => post_sms(&client, &body).await,
            Err(error) => Err(error),
        };
        // Restore even when the swap itself failed: a timed-out PUT may have been applied.
        let restored = set_default_caller_id(&client, &webuser_id, &sms_id, previous.id).await;
        match (sent, restored) {
            (sent, Ok(())) => sent,
            (Ok(()), Err(error)) => {
                tracing::error!(%sms_id, previous = previous.id.get(), %error, "SMS sent, but the default sender was not restored");
                Err(Error::precondition(format!(
                    "the SMS was sent, but restoring the previous default sender {} (caller id {}) \
                     of SMS extension {sms_id} failed: {error}; do not send it again",
                    previous.phonenumber, previous.id
                )))
            }
            (Err(error), Err(restore_error)) => {
                tracing::error!(%sms_id, previous = previous.id.get(), error = %restore_error, "the default sender was not restored after a failed send");
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(sms_id: &str) -> SenderKey {
        SenderKey {
            base_url: "http://x".into(),
            account: "1234567".into(),
            webuser_id: WebuserId::new("w0"),
            sms_id: SmsExtensionId::new(sms_id),
        }
    }

    #[test]
    fn one_lock_per_extension_while_in_use() {
        let a = lock_for(key("s0"));
        let b = lock_for(key("s0"));
        assert!(Arc::ptr_eq(&a, &b));
        let other = lock_for(key("s1"));
        assert!(!Arc::ptr_eq(&a, &other));
        drop((a, b));
        let fresh = lock_for(key("s0"));
        assert_eq!(Arc::strong_count(&fresh), 1, "dead locks are not reused");
    }
}
