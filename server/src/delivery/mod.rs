//! Delivery of the notification outbox: a worker per instance claims due messages, has them
//! composed (`crate::messages`) and hands them over, e-mail to an SMTP server and SMS to an
//! HTTP gateway, at least once, each with a stable id (Message-ID, Idempotency-Key) so that
//! what is sent again can be dropped by whoever receives it. Temporary refusals are retried
//! with exponential backoff and jitter, up to a maximum of attempts; permanent ones end the
//! message `failed`. A channel without settings leaves its messages pending.
//!
//! Files: `config` (settings), `claim` (the outbox rows: claim, record, release), `smtp` and
//! `sms` (the two channels), `backoff`, `worker` (the loop), `status` (what the supervisor
//! page shows), `outcome`.

mod backoff;
pub mod claim;
pub mod config;
pub mod outcome;
pub mod sms;
pub mod smtp;
pub mod status;
mod worker;

use std::sync::Arc;

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

pub use self::config::DeliveryConfig;
pub use self::status::Status;
use crate::messages::Channel;
use crate::state::AppState;

/// The delivery worker of this instance; `shutdown` stops it cleanly. Dropped without
/// `shutdown`, it stops at once and leaves its leases to expire (as if the instance died).
pub struct Delivery {
    owner: String,
    status: Status,
    stop: watch::Sender<bool>,
    wake: Arc<Notify>,
    worker: Option<JoinHandle<()>>,
    listener: JoinHandle<()>,
}

impl Delivery {
    /// Starts delivering; fails on settings that cannot work (a malformed URL or address, a
    /// body template that is not JSON).
    pub async fn start(state: AppState, config: DeliveryConfig) -> anyhow::Result<Delivery> {
        let mailer = smtp::Mailer::new(&config, state.links.base_url())?;
        let gateway = sms::Gateway::new(&config)?;
        let status = Status {
            email_configured: mailer.is_some(),
            sms_configured: gateway.is_some(),
        };
        for (configured, channel, what) in [
            (status.email_configured, Channel::Email, "e-mail"),
            (status.sms_configured, Channel::Sms, "SMS"),
        ] {
            if !configured {
                let waiting = claim::pending(&state.db, channel).await.unwrap_or(0);
                tracing::warn!(
                    channel = channel.as_str(),
                    waiting,
                    "{what} delivery not configured: {waiting} messages wait"
                );
            }
        }
        let owner = format!("{:016x}", rand::random::<u64>());
        let wake = Arc::new(Notify::new());
        // A commit that changed slots (here or, on PostgreSQL, on another instance) is when
        // bookings, moves, cancellations and offers queue their messages: look at once.
        let mut changes = state.db.changes().subscribe();
        let listener = tokio::spawn({
            let wake = wake.clone();
            async move {
                use tokio::sync::broadcast::error::RecvError;
                while let Ok(_) | Err(RecvError::Lagged(_)) = changes.recv().await {
                    wake.notify_one();
                }
            }
        });
        let (stop, stopped) = watch::channel(false);
        tracing::info!(
            owner,
            email = status.email_configured,
            sms = status.sms_configured,
            concurrency = config.concurrency,
            "delivery started"
        );
        let worker = worker::Worker {
            state,
            config,
            owner: owner.clone(),
            mailer,
            gateway,
            wake: wake.clone(),
            stop: stopped,
        };
        Ok(Delivery {
            owner,
            status,
            stop,
            wake,
            worker: Some(tokio::spawn(worker.run())),
            listener,
        })
    }

    /// Which channels are configured.
    pub fn channels(&self) -> Status {
        self.status
    }

    /// This instance's lease owner id (in `notification_outbox.lease_owner`).
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// Looks at the outbox now (after queuing messages without a slot change).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Stops claiming, lets what is being sent finish (ten seconds at most), gives back the
    /// messages claimed and not sent.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(worker) = self.worker.take()
            && let Err(err) = worker.await
        {
            tracing::error!(error = %err, "the delivery worker stopped abnormally");
        }
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        self.listener.abort();
        if let Some(worker) = self.worker.take() {
            worker.abort();
        }
    }
}
