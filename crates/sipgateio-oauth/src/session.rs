//! [`TokenSession`]: one signed-in user's tokens, renewed as needed — the
//! [`TokenSource`](sipgateio_core::TokenSource) of a [`sipgateio_core::Client`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use sipgateio_core::timer::Instant;
use sipgateio_core::{Secret, TokenFuture, TokenSource};
use tokio::sync::Mutex;

use crate::client::{Fresh, OauthClient};
use crate::error::{Error, ErrorKind, Result};
use crate::tokens::TokenSet;

/// How long before the access token expires a session refreshes it (stated in
/// [`TokenSessionBuilder::refresh_margin`]).
const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// The error a [`TokenStore`] returns. Its `Display` is logged (at `warn`): it must not
/// contain the tokens.
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

/// The future [`TokenStore::save`] returns; write the body as `Box::pin(async move { … })`.
pub type StoreFuture<'a> = Pin<Box<dyn Future<Output = Result<(), StoreError>> + Send + 'a>>;

/// Where a [`TokenSession`] puts the tokens after each refresh, so that the application can
/// persist them: the refresh token changes on every refresh and the old one stops working, so
/// a restarted application that loads stale tokens must send the user to sign in again.
///
/// The session awaits [`save`](Self::save) before the renewed token is used (requests wait
/// meanwhile: keep it quick). A failed save is logged at `warn` and the session carries on
/// with the new tokens in memory.
///
/// ```
/// use std::sync::Mutex;
/// use sipgateio_oauth::{StoreFuture, TokenSet, TokenStore};
///
/// /// Keeps the latest tokens (a real application writes them to its database).
/// #[derive(Debug, Default)]
/// struct Latest(Mutex<Option<TokenSet>>);
///
/// impl TokenStore for Latest {
///     fn save<'a>(&'a self, tokens: &'a TokenSet) -> StoreFuture<'a> {
///         let saved = self
///             .0
///             .lock()
///             .map(|mut latest| *latest = Some(tokens.clone()))
///             .map_err(|_| "the token lock is poisoned".into());
///         Box::pin(async move { saved })
///     }
/// }
/// ```
pub trait TokenStore: fmt::Debug + Send + Sync {
    /// Stores the tokens a refresh returned.
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> StoreFuture<'a>;
}

/// A shared store is a store.
impl<T: TokenStore + ?Sized> TokenStore for Arc<T> {
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> StoreFuture<'a> {
        (**self).save(tokens)
    }
}

/// What renews tokens: the [`OauthClient`], or a fake in this module's tests.
pub(crate) trait Renew: fmt::Debug + Send + Sync {
    fn renew<'a>(
        &'a self,
        refresh_token: &'a Secret,
    ) -> Pin<Box<dyn Future<Output = Result<Fresh>> + Send + 'a>>;
}

impl Renew for OauthClient {
    fn renew<'a>(
        &'a self,
        refresh_token: &'a Secret,
    ) -> Pin<Box<dyn Future<Output = Result<Fresh>> + Send + 'a>> {
        Box::pin(self.refresh_tokens(refresh_token))
    }
}

/// A signed-in user's tokens that renew themselves: plug it into a
/// [`sipgateio_core::Client`] with
/// [`ClientBuilder::token_source`](sipgateio_core::ClientBuilder::token_source) and every
/// request carries a valid access token.
///
/// - **Before expiry:** a request that finds the access token expiring within the refresh
///   margin (30 s by default; half the lifetime for tokens that live less than twice the
///   margin) refreshes it first.
/// - **After a 401:** the session refreshes (unless another request already did) and the
///   client sends the request once more — once: a second 401 is the request's error. The
///   server refuses a request with 401 before acting on it, so even a `POST` is never done
///   twice.
/// - **One refresh at a time:** however many requests run at once, exactly one refresh is in
///   flight; the others wait for it (at most the [`OauthClient`]'s request timeout, 30 s by
///   default) and use its result — its new token, or its error.
/// - **New tokens are handed to you:** a [`TokenStore`] is told about each refresh (the
///   refresh token changes every time), and [`tokens`](Self::tokens) returns the current ones.
/// - **Sign in again:** when the server answers `invalid_grant` (the refresh token expired
///   after 30 days or was revoked), every request fails at once, without another refresh, with
///   a [`sipgateio_core::Error::Credentials`] of kind
///   [`Unauthorized`](sipgateio_core::ErrorKind::Unauthorized) whose message says the user
///   must sign in again (its source is this crate's [`Error::SignInRequired`]). Send the user
///   through the sign-in again and build a new session.
///
/// Cheap to clone (clones share the tokens). Neither `Debug` nor any error or log line shows a
/// token.
///
/// ```no_run
/// use sipgateio_core::{Client, ErrorKind};
/// use sipgateio_oauth::{OauthClient, TokenSession, TokenSet};
///
/// # async fn run(oauth: OauthClient, stored: TokenSet) -> Result<(), sipgateio_core::Error> {
/// let session = TokenSession::new(&oauth, stored);
/// let client = Client::builder().token_source(session.clone()).build()?;
/// match client.get_authenticated_webuser_id().await {
///     Ok(user) => println!("signed in as {user}"),
///     Err(error) if error.kind() == ErrorKind::Unauthorized => {
///         println!("please sign in again ({error})");
///     }
///     Err(error) => return Err(error),
/// }
/// let latest = session.tokens().await; // store these
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct TokenSession {
    shared: Arc<Shared>,
}

struct Shared {
    renew: Arc<dyn Renew>,
    margin: Duration,
    store: Option<Arc<dyn TokenStore>>,
    /// Refresh attempts finished so far: a request that waited for the lock while this changed
    /// takes the attempt's outcome instead of trying again.
    attempts: AtomicU64,
    state: Mutex<State>,
}

struct State {
    tokens: TokenSet,
    /// When to refresh: the expiry minus the margin (`None`: the expiry is not known).
    refresh_at: Option<Instant>,
    /// The error of the last refresh attempt, if it failed.
    last_failure: Option<Error>,
    /// Set once the server said `invalid_grant`: no refresh is tried again.
    signed_out: Option<Error>,
}

impl fmt::Debug for TokenSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSession")
            .field("oauth", &self.shared.renew)
            .field("refresh_margin", &self.shared.margin)
            .field("store", &self.shared.store)
            .finish_non_exhaustive()
    }
}

/// When a token that lives `lifetime` from `now` is refreshed: `margin` before it expires, but
/// no earlier than half-way through its life.
fn refresh_at(now: Instant, lifetime: Option<Duration>, margin: Duration) -> Option<Instant> {
    let lifetime = lifetime?;
    now.checked_add(lifetime - margin.min(lifetime / 2))
}

impl TokenSession {
    /// A session for `tokens` that `oauth` renews, with the default refresh margin and no
    /// store.
    pub fn new(oauth: &OauthClient, tokens: TokenSet) -> Self {
        Self::builder(oauth, tokens).build()
    }

    /// Starts configuring a session for `tokens` (from
    /// [`OauthClient::finish_sign_in`], or stored by your application) that `oauth` renews.
    pub fn builder(oauth: &OauthClient, tokens: TokenSet) -> TokenSessionBuilder {
        TokenSessionBuilder {
            renew: Arc::new(oauth.clone()),
            tokens,
            margin: DEFAULT_REFRESH_MARGIN,
            store: None,
        }
    }

    /// The current tokens (after any refresh so far); waits while a refresh is in flight.
    pub async fn tokens(&self) -> TokenSet {
        self.shared.state.lock().await.tokens.clone()
    }

    /// Refreshes now, whatever the expiry says, and returns the new tokens (a request that
    /// runs meanwhile waits for this refresh instead of starting its own).
    ///
    /// # Errors
    ///
    /// [`Error::SignInRequired`] when the server refuses the refresh token (or there is none);
    /// the transport and server errors of [`OauthClient::refresh`].
    pub async fn refresh(&self) -> Result<TokenSet> {
        let mut state = self.shared.state.lock().await;
        if let Some(error) = &state.signed_out {
            return Err(error.clone());
        }
        self.refresh_locked(&mut state).await
    }

    /// The access token for a request: the current one while fresh, else a refreshed one.
    async fn access_token_now(&self) -> Result<Secret> {
        let seen = self.shared.attempts.load(Ordering::SeqCst);
        let mut state = self.shared.state.lock().await;
        if let Some(error) = &state.signed_out {
            return Err(error.clone());
        }
        let fresh = state
            .refresh_at
            .is_none_or(|refresh_at| Instant::now() < refresh_at);
        if fresh {
            return Ok(state.tokens.access_token.clone());
        }
        if self.shared.attempts.load(Ordering::SeqCst) != seen
            && let Some(error) = &state.last_failure
        {
            return Err(error.clone());
        }
        Ok(self.refresh_locked(&mut state).await?.access_token)
    }

    /// The API refused `rejected`: renews unless that already happened.
    async fn renew_rejected(&self, rejected: &Secret) -> Result<bool> {
        let seen = self.shared.attempts.load(Ordering::SeqCst);
        let mut state = self.shared.state.lock().await;
        if let Some(error) = &state.signed_out {
            return Err(error.clone());
        }
        if state.tokens.access_token != *rejected {
            return Ok(true); // renewed by another request meanwhile
        }
        if self.shared.attempts.load(Ordering::SeqCst) != seen
            && let Some(error) = &state.last_failure
        {
            return Err(error.clone());
        }
        tracing::debug!("the API refused the access token; refreshing it");
        self.refresh_locked(&mut state).await.map(|_| true)
    }

    /// One refresh, with the state locked (so it is the only one in flight).
    async fn refresh_locked(&self, state: &mut State) -> Result<TokenSet> {
        let result = match &state.tokens.refresh_token {
            Some(refresh_token) => self.shared.renew.renew(refresh_token).await,
            None => Err(Error::sign_in_required(
                "the access token expired or was refused and there is no refresh token: the \
                 user must sign in again",
                None,
            )),
        };
        self.shared.attempts.fetch_add(1, Ordering::SeqCst);
        match result {
            Ok(fresh) => {
                state.refresh_at = refresh_at(Instant::now(), fresh.lifetime, self.shared.margin);
                state.tokens = fresh.tokens;
                state.last_failure = None;
                tracing::debug!(
                    expires_in_s = fresh.lifetime.map(|lifetime| lifetime.as_secs()),
                    "access token refreshed"
                );
                if let Some(store) = &self.shared.store
                    && let Err(error) = store.save(&state.tokens).await
                {
                    tracing::warn!(
                        error = %error,
                        "the refreshed tokens could not be stored; the session keeps them in memory"
                    );
                }
                Ok(state.tokens.clone())
            }
            Err(error) => {
                if error.kind() == ErrorKind::SignInRequired {
                    tracing::warn!(error = %error, "the session has ended");
                    state.signed_out = Some(error.clone());
                } else {
                    tracing::warn!(error = %error, "refreshing the access token failed");
                }
                state.last_failure = Some(error.clone());
                Err(error)
            }
        }
    }
}

impl TokenSource for TokenSession {
    fn access_token(&self) -> TokenFuture<'_, Secret> {
        Box::pin(async move { self.access_token_now().await.map_err(Into::into) })
    }

    fn unauthorized<'a>(&'a self, rejected: &'a Secret) -> TokenFuture<'a, bool> {
        Box::pin(async move { self.renew_rejected(rejected).await.map_err(Into::into) })
    }
}

/// Configures a [`TokenSession`]; see [`TokenSession::builder`].
#[derive(Debug)]
#[must_use]
pub struct TokenSessionBuilder {
    renew: Arc<dyn Renew>,
    tokens: TokenSet,
    margin: Duration,
    store: Option<Arc<dyn TokenStore>>,
}

impl TokenSessionBuilder {
    /// Tells `store` about the tokens of every refresh (see [`TokenStore`]).
    pub fn store(mut self, store: impl TokenStore + 'static) -> Self {
        self.store = Some(Arc::new(store));
        self
    }

    /// Sets how long before the access token expires it is refreshed (default 30 s). The
    /// margin absorbs clock skew and the time a request takes to reach sipgate. A refreshed
    /// token that lives less than twice the margin is refreshed half-way through its life
    /// instead, so that short-lived tokens (a sandbox's) are not refreshed on every request.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Builds the session. Nothing is sent: the first request refreshes the tokens if they
    /// are (about to be) expired.
    pub fn build(self) -> TokenSession {
        // The tokens' lifetime is not known here, only their expiry: the whole margin applies.
        let now = Instant::now();
        let refresh_at = self.tokens.expires_at.and_then(|expires_at| {
            let remaining = (expires_at - Utc::now()).to_std().unwrap_or(Duration::ZERO);
            now.checked_add(remaining.saturating_sub(self.margin))
        });
        TokenSession {
            shared: Arc::new(Shared {
                renew: self.renew,
                margin: self.margin,
                store: self.store,
                attempts: AtomicU64::new(0),
                state: Mutex::new(State {
                    refresh_at,
                    tokens: self.tokens,
                    last_failure: None,
                    signed_out: None,
                }),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// Renews to `access-N` (N counting from 1) living `lifetime`, and counts.
    #[derive(Debug)]
    struct Fake {
        renewed: AtomicUsize,
        lifetime: Duration,
    }

    impl Renew for Fake {
        fn renew<'a>(
            &'a self,
            refresh_token: &'a Secret,
        ) -> Pin<Box<dyn Future<Output = Result<Fresh>> + Send + 'a>> {
            Box::pin(async move {
                let n = self.renewed.fetch_add(1, Ordering::SeqCst) + 1;
                assert_eq!(refresh_token.expose(), format!("refresh-{}", n - 1));
                Ok(Fresh {
                    tokens: TokenSet::new(format!("access-{n}"))
                        .refresh_token(format!("refresh-{n}")),
                    lifetime: Some(self.lifetime),
                })
            })
        }
    }

    fn session(expires_in: i64, lifetime: Duration) -> (TokenSession, Arc<Fake>) {
        let fake = Arc::new(Fake {
            renewed: AtomicUsize::new(0),
            lifetime,
        });
        let tokens = TokenSet::new("access-0")
            .refresh_token("refresh-0")
            .expires_at(Utc::now() + chrono::TimeDelta::seconds(expires_in));
        let session = TokenSessionBuilder {
            renew: fake.clone(),
            tokens,
            margin: DEFAULT_REFRESH_MARGIN,
            store: None,
        }
        .build();
        (session, fake)
    }

    async fn token(session: &TokenSession) -> String {
        session
            .access_token_now()
            .await
            .expect("a token")
            .expose()
            .to_owned()
    }

    #[tokio::test(start_paused = true)]
    async fn refreshes_once_the_margin_before_expiry() {
        // Expires in 100 s: refreshed from 70 s on (30 s margin), by exactly one request.
        let (session, fake) = session(100, Duration::from_secs(300));
        assert_eq!(token(&session).await, "access-0");
        tokio::time::advance(Duration::from_secs(69)).await;
        assert_eq!(token(&session).await, "access-0");
        assert_eq!(fake.renewed.load(Ordering::SeqCst), 0);

        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(token(&session).await, "access-1");
        assert_eq!(token(&session).await, "access-1");
        assert_eq!(fake.renewed.load(Ordering::SeqCst), 1);

        // The new token lives 300 s: the next refresh is at 270 s.
        tokio::time::advance(Duration::from_secs(269)).await;
        assert_eq!(token(&session).await, "access-1");
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(token(&session).await, "access-2");
        assert_eq!(
            session
                .tokens()
                .await
                .refresh_token
                .as_ref()
                .map(Secret::expose),
            Some("refresh-2")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn short_lived_tokens_are_refreshed_half_way_not_on_every_request() {
        // A sandbox token living 10 s, with the 30 s margin: refreshed after 5 s.
        let (session, fake) = session(-1, Duration::from_secs(10));
        assert_eq!(token(&session).await, "access-1");
        tokio::time::advance(Duration::from_secs(4)).await;
        assert_eq!(token(&session).await, "access-1");
        tokio::time::advance(Duration::from_secs(2)).await;
        assert_eq!(token(&session).await, "access-2");
        assert_eq!(fake.renewed.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_token_without_expiry_is_renewed_only_when_refused() {
        let fake = Arc::new(Fake {
            renewed: AtomicUsize::new(0),
            lifetime: Duration::from_secs(300),
        });
        let session = TokenSessionBuilder {
            renew: fake.clone(),
            tokens: TokenSet::new("access-0").refresh_token("refresh-0"),
            margin: DEFAULT_REFRESH_MARGIN,
            store: None,
        }
        .build();
        tokio::time::advance(Duration::from_secs(86_400)).await;
        assert_eq!(token(&session).await, "access-0");
        assert!(
            session
                .renew_rejected(&Secret::new("access-0"))
                .await
                .expect("renewed")
        );
        // A second request refused with the old token finds the new one: no second refresh.
        assert!(
            session
                .renew_rejected(&Secret::new("access-0"))
                .await
                .expect("already renewed")
        );
        assert_eq!(token(&session).await, "access-1");
        assert_eq!(fake.renewed.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn without_a_refresh_token_an_expired_session_needs_a_sign_in() {
        let fake = Arc::new(Fake {
            renewed: AtomicUsize::new(0),
            lifetime: Duration::from_secs(300),
        });
        let session = TokenSessionBuilder {
            renew: fake.clone(),
            tokens: TokenSet::new("access-0").expires_at(Utc::now()),
            margin: DEFAULT_REFRESH_MARGIN,
            store: None,
        }
        .build();
        let error = session.access_token_now().await.expect_err("expired");
        assert_eq!(error.kind(), ErrorKind::SignInRequired);
        assert!(error.to_string().contains("sign in again"), "{error}");
        assert_eq!(fake.renewed.load(Ordering::SeqCst), 0);
    }
}
