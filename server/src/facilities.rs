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
                    "select id, name, town, address, area_id, access_notes_it, access_notes_en \
                     from facilities",
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
}
