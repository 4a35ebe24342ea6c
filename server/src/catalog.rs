//! The services catalogue, held in memory: about a hundred rows that everyone searches, so a
//! search never touches the database.

use app::domain::ServiceKind;
use app::i18n::Lang;
use app::search;
use app::views::ServiceItem;

use crate::db::{Db, on_read};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub code: String,
    pub name_it: String,
    pub name_en: String,
    pub kind: String,
    pub discipline: String,
    pub synonyms: String,
    pub ticket_cents: Option<i64>,
    pub prep_notes_it: String,
    pub prep_notes_en: String,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub row: ServiceRow,
    pub kind: ServiceKind,
    /// Code, names in both languages, discipline and synonyms, folded for matching.
    search_text: String,
}

impl Service {
    pub fn name(&self, lang: Lang) -> &str {
        match lang.data() {
            Lang::En => &self.row.name_en,
            _ => &self.row.name_it,
        }
    }

    /// How to prepare, in `lang` (may be empty).
    pub fn prep_notes(&self, lang: Lang) -> &str {
        match lang.data() {
            Lang::En => &self.row.prep_notes_en,
            _ => &self.row.prep_notes_it,
        }
    }

    pub fn item(&self, lang: Lang) -> ServiceItem {
        ServiceItem {
            code: self.row.code.clone(),
            name: self.name(lang).to_owned(),
            kind: self.kind,
            discipline: self.row.discipline.clone(),
            ticket_cents: self.row.ticket_cents,
        }
    }
}

#[derive(Debug, Default)]
pub struct Catalog {
    /// Sorted by discipline, then Italian name.
    services: Vec<Service>,
}

impl Catalog {
    pub async fn load(db: &Db) -> Result<Catalog, sqlx::Error> {
        let rows: Vec<ServiceRow> = on_read!(db, pool => {
            sqlx::query_as(
                "select id, code, name_it, name_en, kind, discipline, synonyms, ticket_cents, \
                 prep_notes_it, prep_notes_en from services order by discipline, name_it",
            )
            .fetch_all(pool)
            .await?
        });
        let services = rows
            .into_iter()
            .filter_map(|row| {
                let kind = ServiceKind::parse(&row.kind).ok()?;
                let search_text = search::fold(&format!(
                    "{} {} {} {} {}",
                    row.code,
                    row.name_it,
                    row.name_en,
                    row.discipline,
                    row.synonyms.replace('|', " ")
                ));
                Some(Service {
                    row,
                    kind,
                    search_text,
                })
            })
            .collect();
        Ok(Catalog { services })
    }

    pub fn all(&self) -> &[Service] {
        &self.services
    }

    pub fn by_id(&self, id: i64) -> Option<&Service> {
        self.services.iter().find(|s| s.row.id == id)
    }

    pub fn by_code(&self, code: &str) -> Option<&Service> {
        self.services
            .iter()
            .find(|s| s.row.code.eq_ignore_ascii_case(code))
    }

    /// Services matching what was typed, best first; an exact catalogue code comes first of all.
    pub fn search(&self, query: &str) -> Vec<&Service> {
        let folded = search::fold(query);
        let mut hits: Vec<(u32, &Service)> = self
            .services
            .iter()
            .filter_map(|s| {
                let exact_code = s.row.code.eq_ignore_ascii_case(query.trim());
                search::score(&folded, &s.search_text)
                    .map(|score| (score + if exact_code { 100 } else { 0 }, s))
            })
            .collect();
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.row.name_it.cmp(&b.1.row.name_it))
        });
        hits.into_iter().map(|(_, s)| s).collect()
    }
}
