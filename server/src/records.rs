//! A citizen's record, as the operator console and the citizen's own signed-in area show it:
//! their prescriptions (and what can be done with each), bookings and waiting-list entries, and
//! for each booking its recall (reminders, the answer) and the messages about it, recipients
//! masked. Read from the fiscal code; who may read it, and the audit of staff reads, is the
//! caller's.

use std::collections::HashMap;

use chrono::NaiveDate;

use app::domain::contact::masked;
use app::domain::{BookingCode, BookingStatus, PriorityClass, WaitingStatus};
use app::i18n::Lang;
use app::views::staff::{
    BookingLine, MessageLine, RecallAnswer, RecallLine, RxLine, RxStatus, WaitingLine,
};

use crate::audit::Actor;
use crate::booking::rules::may_change;
use crate::clock::local;
use crate::db::{Db, on_read};
use crate::error::AppError;
use crate::outbox::Message;
use crate::prescriptions::Prescription;
use crate::state::AppState;

/// What is on record for one citizen.
pub(crate) struct Record {
    pub prescriptions: Vec<RxLine>,
    pub bookings: Vec<BookingLine>,
    pub waiting: Vec<WaitingLine>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct RxRow {
    pub(crate) id: i64,
    pub(crate) nre: String,
    pub(crate) service_id: i64,
    pub(crate) priority: String,
    pub(crate) prescribed_on: NaiveDate,
    pub(crate) status: String,
    pub(crate) booked: i64,
    pub(crate) waiting: i64,
}

impl RxRow {
    pub(crate) fn prescription(&self, fiscal_code: &str) -> Option<Prescription> {
        Some(Prescription {
            id: self.id,
            fiscal_code: app::domain::FiscalCode::parse(fiscal_code).ok()?,
            service_id: self.service_id,
            priority: PriorityClass::parse(&self.priority).ok()?,
            prescribed_on: self.prescribed_on,
        })
    }

    /// Where it stands today; None when its service or class is unknown.
    pub(crate) fn status(&self, state: &AppState) -> Option<(RxStatus, NaiveDate)> {
        let kind = state.catalog.by_id(self.service_id)?.kind;
        let deadline = PriorityClass::parse(&self.priority)
            .ok()?
            .deadline(self.prescribed_on, kind);
        let status = match self.status.as_str() {
            "revoked" => RxStatus::Revoked,
            "used" => RxStatus::Used,
            _ if self.booked != 0 => RxStatus::Booked,
            _ if state.clock.today() > deadline => RxStatus::Expired,
            _ if self.waiting != 0 => RxStatus::Waiting,
            _ => RxStatus::ToBook,
        };
        Some((status, deadline))
    }
}

/// The citizen's prescriptions, newest first (or only the one with `id`, if it is theirs).
pub(crate) async fn prescriptions_of(
    db: &Db,
    fiscal_code: &str,
    id: Option<i64>,
) -> Result<Vec<RxRow>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(
            "select p.id, p.nre, p.service_id, p.priority, p.prescribed_on, p.status, \
             cast(case when exists (select 1 from bookings b where b.prescription_id = p.id \
               and b.status <> 'cancelled') then 1 else 0 end as bigint) as booked, \
             cast(case when exists (select 1 from waiting_list w where w.prescription_id = p.id \
               and w.status in ('waiting', 'offered')) then 1 else 0 end as bigint) as waiting \
             from prescriptions p \
             where p.fiscal_code = $1 and (cast($2 as bigint) is null or p.id = $2) \
             order by p.prescribed_on desc, p.id desc",
        )
        .bind(fiscal_code)
        .bind(id)
        .fetch_all(pool)
        .await
    })
}

#[derive(sqlx::FromRow)]
struct BookingRecord {
    id: i64,
    code: String,
    status: String,
    starts_at: i64,
    service_id: i64,
    facility_id: i64,
    recall: Option<String>,
    recall_at: Option<i64>,
}

type Reminders = HashMap<i64, Vec<(i64, NaiveDate)>>;
type Messages = HashMap<i64, Vec<MessageLine>>;
/// booking, kind, channel, status, recipient, created at.
type MessageRow = (i64, String, Option<String>, String, Option<String>, i64);

/// The reminders queued and the messages about the citizen's bookings, by booking; recipients
/// masked. Read under the record's own audit entry (opening the record is audited).
async fn recall_of(state: &AppState, fiscal_code: &str) -> Result<(Reminders, Messages), AppError> {
    let reminder_rows: Vec<(i64, i64, i64)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select r.booking_id, r.days_before, r.queued_at from booking_reminders r \
             join bookings b on b.id = r.booking_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by r.queued_at, r.days_before desc",
        )
        .bind(fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let mut reminders = Reminders::new();
    for (booking_id, days, at) in reminder_rows {
        reminders
            .entry(booking_id)
            .or_default()
            .push((days, local(at).date()));
    }
    let message_rows: Vec<MessageRow> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select o.booking_id, o.kind, o.channel, o.status, o.recipient, o.created_at \
             from notification_outbox o join bookings b on b.id = o.booking_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by o.id limit 1000",
        )
        .bind(fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let mut messages = Messages::new();
    for (booking_id, kind, channel, status, recipient, at) in message_rows {
        let Some(kind) = Message::ALL.iter().position(|m| m.kind() == kind) else {
            continue;
        };
        let channel = match channel.as_deref() {
            Some("email") => 0,
            Some("sms") => 1,
            _ => 2,
        };
        let state = match status.as_str() {
            "pending" => 0,
            "sent" => 1,
            "failed" => 2,
            _ => 3,
        };
        messages.entry(booking_id).or_default().push(MessageLine {
            kind,
            channel,
            state,
            to: recipient.as_deref().map(masked),
            at: local(at),
        });
    }
    Ok((reminders, messages))
}

/// Everything on record for the holder of `fiscal_code`: prescriptions (and where each
/// stands), bookings (with `actor`'s right to change them, their recall and messages) and
/// waiting-list entries. The caller audits a member of staff's read.
pub(crate) async fn of(
    state: &AppState,
    lang: Lang,
    fiscal_code: &str,
    actor: Actor,
) -> Result<Record, AppError> {
    let service_name = |id: i64| {
        state
            .catalog
            .by_id(id)
            .map(|s| s.name(lang).to_owned())
            .unwrap_or_default()
    };
    let prescriptions = prescriptions_of(&state.db, fiscal_code, None)
        .await?
        .into_iter()
        .filter_map(|rx| {
            let (status, deadline) = rx.status(state)?;
            Some(RxLine {
                id: rx.id,
                service: service_name(rx.service_id),
                priority: PriorityClass::parse(&rx.priority).ok()?,
                prescribed_on: rx.prescribed_on,
                deadline,
                status,
                nre: rx.nre,
            })
        })
        .collect();

    let booking_rows: Vec<BookingRecord> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select b.id, b.code, b.status, s.starts_at, s.service_id, s.facility_id, b.recall, \
             b.recall_at \
             from bookings b join slots s on s.id = b.slot_id \
             join prescriptions p on p.id = b.prescription_id \
             where p.fiscal_code = $1 order by s.starts_at desc, b.id desc limit 200",
        )
        .bind(fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let (now, today) = (state.clock.now(), state.clock.today());
    let (mut reminders, mut messages) = recall_of(state, fiscal_code).await?;
    let bookings = booking_rows
        .into_iter()
        .filter_map(|row| {
            let BookingRecord {
                id,
                code,
                status,
                starts_at,
                service_id,
                facility_id,
                recall,
                recall_at,
            } = row;
            let parsed = BookingCode::parse(&code).ok()?;
            let status = BookingStatus::parse(&status)?;
            let facility = state.directory.get(facility_id);
            let answer = match (recall.as_deref(), recall_at) {
                (Some("confirmed"), Some(at)) => Some((RecallAnswer::Confirmed, local(at).date())),
                (Some("no_reply"), Some(at)) => Some((RecallAnswer::NoReply, local(at).date())),
                _ => None,
            };
            Some(BookingLine {
                recall: RecallLine {
                    reminders: reminders.remove(&id).unwrap_or_default(),
                    answer,
                },
                messages: messages.remove(&id).unwrap_or_default(),
                code_grouped: parsed.display_grouped(),
                code,
                service: service_name(service_id),
                starts: local(starts_at),
                facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
                town: facility.map(|f| f.town.clone()).unwrap_or_default(),
                changeable: may_change(actor, status, starts_at, today, now).is_ok(),
                status,
            })
        })
        .collect();

    let waiting_rows: Vec<(i64, String, NaiveDate, String, i64)> = on_read!(&state.db, pool => {
        sqlx::query_as(
            "select w.service_id, w.priority, w.deadline, w.status, w.created_at \
             from waiting_list w join prescriptions p on p.id = w.prescription_id \
             where p.fiscal_code = $1 order by w.created_at desc",
        )
        .bind(fiscal_code)
        .fetch_all(pool)
        .await?
    });
    let waiting = waiting_rows
        .into_iter()
        .filter_map(|(service_id, priority, deadline, status, created_at)| {
            let status = WaitingStatus::parse(&status)?;
            Some(WaitingLine {
                service: service_name(service_id),
                priority: PriorityClass::parse(&priority).ok()?,
                deadline,
                since: local(created_at).date(),
                status,
            })
        })
        .collect();
    Ok(Record {
        prescriptions,
        bookings,
        waiting,
    })
}

/// The holder's name as the registry has it ("Anna Rossi"), or None if it does not know them.
pub(crate) async fn name_of(db: &Db, fiscal_code: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String, String)> = on_read!(db, pool => {
        sqlx::query_as("select given_name, family_name from citizens where fiscal_code = $1")
            .bind(fiscal_code)
            .fetch_optional(pool)
            .await?
    });
    Ok(row.map(|(given, family)| format!("{given} {family}")))
}
