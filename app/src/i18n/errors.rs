//! Plain-language messages for what people type wrong, shared by the HTML forms and the API.

use super::Texts;
use crate::domain::{BookingCodeError, EmailError, FiscalCodeError, NreError, PhoneError};

impl Texts {
    pub fn fiscal_code_error(&self, err: FiscalCodeError) -> String {
        match err {
            FiscalCodeError::Empty => self.fc_empty.to_owned(),
            FiscalCodeError::WrongLength { len } => (self.fc_length)(len),
            FiscalCodeError::InvalidCharacter { position } => (self.fc_character)(position),
            FiscalCodeError::InvalidMonth | FiscalCodeError::InvalidDay => self.fc_date.to_owned(),
            // The last two come only from encoding a code, never from reading one.
            FiscalCodeError::WrongCheckCharacter { .. }
            | FiscalCodeError::NameWithoutLetters
            | FiscalCodeError::InvalidMunicipality => self.fc_check.to_owned(),
        }
    }

    pub fn nre_error(&self, err: NreError) -> String {
        match err {
            NreError::Empty => self.nre_empty.to_owned(),
            NreError::WrongLength { len } => (self.nre_length)(len),
            NreError::InvalidCharacter { position } => (self.nre_character)(position),
            NreError::UnknownRegion => self.nre_region.to_owned(),
        }
    }

    pub fn booking_code_error(&self, err: BookingCodeError) -> String {
        match err {
            BookingCodeError::Empty => self.bc_empty.to_owned(),
            BookingCodeError::WrongLength { len } => (self.bc_length)(len),
            BookingCodeError::InvalidCharacter { position } => (self.bc_character)(position),
        }
    }

    pub fn phone_error(&self, err: PhoneError) -> String {
        match err {
            PhoneError::InvalidCharacter => self.phone_characters,
            PhoneError::WrongLength => self.phone_length,
        }
        .to_owned()
    }

    pub fn email_error(&self, err: EmailError) -> String {
        match err {
            EmailError::Malformed => self.email_malformed,
            EmailError::NoDomain => self.email_domain,
            EmailError::TooLong => self.email_long,
        }
        .to_owned()
    }
}

/// A stable machine-readable name for each input error (the API's `code`).
pub trait ErrorCode {
    fn code(&self) -> &'static str;
}

impl ErrorCode for FiscalCodeError {
    fn code(&self) -> &'static str {
        match self {
            FiscalCodeError::Empty => "empty",
            FiscalCodeError::WrongLength { .. } => "wrong_length",
            FiscalCodeError::InvalidCharacter { .. } => "invalid_character",
            FiscalCodeError::InvalidMonth | FiscalCodeError::InvalidDay => "invalid_date",
            FiscalCodeError::WrongCheckCharacter { .. } => "wrong_check_character",
            FiscalCodeError::NameWithoutLetters | FiscalCodeError::InvalidMunicipality => "invalid",
        }
    }
}

impl ErrorCode for NreError {
    fn code(&self) -> &'static str {
        match self {
            NreError::Empty => "empty",
            NreError::WrongLength { .. } => "wrong_length",
            NreError::InvalidCharacter { .. } => "invalid_character",
            NreError::UnknownRegion => "unknown_region",
        }
    }
}

impl ErrorCode for BookingCodeError {
    fn code(&self) -> &'static str {
        match self {
            BookingCodeError::Empty => "empty",
            BookingCodeError::WrongLength { .. } => "wrong_length",
            BookingCodeError::InvalidCharacter { .. } => "invalid_character",
        }
    }
}

impl ErrorCode for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            PhoneError::InvalidCharacter => "invalid_character",
            PhoneError::WrongLength => "wrong_length",
        }
    }
}

impl ErrorCode for EmailError {
    fn code(&self) -> &'static str {
        match self {
            EmailError::Malformed => "malformed",
            EmailError::NoDomain => "no_domain",
            EmailError::TooLong => "too_long",
        }
    }
}
