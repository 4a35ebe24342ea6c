//! The back office: agendas (a facility × service schedule), their weekly templates, the slots
//! generated from them or added by hand, and suspensions. Lists are never closed: a new slot is
//! offered first to the waiting list, and a suspended day moves each booking to the earliest
//! free slot in time (or, with none, cancels it and puts the prescription on the waiting list)
//! through the booking core.
//!
//! Every change is one transaction with its audit entries and outbox messages; the slots it
//! changes are published to every cache once it commits (`Db::change_slots`).

pub mod agendas;
pub mod opening;
pub mod pages;
pub mod slots;
pub mod suspend;
