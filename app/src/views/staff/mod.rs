//! The staff side: sign-in, the operator console and the audit search. Same layout and rules as
//! the public pages (no script, every field labelled), plus who is signed in and a way out on
//! every page. The back office has its own module, `views::backoffice`.

mod audit;
mod bar;
mod console;
mod deliveries;
mod desk;
mod login;
mod slots;

pub use audit::{
    AUDIT_ACTIONS, AuditData, AuditEntryView, AuditFilters, AuditPage, AuditWho, action_name,
};
pub use bar::StaffBar;
pub use console::{
    ACCESS_NOTE_MAX, BookingLine, CitizenBanner, CitizenRecordData, CitizenRecordPage,
    CitizenSearchData, CitizenSearchPage, CitizenSummary, ConsoleChooseData, ConsoleChoosePage,
    ConsoleHomePage, ConsoleJourney, ConsoleSlotChoice, FormExpiredPage, RxLine, RxStatus,
    StaffCancelPage, StaffPrintPage, StaffReceiptData, StaffReceiptPage, WaitingLine,
};
pub use console::{
    ConsoleConfirmData, ConsoleConfirmPage, MessageLine, PaperDelegationForm, RecallAnswer,
    RecallLine, waiting_status_name,
};
pub use deliveries::{
    DeliveriesData, DeliveriesPage, DeliveryCounts, DeliveryLine, MESSAGE_CHANNELS, MESSAGE_KINDS,
    MESSAGE_STATES,
};
pub use desk::{DeskAction, DeskData, DeskPage, DeskVisit};
pub use login::LoginPage;
pub use slots::{ConsoleSlot, ConsoleSlotsData, ConsoleSlotsPage};

use crate::domain::Role;

/// The member of staff signed in, and the token their forms must carry.
#[derive(Clone, Debug)]
pub struct StaffView {
    pub name: String,
    pub role: Role,
    pub csrf: String,
    /// The database does not answer now: every staff page says so (the bar shows it).
    pub outage: bool,
}
