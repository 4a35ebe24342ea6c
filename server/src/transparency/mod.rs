//! Public waiting times for transparency (D.Lgs 33/2013, art. 41): for every service, area and
//! priority class, the first date a citizen can book online, the median wait (appointment day
//! minus prescription day) of the bookings made in the last 90 days, how many they were and the
//! share booked inside the class's guaranteed wait.
//!
//! The figures are computed in the background for the whole region with three queries (at
//! start, then every ten minutes), never for a visitor. Every page variant (each area, each
//! language), the CSV and the JSON are rendered and compressed once per computation and served
//! from memory with an ETag and CDN-friendly `Cache-Control`, like the availability snapshots.

pub mod figures;
pub mod pages;
pub mod publish;
