//! The guarantee route (percorso di tutela) as a process: when no slot meets a prescription's
//! deadline, the citizen asks for it online (`booking::journey::guarantee`) or through an
//! operator (`staff::console::guarantee`); supervisors see the requests against their deadlines
//! and record how each ended (`pages`); the transparency page counts them. `requests` holds the
//! rule (no slot in time, checked on the server) and every query; `form` reads the request form (shared by the citizen and the operator).

pub mod form;
pub mod pages;
pub mod requests;
