//! What people see: the pages of Cupola as Leptos views rendered on the server (no WASM, no
//! hydration), the stable Italian URLs, every text in Italian and English, and the value types of
//! the booking domain. No I/O here: the server crate loads the data and hands it to the views.

pub mod domain;
pub mod i18n;
pub mod routes;
pub mod search;
pub mod views;
