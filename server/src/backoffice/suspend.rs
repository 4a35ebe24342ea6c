//! Suspending an agenda for a day or a period (a broken machine, a doctor away). Slots are never
//! deleted and lists are never closed: the slots are marked suspended, holds on them go, and
//! every booking on them is moved or, with no slot in time, cancelled and put back on the
//! waiting list — by the booking core (`booking::change::relocate`), in the same transaction,
//! which also writes the record of the suspension and of each booking's outcome
//! (`suspensions::record`): the supervisors' report and the public page read it.

use app::domain::{PriorityClass, ServiceKind, SuspensionReason};
use chrono::NaiveDate;

use super::agendas::{Agenda, audit, is_unique_violation};
use crate::booking::change::{Relocated, Stranded, relocate};
use crate::clock::{local, start_of_day};
use crate::db::{Conn, Db, on_conn};
use crate::suspensions::record::{self, NewSuspension};

/// What a suspension did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Suspended {
    /// The record of the suspension; None when it found no open slot to suspend.
    pub id: Option<i64>,
    pub slots: u64,
    /// Bookings moved to another free slot in time.
    pub moved: u64,
    /// Bookings cancelled with the reason, their prescription put on the waiting list.
    pub waitlisted: u64,
}

/// Why: the category, and a few words fit to publish (also the bookings' cancel reason and
/// what each person's message says).
#[derive(Clone, Debug)]
pub struct Why {
    pub category: SuspensionReason,
    pub public_reason: String,
}

/// Suspends the agenda's open slots from `from` to `to` (inclusive; slots already started are
/// left alone), and records the suspension with each booking's outcome when any slot was
/// suspended. Every active booking on them is moved to the earliest free slot of the service
/// inside its deadline (same facility first, then the same area, then the region); with none,
/// it is cancelled with the reason and its prescription joins the waiting list. Each person
/// gets an `agenda_suspended` message.
///
/// A booking already later than its deadline keeps at least its own date as the limit: the
/// suspension may not leave anyone worse off than the appointment they had.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site, each value from the form"
)]
pub async fn suspend(
    db: &Db,
    agenda: &Agenda,
    kind: ServiceKind,
    from: NaiveDate,
    to: NaiveDate,
    why: &Why,
    staff_id: i64,
    now: i64,
) -> Result<Suspended, sqlx::Error> {
    let begin = start_of_day(from).max(now);
    let end = start_of_day(to.succ_opt().unwrap_or(to));
    let (agenda_id, service_id) = (agenda.id, agenda.service_id);
    let new = NewSuspension {
        agenda_id,
        facility_id: agenda.facility_id,
        service_id,
        from,
        to,
        reason: why.category,
        public_reason: why.public_reason.clone(),
        staff_id,
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let reason = why.public_reason.clone();
        let new = new.clone();
        let result = db.change_slots(move |conn, changed| Box::pin(async move { on_conn!(conn, c => {
            let suspended: Vec<i64> = sqlx::query_scalar(
                "update slots set status = 'suspended' where agenda_id = $1 and status = 'open' \
                 and starts_at >= $2 and starts_at < $3 returning id",
            )
            .bind(agenda_id)
            .bind(begin)
            .bind(end)
            .fetch_all(&mut *c)
            .await?;
            let mut outcome = Suspended { slots: suspended.len() as u64, ..Suspended::default() };
            if outcome.slots > 0 {
                changed.service(service_id);
            }
            // Holds on those slots go: a suspended slot cannot be confirmed. A waiting-list offer
            // lost this way is not the person's doing, so their request waits again unpenalised.
            let released: Vec<i64> = sqlx::query_scalar(
                "delete from holds where slot_id in (select id from slots where agenda_id = $1 \
                 and status = 'suspended' and starts_at >= $2 and starts_at < $3) \
                 returning prescription_id",
            )
            .bind(agenda_id)
            .bind(begin)
            .bind(end)
            .fetch_all(&mut *c)
            .await?;
            for prescription_id in released {
                sqlx::query(
                    "update waiting_list set status = 'waiting', updated_at = $2 \
                     where prescription_id = $1 and status = 'offered'",
                )
                .bind(prescription_id)
                .bind(now)
                .execute(&mut *c)
                .await?;
            }
            let stranded: Vec<Stranded> = sqlx::query_as(
                "select b.id, b.slot_id, b.prescription_id, b.channel, s.starts_at, s.facility_id, f.area_id, \
                 p.priority, p.prescribed_on \
                 from bookings b join slots s on s.id = b.slot_id \
                 join facilities f on f.id = s.facility_id \
                 join prescriptions p on p.id = b.prescription_id \
                 where s.agenda_id = $1 and s.status = 'suspended' and s.starts_at >= $2 \
                 and s.starts_at < $3 and b.status = 'confirmed' order by s.starts_at, b.id",
            )
            .bind(agenda_id)
            .bind(begin)
            .bind(end)
            .fetch_all(&mut *c)
            .await?;
            if outcome.slots > 0 || !stranded.is_empty() {
                outcome.id = Some(record::insert(Conn::from(&mut *c), &new, outcome.slots, now).await?);
            }
            for booking in &stranded {
                let class = PriorityClass::parse(&booking.priority).unwrap_or(PriorityClass::P);
                let deadline = class
                    .deadline(booking.prescribed_on, kind)
                    .max(local(booking.starts_at).date());
                let until = start_of_day(deadline.succ_opt().unwrap_or(deadline));
                let relocated = relocate(
                    Conn::from(&mut *c), changed, booking, service_id, until, deadline, &reason,
                    staff_id, now,
                ).await?;
                match relocated {
                    Relocated::Moved { .. } => outcome.moved += 1,
                    Relocated::Waitlisted { .. } => outcome.waitlisted += 1,
                }
                if let Some(id) = outcome.id {
                    record::insert_booking(Conn::from(&mut *c), id, booking.id, booking.slot_id, relocated).await?;
                }
            }
            let detail = format!(
                "agenda {agenda_id}, {from} to {to}: {} slots suspended, {} bookings moved, \
                 {} put on the waiting list{}",
                outcome.slots, outcome.moved, outcome.waitlisted,
                outcome.id.map(|id| format!("; suspension {id}, {}", new.reason.as_str())).unwrap_or_default()
            );
            audit(Conn::from(&mut *c), staff_id, "agenda.suspended", Some(&reason), &detail, now).await?;
            Ok::<_, sqlx::Error>(outcome)
        })})).await;
        match result {
            Ok(outcome) => return Ok(outcome),
            // Someone booked the chosen free slot in the meantime: look again.
            Err(err) if attempt < 3 && is_unique_violation(&err) => {}
            Err(err) => return Err(err),
        }
    }
}
