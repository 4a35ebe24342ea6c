//! Cupola's server: what the machine does. HTTP (axum), the database (sqlx over SQLite or
//! PostgreSQL), the demo region, static assets, and the `cupola` command line.

pub mod assets;
pub mod auth;
pub mod catalog;
pub mod cli;
pub mod db;
pub mod demo;
pub mod error;
pub mod http;
pub mod seed;
pub mod telemetry;
