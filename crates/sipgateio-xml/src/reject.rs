//! `<Reject>` and `<Hangup>`: end the call.

/// Why a call is rejected; what the caller hears.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectReason {
    /// The caller hears the busy tone.
    Busy,
    /// The call is rejected (sipgate's default).
    #[default]
    Rejected,
}

impl RejectReason {
    /// The value sipgate expects in `reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Busy => "busy",
            Self::Rejected => "rejected",
        }
    }
}

/// `<Reject reason="…"/>`: refuse the call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Reject {
    pub(crate) reason: RejectReason,
}

impl Reject {
    /// Reject with this reason.
    pub fn new(reason: RejectReason) -> Self {
        Self { reason }
    }

    /// Reject with the busy tone.
    pub fn busy() -> Self {
        Self::new(RejectReason::Busy)
    }

    /// The reason.
    pub fn reason(self) -> RejectReason {
        self.reason
    }
}

/// `<Hangup/>`: end the call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hangup;
