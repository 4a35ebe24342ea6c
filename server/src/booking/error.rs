//! Why a booking operation did not happen. Each is an answer for the person (409 or 422, see
//! `AppError` and the API's `booking_error`), except a database failure.

use chrono::NaiveDate;

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    /// Someone else holds or booked the slot: a lost race (409).
    #[error("the slot was just taken by someone else")]
    SlotTaken,
    /// The slot is not one this person may take (a quota, a class, too soon, suspended) (422).
    #[error("the slot cannot be booked through this channel or with this prescription")]
    SlotUnavailable,
    /// The hold expired or was already used (409).
    #[error("the hold expired or was already used")]
    HoldExpired,
    /// The prescription already has an active booking (409).
    #[error("the prescription already has an active booking")]
    AlreadyBooked,
    /// The booking is cancelled, attended or missed, or no longer exists (409).
    #[error("the booking is not active")]
    NotActive,
    /// Too late to move or cancel it online (409).
    #[error("too late to change the booking online (last day was {last_day})")]
    TooLateToChange { last_day: NaiveDate },
    /// Three freshly drawn booking codes were all taken: about never (500).
    #[error("could not draw an unused booking code")]
    NoFreeCode,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}
