//! Cupola's server: what the machine does. HTTP (axum), the database (sqlx over SQLite or
//! PostgreSQL), the demo region, static assets, and the `cupola` command line.

pub mod admission;
pub mod api;
pub mod assets;
pub mod auth;
pub mod availability;
pub mod backoffice;
pub mod booking;
pub mod catalog;
pub mod changes;
pub mod cli;
pub mod clock;
pub mod db;
pub mod demo;
pub mod error;
pub mod facilities;
pub mod http;
pub mod journal;
pub mod kiosk;
pub mod prescriptions;
pub mod secrets;
pub mod seed;
pub mod snapshots;
pub mod staff;
pub mod telemetry;
pub mod transparency;
pub mod waitlist;
