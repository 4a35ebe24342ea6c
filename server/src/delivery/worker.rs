//! The loop of one instance: claim due rows, compose each, hand it over (a bounded number at
//! once), write down what came of it. It looks at the outbox when woken (a commit that changed
//! slots, here or on another instance, which is when bookings, moves, cancellations and
//! offers queue messages) and otherwise every poll interval.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, Semaphore, watch};
use tokio::task::JoinSet;

use super::backoff;
use super::claim::{self, Claimed, Record};
use super::config::DeliveryConfig;
use super::outcome::Outcome;
use super::sms::Gateway;
use super::smtp::Mailer;
use crate::messages::{Channel, Composed};
use crate::state::AppState;

/// How long in-flight sends may take to finish at shutdown before they are dropped.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub(crate) struct Worker {
    pub state: AppState,
    pub config: DeliveryConfig,
    pub owner: String,
    pub mailer: Option<Mailer>,
    pub gateway: Option<Gateway>,
    pub wake: Arc<Notify>,
    pub stop: watch::Receiver<bool>,
}

/// What each send task shares.
struct Context {
    state: AppState,
    config: DeliveryConfig,
    owner: String,
    mailer: Option<Mailer>,
    gateway: Option<Gateway>,
}

impl Worker {
    pub async fn run(mut self) {
        let concurrency = self.config.concurrency.max(1) as usize;
        let batch = concurrency * 2;
        let lease = Duration::from_secs(u64::try_from(self.config.lease_seconds).unwrap_or(60));
        let poll = Duration::from_millis(self.config.poll_ms);
        let context = Arc::new(Context {
            state: self.state.clone(),
            config: self.config.clone(),
            owner: self.owner.clone(),
            mailer: self.mailer.clone(),
            gateway: self.gateway.clone(),
        });
        let permits = Arc::new(Semaphore::new(concurrency));
        let mut in_flight = JoinSet::new();
        let mut queue: VecDeque<(Instant, Claimed)> = VecDeque::new();
        // The last claim found fewer rows than it asked for: claim again once the queue is empty.
        let mut drained = false;
        let (email, sms) = (self.mailer.is_some(), self.gateway.is_some());
        loop {
            // Told to stop, or the handle is gone.
            if *self.stop.borrow() || self.stop.has_changed().is_err() {
                break;
            }
            while in_flight.try_join_next().is_some() {}
            let low = queue.len() <= concurrency / 2;
            if (email || sms) && low && (!drained || queue.is_empty()) {
                let want = batch - queue.len();
                let now = self.state.clock.now();
                match claim::claim(
                    &self.state.db,
                    &self.owner,
                    now,
                    self.config.lease_seconds,
                    i64::try_from(want).unwrap_or(1),
                    email,
                    sms,
                )
                .await
                {
                    Ok(rows) => {
                        drained = rows.len() < want;
                        let at = Instant::now();
                        queue.extend(rows.into_iter().map(|row| (at, row)));
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "delivery: cannot claim messages");
                        drained = true;
                    }
                }
            }
            if queue.is_empty() {
                tokio::select! {
                    () = self.wake.notified() => {}
                    () = tokio::time::sleep(poll) => {}
                    _ = self.stop.changed() => {}
                }
                drained = false;
                continue;
            }
            let permit = tokio::select! {
                permit = permits.clone().acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => break,
                },
                _ = self.stop.changed() => continue,
            };
            let Some((claimed_at, row)) = queue.pop_front() else {
                continue;
            };
            // Held too long here (slow sends ahead of it): its lease may be near its end, when
            // another instance could take it; leave it to whoever claims it once it expires.
            if claimed_at.elapsed() > lease / 2 {
                continue;
            }
            let context = context.clone();
            in_flight.spawn(async move { send(&context, row, permit).await });
        }
        // Stop: what is being sent finishes (for a while), what is only claimed is given back.
        let finished = tokio::time::timeout(SHUTDOWN_GRACE, async {
            while in_flight.join_next().await.is_some() {}
        })
        .await;
        if finished.is_err() {
            tracing::warn!(
                left = in_flight.len(),
                "delivery: sends still running at shutdown were dropped"
            );
            in_flight.abort_all();
            while in_flight.join_next().await.is_some() {}
        }
        match claim::release(&self.state.db, &self.owner, self.state.clock.now()).await {
            Ok(released) => tracing::info!(released, "delivery stopped"),
            Err(err) => {
                tracing::warn!(error = %err, "delivery: cannot release claimed messages (their leases will expire)")
            }
        }
    }
}

/// Composes, hands over and records one claimed row. The permit (one of the sends at once)
/// is given back once the message is handed over, before the outcome is written: the write
/// waits for a commit (an fsync), which would otherwise hold a connection to the SMTP server
/// idle and halve the messages per second.
async fn send(context: &Context, row: Claimed, permit: tokio::sync::OwnedSemaphorePermit) {
    let out = &row.outgoing;
    let outcome = match crate::messages::compose(&context.state, out).await {
        Ok(None) => None,
        Ok(Some(Composed::Email(email))) if out.channel == Channel::Email => {
            Some(match &context.mailer {
                Some(mailer) => mailer.send(out.id, &row.recipient, &email).await,
                None => Outcome::Retry("unconfigured".to_owned()),
            })
        }
        Ok(Some(Composed::Sms(text))) if out.channel == Channel::Sms => {
            Some(match &context.gateway {
                Some(gateway) => gateway.send(out.id, &row.recipient, &text).await,
                None => Outcome::Retry("unconfigured".to_owned()),
            })
        }
        Ok(Some(_)) => Some(Outcome::Failed("compose channel".to_owned())),
        Err(err) => {
            tracing::warn!(outbox.id = out.id, kind = out.message.kind(), error = %err, "delivery: cannot compose a message");
            Some(Outcome::Retry("compose".to_owned()))
        }
    };
    drop(permit);
    let now = context.state.clock.now();
    let attempts = row.attempts + 1;
    let (record, label) = match outcome {
        None => (
            Record::Failed {
                error: "gone".to_owned(),
                attempted: false,
            },
            "failed",
        ),
        Some(Outcome::Sent) => (Record::Sent, "sent"),
        Some(Outcome::Failed(error)) => (
            Record::Failed {
                error,
                attempted: true,
            },
            "failed",
        ),
        Some(Outcome::Retry(error)) if attempts >= context.config.max_attempts => (
            Record::Failed {
                error,
                attempted: true,
            },
            "failed",
        ),
        Some(Outcome::Retry(error)) => {
            let (base, cap) = context.config.backoff();
            (
                Record::Retry {
                    next_attempt_at: now + backoff::delay_seconds(attempts, base, cap),
                    error,
                },
                "retry",
            )
        }
    };
    metrics::counter!(
        "cupola_messages_attempts_total",
        "kind" => out.message.kind(),
        "channel" => out.channel.as_str(),
        "outcome" => label,
    )
    .increment(1);
    let error = match &record {
        Record::Sent => "",
        Record::Retry { error, .. } | Record::Failed { error, .. } => error.as_str(),
    };
    if label == "sent" {
        tracing::debug!(
            outbox.id = out.id,
            kind = out.message.kind(),
            channel = out.channel.as_str(),
            outcome = label,
            "delivery"
        );
    } else {
        tracing::info!(
            outbox.id = out.id,
            kind = out.message.kind(),
            channel = out.channel.as_str(),
            outcome = label,
            error,
            attempts,
            "delivery"
        );
    }
    if let Err(err) = claim::record(&context.state.db, out.id, &context.owner, now, record).await {
        // The lease expires and the row is sent again, with the same Message-ID.
        tracing::warn!(outbox.id = out.id, error = %err, "delivery: cannot record an outcome");
    }
}
