//! Optional contacts for reminders: a mobile phone number and an e-mail address, checked for
//! the mistakes people actually make, without rejecting valid but unusual forms.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a phone number has only digits, spaces and an optional leading +")]
    InvalidCharacter,
    #[error("a phone number has 9 to 13 digits")]
    WrongLength,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("an e-mail address has one @ with text on both sides")]
    Malformed,
    #[error("the part after @ needs a dot, as in example.it")]
    NoDomain,
    #[error("an e-mail address is at most 254 characters")]
    TooLong,
}

/// A phone number for SMS reminders, kept as `+` and digits (Italian numbers get +39).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let compact: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '/' | '(' | ')'))
            .collect();
        let (international, digits) = match compact.strip_prefix('+') {
            Some(rest) => (true, rest.to_owned()),
            None => match compact.strip_prefix("00") {
                Some(rest) => (true, rest.to_owned()),
                None => (false, compact),
            },
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PhoneError::InvalidCharacter);
        }
        let full = if international {
            digits
        } else {
            format!("39{digits}")
        };
        if !(9..=13).contains(&full.len()) {
            return Err(PhoneError::WrongLength);
        }
        Ok(Phone(format!("+{full}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Phone(…)")
    }
}

/// An e-mail address for reminders.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let trimmed = input.trim();
        if trimmed.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let Some((local, domain)) = trimmed.split_once('@') else {
            return Err(EmailError::Malformed);
        };
        // No space, tab, line break or other control character: none is ever part of an
        // address, and one would break the mail header the reminder is sent with.
        let blank = |c: char| c.is_whitespace() || c.is_control();
        if local.is_empty() || domain.is_empty() || domain.contains('@') || trimmed.contains(blank)
        {
            return Err(EmailError::Malformed);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            return Err(EmailError::NoDomain);
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Email(…)")
    }
}

/// A recipient (an e-mail address or a phone number) as staff may see it where the whole one is
/// not needed: `m***@example.it`, `***1234`.
pub fn masked(recipient: &str) -> String {
    match recipient.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => {
            let chars: Vec<char> = recipient.chars().collect();
            let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
            if chars.len() > 6 {
                format!("***{tail}")
            } else {
                "***".to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_recipient_shows_only_its_first_letter_and_domain_or_last_four_digits() {
        assert_eq!(masked("maria.rossi@example.it"), "m***@example.it");
        assert_eq!(masked("+393331234567"), "***4567");
        assert_eq!(masked("12345"), "***");
        assert_eq!(masked("@x.it"), "***@x.it");
    }

    #[test]
    fn italian_mobile_numbers_get_the_country_code() {
        assert_eq!(
            Phone::parse("333 123 4567").map(|p| p.0),
            Ok("+393331234567".to_owned())
        );
        assert_eq!(
            Phone::parse("+39 333-1234567").map(|p| p.0),
            Ok("+393331234567".to_owned())
        );
        assert_eq!(
            Phone::parse("0041 79 123 45 67").map(|p| p.0),
            Ok("+41791234567".to_owned())
        );
    }

    #[test]
    fn phone_numbers_with_letters_or_too_few_digits_are_refused() {
        assert_eq!(Phone::parse("333 abc"), Err(PhoneError::InvalidCharacter));
        assert_eq!(Phone::parse("12345"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse(""), Err(PhoneError::InvalidCharacter));
    }

    #[test]
    fn e_mail_addresses_need_an_at_and_a_domain() {
        assert_eq!(
            Email::parse(" Anna.Rossi@Example.IT ").map(|e| e.0),
            Ok("Anna.Rossi@example.it".to_owned())
        );
        assert_eq!(
            Email::parse("anna.rossi.example.it"),
            Err(EmailError::Malformed)
        );
        assert_eq!(Email::parse("anna@localhost"), Err(EmailError::NoDomain));
        assert_eq!(Email::parse("anna @example.it"), Err(EmailError::Malformed));
        // Found by the fuzz run: line breaks and control characters inside were accepted.
        assert_eq!(
            Email::parse("an\r\nna@example.it"),
            Err(EmailError::Malformed)
        );
        assert_eq!(
            Email::parse("anna@exam\tple.it"),
            Err(EmailError::Malformed)
        );
        assert_eq!(
            Email::parse("an\u{0}na@example.it"),
            Err(EmailError::Malformed)
        );
    }
}
