//! The operator console: the menu, finding a citizen (with the reason, which is audited), their
//! record, and booking, reprinting, moving and cancelling for them. The citizen being served is
//! kept in the staff session: no fiscal code ever appears in these pages' URLs. One file per
//! page.

mod cancel;
mod choose;
mod citizen_banner;
mod citizen_record;
mod citizen_search;
mod confirm;
mod form_expired;
mod home;
mod receipt;

pub use cancel::StaffCancelPage;
pub use choose::{ConsoleChooseData, ConsoleChoosePage, ConsoleJourney, ConsoleSlotChoice};
pub use citizen_banner::{CitizenBanner, CitizenSummary};
pub use citizen_record::{
    BookingLine, CitizenRecordData, CitizenRecordPage, MessageLine, PaperDelegationForm,
    RecallAnswer, RecallLine, RxLine, RxStatus, WaitingLine, waiting_status_name,
};
pub use citizen_search::{ACCESS_NOTE_MAX, CitizenSearchData, CitizenSearchPage};
pub use confirm::{ConsoleConfirmData, ConsoleConfirmPage};
pub use form_expired::FormExpiredPage;
pub use home::ConsoleHomePage;
pub use receipt::{StaffPrintPage, StaffReceiptData, StaffReceiptPage};
