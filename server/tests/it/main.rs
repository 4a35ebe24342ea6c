//! Integration tests: the real app on port 0 with a fresh database, on SQLite and PostgreSQL.
//! One test binary (one link of the whole server) for all of them.

mod common;
mod fixtures;
mod proxy;

mod admission;
mod api;
mod architecture;
mod backoffice;
mod citizen;
mod cli;
mod console;
mod delegation;
mod delivery;
mod desk;
mod fhir;
mod fhir_appointments;
mod guarantee;
mod health;
mod journey;
mod journey_fixes;
mod keep_waiting;
mod kiosk;
mod legal;
mod messages;
mod outage;
mod pages;
mod peak;
mod prepared;
mod recall;
mod receipt;
mod redirects;
mod schema;
mod seeding;
mod slow_clients;
mod staff;
mod suspensions;
mod throttle;
