//! Bookings: the one place that writes them. A slot is held (`hold`), booked (`book`), moved or
//! cancelled (`change`), offered to the waiting list (`offer`, and to a booking waiting for an
//! earlier slot: `earlier`), and its recall answer recorded
//! (`recall`) only here; the HTML journey, the operator console, the API and the back office's
//! suspensions all call these functions.
//!
//! Every write is one short transaction whose correctness the database guards: a slot is held
//! by at most one person (the hold's key is the slot), booked at most once and a prescription
//! books at most once (partial unique indexes). Nothing here checks-then-inserts; a lost race
//! comes back as a unique violation or zero rows, and becomes `BookingError::SlotTaken`. Each
//! transaction notes the services whose slots it changed, and `Db::change_slots` publishes them
//! to the caches once committed.

pub mod attendance;
pub mod book;
pub mod calendar;
pub mod change;
pub mod details;
pub mod earlier;
pub mod error;
pub mod hold;
pub mod journey;
pub mod offer;
pub mod recall;
pub mod receipt;
pub mod rules;
