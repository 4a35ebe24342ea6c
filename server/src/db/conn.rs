//! A connection inside a transaction, of either backend, for helpers that take part in a
//! caller's transaction; and what such a transaction changed, to publish once it commits.

use crate::changes::Changes;

/// The services whose availability a transaction changed (see `Db::change_slots`).
#[derive(Debug, Default)]
pub struct Changed {
    /// Changed by this transaction: published once it is committed.
    made: std::collections::BTreeSet<i64>,
    /// Changed by someone else, as the database just told this transaction (a lost race):
    /// this instance's caches learn it whatever becomes of the transaction.
    seen: std::collections::BTreeSet<i64>,
    /// New bookings whose audit entries and confirmations are written after the job, in bulk
    /// with those of the other jobs of the same commit (`appended`).
    booked: Vec<NewBooking>,
}

impl Changed {
    /// Notes that this transaction changes slots of the service (held, booked, freed, opened,
    /// suspended).
    pub fn service(&mut self, service_id: i64) {
        self.made.insert(service_id);
    }

    /// Notes that someone else changed slots of the service (this transaction lost a race).
    pub fn lost_race(&mut self, service_id: i64) {
        self.seen.insert(service_id);
    }

    /// Notes a new booking whose audit entry and confirmation are to be written with those of
    /// the other jobs of the same commit, before it (see `appended`).
    pub fn booked(&mut self, booking: NewBooking) {
        self.booked.push(booking);
    }

    /// The new bookings noted, taken out.
    pub(crate) fn take_booked(&mut self) -> Vec<NewBooking> {
        std::mem::take(&mut self.booked)
    }

    /// Once the transaction is over: what was seen, and, if it was committed, what was made.
    pub(crate) fn publish(&self, changes: &Changes, committed: bool) {
        for service_id in &self.seen {
            changes.observed(*service_id);
        }
        if committed {
            for service_id in &self.made {
                changes.publish(*service_id);
            }
        }
    }
}

/// A new booking whose audit entry and confirmation are still to be written. The fiscal code
/// of the entry is read from the booking's prescription; the message goes to each contact of the
/// booking (or is recorded as `no_contact`), in the booking's language.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct NewBooking {
    #[serde(rename = "b")]
    pub booking_id: i64,
    pub at: i64,
    /// The audit entry: the actor's kind, member of staff, channel and delegation, the action.
    pub actor: &'static str,
    pub staff: Option<i64>,
    pub channel: Option<&'static str>,
    pub delegation: Option<i64>,
    pub action: &'static str,
    /// The message's kind.
    pub message: &'static str,
}

/// A connection (usually inside a transaction) of either backend, for helpers that take part
/// in a caller's transaction.
pub enum Conn<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

impl<'a> From<&'a mut sqlx::SqliteConnection> for Conn<'a> {
    fn from(conn: &'a mut sqlx::SqliteConnection) -> Self {
        Conn::Sqlite(conn)
    }
}

impl<'a> From<&'a mut sqlx::PgConnection> for Conn<'a> {
    fn from(conn: &'a mut sqlx::PgConnection) -> Self {
        Conn::Postgres(conn)
    }
}
