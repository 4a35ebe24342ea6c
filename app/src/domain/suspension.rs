//! Why an agenda was suspended: a category (kept in `suspensions.reason_category`) and a few
//! words fit to publish, whose limit the form, the booking core's messages and the schema share.

/// The longest public reason of a suspension (the schema's check says the same).
pub const MAX_PUBLIC_REASON_CHARS: usize = 160;

/// The kind of reason an agenda was suspended for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SuspensionReason {
    /// A machine broken or being serviced.
    Equipment,
    /// A doctor or the staff away.
    StaffAbsence,
    /// The premises unavailable (works, a fault of the building).
    Facility,
    Other,
}

impl SuspensionReason {
    /// In the order of `Texts::su_reason_names`.
    pub const ALL: [SuspensionReason; 4] = [
        SuspensionReason::Equipment,
        SuspensionReason::StaffAbsence,
        SuspensionReason::Facility,
        SuspensionReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SuspensionReason::Equipment => "equipment",
            SuspensionReason::StaffAbsence => "staff_absence",
            SuspensionReason::Facility => "facility",
            SuspensionReason::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<SuspensionReason> {
        SuspensionReason::ALL
            .into_iter()
            .find(|r| r.as_str() == value.trim())
    }

    /// Its place in `ALL` (and in the texts that name each one).
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip_and_nothing_else_parses() {
        for (i, reason) in SuspensionReason::ALL.into_iter().enumerate() {
            assert_eq!(SuspensionReason::parse(reason.as_str()), Some(reason));
            assert_eq!(reason.index(), i);
        }
        for wrong in ["", "Equipment", "staff absence", "altro"] {
            assert_eq!(SuspensionReason::parse(wrong), None, "{wrong}");
        }
    }
}
