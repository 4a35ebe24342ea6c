//! Facilities and areas, held in memory: a few dozen rows that every availability page shows.

use std::collections::HashMap;

use crate::db::{Db, on_read};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Facility {
    pub id: i64,
    pub name: String,
    pub town: String,
    pub address: String,
    pub area_id: i64,
    pub access_notes_it: String,
    pub access_notes_en: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

impl Facility {
    pub fn access_notes(&self, lang: app::i18n::Lang) -> &str {
        match lang.data() {
            app::i18n::Lang::En => &self.access_notes_en,
            _ => &self.access_notes_it,
        }
    }
}

#[derive(Debug, Default)]
pub struct Directory {
    facilities: HashMap<i64, Facility>,
    /// (id, name), sorted by name.
    areas: Vec<(i64, String)>,
    /// Towns that have a facility, sorted.
    towns: Vec<String>,
}

impl Directory {
    pub async fn load(db: &Db) -> Result<Directory, sqlx::Error> {
        let (facilities, areas): (Vec<Facility>, Vec<(i64, String)>) = on_read!(db, pool => {
            (
                sqlx::query_as(
                    "select id, name, town, address, area_id, access_notes_it, access_notes_en, \
                     latitude, longitude from facilities",
                )
                .fetch_all(pool)
                .await?,
                sqlx::query_as("select id, name from areas order by name")
                    .fetch_all(pool)
                    .await?,
            )
        });
        let mut towns: Vec<String> = facilities.iter().map(|f| f.town.clone()).collect();
        towns.sort();
        towns.dedup();
        Ok(Directory {
            facilities: facilities.into_iter().map(|f| (f.id, f)).collect(),
            areas,
            towns,
        })
    }

    pub fn get(&self, id: i64) -> Option<&Facility> {
        self.facilities.get(&id)
    }

    pub fn areas(&self) -> &[(i64, String)] {
        &self.areas
    }

    pub fn area_name(&self, id: i64) -> Option<&str> {
        self.areas
            .iter()
            .find(|(a, _)| *a == id)
            .map(|(_, name)| name.as_str())
    }

    pub fn towns(&self) -> &[String] {
        &self.towns
    }

    pub fn all(&self) -> impl Iterator<Item = &Facility> {
        self.facilities.values()
    }

    /// The towns of an area, sorted.
    pub fn towns_of(&self, area_id: i64) -> Vec<String> {
        let mut towns: Vec<String> = self
            .all()
            .filter(|f| f.area_id == area_id)
            .map(|f| f.town.clone())
            .collect();
        towns.sort();
        towns.dedup();
        towns
    }

    /// The area a town's facilities belong to.
    pub fn area_of_town(&self, town: &str) -> Option<i64> {
        self.all().find(|f| f.town == town).map(|f| f.area_id)
    }

    /// Where a town is, as far as the data says: the centroid of its facilities' positions.
    pub fn town_position(&self, town: &str) -> Option<(f64, f64)> {
        let points: Vec<(f64, f64)> = self
            .all()
            .filter(|f| f.town == town)
            .filter_map(|f| Some((f.latitude?, f.longitude?)))
            .collect();
        let n = points.len() as f64;
        (!points.is_empty()).then(|| {
            let (lat, lon) = points
                .iter()
                .fold((0.0, 0.0), |(a, b), (lat, lon)| (a + lat, b + lon));
            (lat / n, lon / n)
        })
    }

    /// Kilometres as the crow flies from `from` to a facility, when its position is known.
    pub fn distance_km(&self, from: (f64, f64), facility_id: i64) -> Option<f64> {
        let f = self.get(facility_id)?;
        Some(haversine_km(from, (f.latitude?, f.longitude?)))
    }
}

/// Great-circle distance between two (latitude, longitude) points, in kilometres.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}
