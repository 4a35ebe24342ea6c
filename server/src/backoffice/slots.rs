//! Opening slots: from the weekly templates for a period, or a few extra ones by hand. A slot
//! is unique by agenda and start, so running the same generation again creates nothing; each
//! new slot is offered first to the waiting list (earliest first), in the same transaction.

use chrono::NaiveDate;

use super::agendas::{Agenda, MAX_SLOT_SECONDS, Template, audit};
use super::opening;
use crate::booking::offer::offer_slot;
use crate::clock::local;
use crate::db::{Conn, Db, on_conn};

/// A slot to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSlot {
    pub starts_at: i64,
    pub ends_at: i64,
    pub reserved_channel: Option<String>,
    pub reserved_priority: Option<String>,
}

/// The slots the templates give from `from` to `to` (inclusive) that start after `now`.
pub fn slots_from_templates(
    templates: &[Template],
    slot_minutes: i64,
    from: NaiveDate,
    to: NaiveDate,
    now: i64,
) -> Vec<NewSlot> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        if opening::opens_on(day) {
            for row in templates.iter().filter(|t| t.applies_on(day)) {
                out.extend(
                    opening::opening_slots(day, row.start_minute, row.end_minute, slot_minutes)
                        .filter(|(starts_at, _)| *starts_at > now)
                        .map(|(starts_at, ends_at)| NewSlot {
                            starts_at,
                            ends_at,
                            reserved_channel: row.reserved_channel.clone(),
                            reserved_priority: row.reserved_priority.clone(),
                        }),
                );
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    out.sort_by_key(|s| s.starts_at);
    out
}

/// `count` consecutive slots of the agenda's length from `start_minute` on `day`.
pub fn extra_slots(
    day: NaiveDate,
    start_minute: i64,
    count: i64,
    slot_minutes: i64,
) -> Vec<NewSlot> {
    opening::opening_slots(
        day,
        start_minute,
        start_minute + count * slot_minutes,
        slot_minutes,
    )
    .map(|(starts_at, ends_at)| NewSlot {
        starts_at,
        ends_at,
        reserved_channel: None,
        reserved_priority: None,
    })
    .collect()
}

/// What adding slots did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub created: u64,
    /// Already there (or overlapping a slot that is, suspended ones included): not created again.
    pub existing: u64,
    /// New slots held for a request of the waiting list.
    pub offered: u64,
}

/// Creates the slots that do not exist yet, in one transaction, and offers each new one to the
/// waiting list (earliest first). Running it again creates nothing: a slot is unique by agenda
/// and start, and a slot overlapping an existing one of the agenda (even suspended) is skipped.
pub async fn add_slots(
    db: &Db,
    agenda: &Agenda,
    slots: Vec<NewSlot>,
    action: &'static str,
    detail: String,
    staff_id: i64,
    now: i64,
) -> Result<Added, sqlx::Error> {
    let (agenda_id, service_id, facility_id) = (agenda.id, agenda.service_id, agenda.facility_id);
    db.change_slots(move |conn, changed| Box::pin(async move { on_conn!(conn, c => {
        let mut created = Vec::new();
        let mut existing = 0u64;
        for slot in &slots {
            let id: Option<i64> = sqlx::query_scalar(
                "insert into slots (agenda_id, service_id, facility_id, starts_at, ends_at, \
                 reserved_channel, reserved_priority) \
                 select $1, $2, $3, $4, $5, $6, $7 where not exists (select 1 from slots o \
                   where o.agenda_id = $1 and o.starts_at > $8 and o.starts_at < $5 \
                   and o.ends_at > $4) \
                 on conflict (agenda_id, starts_at) do nothing returning id",
            )
            .bind(agenda_id)
            .bind(service_id)
            .bind(facility_id)
            .bind(slot.starts_at)
            .bind(slot.ends_at)
            .bind(slot.reserved_channel.as_deref())
            .bind(slot.reserved_priority.as_deref())
            .bind(slot.starts_at - MAX_SLOT_SECONDS)
            .fetch_optional(&mut *c)
            .await?;
            match id {
                Some(id) => created.push((id, slot.starts_at)),
                None => existing += 1,
            }
        }
        let mut offered = 0u64;
        if !created.is_empty() {
            // Only slots up to the latest deadline on the list can be offered to anyone.
            let last_deadline: Option<NaiveDate> = sqlx::query_scalar(
                "select max(deadline) from waiting_list where service_id = $1 and status = 'waiting'",
            )
            .bind(service_id)
            .fetch_one(&mut *c)
            .await?;
            if let Some(last) = last_deadline {
                for (id, starts_at) in &created {
                    if local(*starts_at).date() > last {
                        break;
                    }
                    if offer_slot(Conn::from(&mut *c), changed, *id, now).await? {
                        offered += 1;
                    }
                }
            }
        }
        if !created.is_empty() {
            changed.service(service_id);
        }
        let added = Added { created: created.len() as u64, existing, offered };
        let detail = format!(
            "{detail}: {} created, {} already there, {} offered to the waiting list",
            added.created, added.existing, added.offered
        );
        audit(Conn::from(&mut *c), staff_id, action, None, &detail, now).await?;
        Ok::<_, sqlx::Error>(added)
    })})).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(weekday: i64, from: NaiveDate, to: Option<NaiveDate>) -> Template {
        Template {
            weekday,
            start_minute: 8 * 60,
            end_minute: 9 * 60,
            reserved_channel: None,
            reserved_priority: Some("B".to_owned()),
            valid_from: from,
            valid_to: to,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn templates_give_slots_on_their_weekday_inside_their_validity_only() {
        // Mondays 8:00-9:00 in 20-minute slots, valid 9 to 16 March 2026.
        let rows = [row(1, day(2026, 3, 9), Some(day(2026, 3, 16)))];
        let slots = slots_from_templates(&rows, 20, day(2026, 3, 1), day(2026, 3, 31), 0);
        assert_eq!(slots.len(), 6, "two Mondays of three slots");
        assert!(
            slots
                .iter()
                .all(|s| s.reserved_priority.as_deref() == Some("B"))
        );
        assert!(slots.windows(2).all(|w| w[0].starts_at < w[1].starts_at));
    }

    #[test]
    fn slots_already_started_and_public_holidays_are_left_out() {
        let rows = [row(5, day(2026, 1, 1), None)];
        // Friday 25 December 2026 is Christmas; Friday 18 December is not.
        let slots = slots_from_templates(&rows, 30, day(2026, 12, 18), day(2026, 12, 25), 0);
        assert_eq!(slots.len(), 2);
        let later = slots_from_templates(
            &rows,
            30,
            day(2026, 12, 18),
            day(2026, 12, 25),
            slots[0].starts_at,
        );
        assert_eq!(later.len(), 1);
    }

    #[test]
    fn extra_slots_follow_each_other() {
        let slots = extra_slots(day(2026, 3, 2), 14 * 60, 3, 15);
        assert_eq!(slots.len(), 3);
        assert_eq!(slots[0].ends_at, slots[1].starts_at);
        assert_eq!(slots[2].ends_at - slots[0].starts_at, 45 * 60);
    }
}
