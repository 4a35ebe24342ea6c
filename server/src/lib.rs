//! Cupola's server: what the machine does. Read `ARCHITECTURE.md` at the top of the repository
//! first; in short:
//!
//! * **Plumbing**: `router` (the service: routes and middleware), `web` (what every page stands
//!   on: page context, terminal, citizen pass, middleware, fast path), `state` (what handlers
//!   share), `error` (one error story), `admission` (capacity and the waiting room).
//! * **Domain**: `booking` (the one writer of holds and bookings, and the citizen's journey),
//!   `availability` (free slots, the rule of who may take one, the cache), `waitlist`,
//!   `prescriptions`, `catalog`, `facilities`, `audit`, `outbox`, `throttle` (wrong guesses
//!   counted per fiscal code, username and client).
//! * **Features** (each with its routes): `site` (home, catalogue), `booking::journey`,
//!   `availability::pages` (public waiting times), `staff` (sign-in and the operator console),
//!   `backoffice` (agendas), `suspensions` (their record, report and public page),
//!   `transparency`, `kiosk`, `api`, `health`, `legal` (privacy, accessibility statement and its
//!   feedback, cookies, source code).
//! * **Data and machinery**: `db` (SQLite and PostgreSQL behind one enum, the SQLite writer),
//!   `changes` (the change bus), `snapshots`, `seed` and `demo` (the demo region), `assets`,
//!   `clock`, `secrets`, `text`, `telemetry`, `cli`.

pub mod admission;
pub mod api;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod availability;
pub mod backoffice;
pub mod booking;
pub mod catalog;
pub mod changes;
pub mod citizen;
pub mod cli;
pub mod clock;
pub mod db;
pub mod delivery;
pub mod delivery_report;
pub mod demo;
pub mod error;
pub mod facilities;
pub mod fhir;
pub mod guarantee;
pub mod health;
pub mod kiosk;
pub mod legal;
pub mod links;
pub mod messages;
pub mod outbox;
pub mod prescriptions;
pub mod priority;
pub mod recall;
pub mod records;
pub mod router;
pub mod secrets;
pub mod seed;
pub mod site;
pub mod snapshots;
pub mod staff;
pub mod state;
pub mod suspensions;
pub mod telemetry;
pub mod text;
pub mod throttle;
pub mod transparency;
pub mod waitlist;
pub mod web;
