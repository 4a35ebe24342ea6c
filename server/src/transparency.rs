//! Public waiting times for transparency (D.Lgs 33/2013, art. 41): for every service, area and
//! priority class, the first date a citizen can book online, the median wait (appointment day
//! minus prescription day) of the bookings made in the last 90 days, how many they were and the
//! share booked inside the class's guaranteed wait.
//!
//! The figures are computed in the background for the whole region with three queries (at
//! start, then every ten minutes), never for a visitor. Every page variant (each area, each
//! language), the CSV and the JSON are rendered and compressed once per computation and served
//! from memory with an ETag and CDN-friendly `Cache-Control`, like the availability snapshots.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use chrono::NaiveDate;
use futures::TryStreamExt;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use app::domain::PriorityClass;
use app::i18n::{EN, IT, Lang};
use app::routes;
use app::views::PageContext;
use app::views::render_document;
use app::views::transparency::{
    COLUMNS, ClassFigures, ServiceFigures, TransparencyData, TransparencyPage,
};

use crate::assets::{Compressed, Effort};
use crate::availability::MIN_LEAD_SECONDS;
use crate::catalog::Catalog;
use crate::clock::{Clock, local};
use crate::db::{Db, on_read};
use crate::error::AppError;
use crate::facilities::Directory;
use crate::http::{AppState, lang_of};

/// Days of bookings the medians and shares look back over.
pub const WINDOW_DAYS: i64 = 90;
/// How often the figures are computed again.
pub const REFRESH: Duration = Duration::from_secs(600);
/// Browsers and CDNs may reuse the figures for a few minutes (they change every ten), serve
/// them stale while fetching new ones, and for a day if Cupola cannot answer.
pub const CACHE_CONTROL: &str =
    "public, max-age=300, stale-while-revalidate=600, stale-if-error=86400";
/// The area name of the rows about the whole region, in the open data.
pub const REGION: &str = "Toscana";

/// The figures of one service, place and class.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub service_id: i64,
    /// None: the whole region.
    pub area_id: Option<i64>,
    pub class: PriorityClass,
    pub max_wait_days: u32,
    pub first_available: Option<NaiveDate>,
    pub median_days: Option<f64>,
    pub bookings: u64,
    pub within_deadline: u64,
}

impl Figure {
    /// Share of the bookings inside the guaranteed wait, in percent, one decimal.
    pub fn within_percent(&self) -> Option<f64> {
        (self.bookings > 0)
            .then(|| (self.within_deadline as f64 * 1000.0 / self.bookings as f64).round() / 10.0)
    }
}

/// The median of a histogram of whole days: the middle value, or the mean of the two middle
/// values of an even count.
pub fn median(histogram: &BTreeMap<i64, u64>) -> Option<f64> {
    let total: u64 = histogram.values().sum();
    if total == 0 {
        return None;
    }
    // The values at 0-based ranks (total-1)/2 and total/2 (the same one when total is odd).
    let (low_rank, high_rank) = ((total - 1) / 2, total / 2);
    let (mut low, mut high) = (None, None);
    let mut seen = 0u64;
    for (value, count) in histogram {
        let next = seen + count;
        if low.is_none() && low_rank < next {
            low = Some(*value);
        }
        if high_rank < next {
            high = Some(*value);
            break;
        }
        seen = next;
    }
    Some((low? + high?) as f64 / 2.0)
}

#[derive(Default)]
struct Waits {
    histogram: BTreeMap<i64, u64>,
    count: u64,
    within: u64,
}

impl Waits {
    fn add(&mut self, days: i64, within: bool) {
        *self.histogram.entry(days).or_default() += 1;
        self.count += 1;
        if within {
            self.within += 1;
        }
    }
}

/// Computes every figure of the region at `now`.
pub async fn compute(db: &Db, catalog: &Catalog, now: i64) -> Result<Vec<Figure>, sqlx::Error> {
    // Where each service is offered: (service, area).
    let offered: Vec<(i64, i64)> = on_read!(db, pool => {
        sqlx::query_as(
            "select distinct a.service_id, f.area_id from agendas a \
             join facilities f on f.id = a.facility_id where a.active",
        )
        .fetch_all(pool)
        .await?
    });
    // The first free slot anyone can book online, per service, area and priority reservation:
    // for each facility offering the service and each reservation its templates use, walk the
    // `(service_id, facility_id, starts_at)` index to the first free slot. (One aggregate over
    // every future slot took 40 s of a core at region scale.)
    let per_facility: Vec<(i64, i64, Option<String>, Option<i64>)> = on_read!(db, pool => {
        sqlx::query_as(
            "select c.service_id, f.area_id, c.reserved_priority, \
               (select s.starts_at from slots s \
                 where s.service_id = c.service_id and s.facility_id = c.facility_id \
                   and s.starts_at >= $1 and s.status = 'open' \
                   and coalesce(s.reserved_priority, '-') = coalesce(c.reserved_priority, '-') \
                   and (s.reserved_channel is null or s.reserved_channel = 'web') \
                   and not exists (select 1 from bookings b where b.slot_id = s.id \
                                   and b.status <> 'cancelled') \
                   and not exists (select 1 from holds h where h.slot_id = s.id \
                                   and h.expires_at > $2) \
                 order by s.starts_at limit 1) \
             from (select a.service_id, a.facility_id, t.reserved_priority \
                     from agendas a join agenda_templates t on t.agenda_id = a.id \
                   union \
                   select a.service_id, a.facility_id, null from agendas a) c \
             join facilities f on f.id = c.facility_id",
        )
        .bind(now + MIN_LEAD_SECONDS)
        .bind(now)
        .fetch_all(pool)
        .await?
    });
    let mut first_by_group: HashMap<(i64, i64, Option<String>), i64> = HashMap::new();
    for (service_id, area_id, reserved, first) in per_facility {
        if let Some(first) = first {
            first_by_group
                .entry((service_id, area_id, reserved))
                .and_modify(|earliest| *earliest = (*earliest).min(first))
                .or_insert(first);
        }
    }
    let firsts: Vec<(i64, i64, Option<String>, i64)> = first_by_group
        .into_iter()
        .map(|((service_id, area_id, reserved), first)| (service_id, area_id, reserved, first))
        .collect();
    // The waits of the bookings made in the window, streamed into histograms.
    let mut waits: HashMap<(i64, Option<i64>, PriorityClass), Waits> = HashMap::new();
    let since = now - WINDOW_DAYS * 86_400;
    let mut record = |service_id: i64,
                      area_id: i64,
                      priority: &str,
                      prescribed_on: NaiveDate,
                      starts_at: i64| {
        let (Some(service), Ok(class)) =
            (catalog.by_id(service_id), PriorityClass::parse(priority))
        else {
            return;
        };
        let day = local(starts_at).date();
        let days = (day - prescribed_on).num_days();
        let within = day <= class.deadline(prescribed_on, service.kind);
        for area in [Some(area_id), None] {
            waits
                .entry((service_id, area, class))
                .or_default()
                .add(days, within);
        }
    };
    let sql = "select s.service_id, f.area_id, p.priority, p.prescribed_on, s.starts_at \
               from bookings b join slots s on s.id = b.slot_id \
               join facilities f on f.id = s.facility_id \
               join prescriptions p on p.id = b.prescription_id \
               where b.created_at >= $1 and b.status <> 'cancelled'";
    on_read!(db, pool => {
        let mut rows = sqlx::query_as::<_, (i64, i64, String, NaiveDate, i64)>(sql)
            .bind(since)
            .fetch(pool);
        while let Some((service_id, area_id, priority, prescribed_on, starts_at)) =
            rows.try_next().await?
        {
            record(service_id, area_id, &priority, prescribed_on, starts_at);
        }
    });

    let mut first: HashMap<(i64, Option<i64>, Option<PriorityClass>), i64> = HashMap::new();
    for (service_id, area_id, reserved, starts_at) in firsts {
        let reserved = match reserved.as_deref().map(PriorityClass::parse) {
            None => None,
            Some(Ok(class)) => Some(class),
            Some(Err(_)) => continue,
        };
        for area in [Some(area_id), None] {
            first
                .entry((service_id, area, reserved))
                .and_modify(|t| *t = (*t).min(starts_at))
                .or_insert(starts_at);
        }
    }

    let mut places: HashSet<(i64, Option<i64>)> = HashSet::new();
    for (service_id, area_id) in offered {
        places.insert((service_id, Some(area_id)));
        places.insert((service_id, None));
    }
    places.extend(waits.keys().map(|(s, a, _)| (*s, *a)));
    places.extend(first.keys().map(|(s, a, _)| (*s, *a)));

    let mut figures = Vec::with_capacity(places.len() * 4);
    for (service_id, area_id) in places {
        let Some(service) = catalog.by_id(service_id) else {
            continue;
        };
        for class in PriorityClass::ALL {
            // A class may use unreserved slots and those kept for its class or a later one.
            let first_available = std::iter::once(None)
                .chain(PriorityClass::ALL.into_iter().map(Some))
                .filter(|reserved| class.may_use(*reserved))
                .filter_map(|reserved| first.get(&(service_id, area_id, reserved)).copied())
                .min()
                .map(|t| local(t).date());
            let w = waits.get(&(service_id, area_id, class));
            figures.push(Figure {
                service_id,
                area_id,
                class,
                max_wait_days: class.max_wait_days(service.kind),
                first_available,
                median_days: w.and_then(|w| median(&w.histogram)),
                bookings: w.map_or(0, |w| w.count),
                within_deadline: w.map_or(0, |w| w.within),
            });
        }
    }
    Ok(figures)
}

/// What is served until the next computation.
#[derive(Debug)]
pub struct Published {
    pub computed_at: i64,
    pub figures: Vec<Figure>,
    /// (area, language) → page; area None is the whole region.
    pages: HashMap<(Option<i64>, Lang), Compressed>,
    pub csv: Compressed,
    pub json: Compressed,
}

impl Published {
    pub fn page(&self, area: Option<i64>, lang: Lang) -> Option<&Compressed> {
        self.pages.get(&(area, lang))
    }

    pub fn figure(
        &self,
        service_id: i64,
        area_id: Option<i64>,
        class: PriorityClass,
    ) -> Option<&Figure> {
        self.figures
            .iter()
            .find(|f| f.service_id == service_id && f.area_id == area_id && f.class == class)
    }
}

pub struct Transparency {
    published: RwLock<Option<Arc<Published>>>,
    /// One computation at a time; a request arriving before the first waits for it.
    computing: tokio::sync::Mutex<()>,
    css_href: &'static str,
}

impl Transparency {
    pub fn new(css_href: &'static str) -> Transparency {
        Transparency {
            published: RwLock::new(None),
            computing: tokio::sync::Mutex::new(()),
            css_href,
        }
    }

    pub fn get(&self) -> Option<Arc<Published>> {
        self.published.read().ok().and_then(|p| p.clone())
    }

    /// Computes, renders and publishes the figures now. On failure the previous ones stay.
    pub async fn refresh(
        &self,
        db: &Db,
        catalog: &Catalog,
        directory: &Directory,
        clock: &Clock,
    ) -> Result<Arc<Published>, sqlx::Error> {
        let _one_at_a_time = self.computing.lock().await;
        // "Now" is read once the lock is held: a later computation never publishes older data.
        let now = clock.now();
        let started = std::time::Instant::now();
        let figures = compute(db, catalog, now).await?;
        let renderer = Renderer {
            css_href: self.css_href,
            catalog,
            directory,
            computed_at: now,
        };
        let published = Arc::new(renderer.publish(figures));
        if let Ok(mut slot) = self.published.write() {
            *slot = Some(published.clone());
        }
        tracing::info!(
            rows = published.figures.len(),
            seconds = started.elapsed().as_secs_f64(),
            "transparency figures published"
        );
        Ok(published)
    }

    /// The published figures, computing them first if there are none yet.
    pub async fn current(&self, state: &AppState) -> Result<Arc<Published>, AppError> {
        if let Some(published) = self.get() {
            return Ok(published);
        }
        let waited = self.computing.lock().await;
        drop(waited);
        if let Some(published) = self.get() {
            return Ok(published);
        }
        Ok(self
            .refresh(&state.db, &state.catalog, &state.directory, &state.clock)
            .await?)
    }

    /// Computes the figures at start and every `REFRESH`, until the process stops.
    pub async fn run(
        self: Arc<Self>,
        db: Db,
        catalog: Arc<Catalog>,
        directory: Arc<Directory>,
        clock: Clock,
    ) {
        let mut ticker = tokio::time::interval(REFRESH);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        while !db.is_closed() {
            ticker.tick().await;
            if let Err(err) = self.refresh(&db, &catalog, &directory, &clock).await {
                tracing::warn!(error = %err, "transparency figures not computed; the last ones stay");
            }
        }
    }
}

/// One row of the open data (CSV and JSON), columns as in `COLUMNS`.
#[derive(Serialize)]
struct OpenRow<'a> {
    service_code: &'a str,
    service_name: &'a str,
    service_kind: &'a str,
    area_id: Option<i64>,
    area_name: &'a str,
    priority: &'a str,
    max_wait_days: u32,
    first_available_date: Option<NaiveDate>,
    median_wait_days: Option<f64>,
    bookings_90_days: u64,
    within_deadline_percent: Option<f64>,
}

#[derive(Serialize)]
struct Field<'a> {
    name: &'a str,
    description_it: &'a str,
    description_en: &'a str,
}

#[derive(Serialize)]
struct OpenData<'a> {
    title: &'a str,
    legal_basis: &'a str,
    generated_at: String,
    window_days: i64,
    fields: Vec<Field<'a>>,
    rows: Vec<OpenRow<'a>>,
}

struct Renderer<'a> {
    css_href: &'static str,
    catalog: &'a Catalog,
    directory: &'a Directory,
    computed_at: i64,
}

impl Renderer<'_> {
    fn publish(&self, mut figures: Vec<Figure>) -> Published {
        // Catalogue order, the region before its areas (by name), classes U to P.
        let service_rank: HashMap<i64, usize> = self
            .catalog
            .all()
            .iter()
            .enumerate()
            .map(|(i, s)| (s.row.id, i))
            .collect();
        let area_rank: HashMap<i64, usize> = self
            .directory
            .areas()
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        figures.sort_by_key(|f| {
            (
                service_rank
                    .get(&f.service_id)
                    .copied()
                    .unwrap_or(usize::MAX),
                f.area_id
                    .map(|a| area_rank.get(&a).copied().unwrap_or(usize::MAX)),
                f.class,
            )
        });
        let mut pages = HashMap::new();
        let places =
            std::iter::once(None).chain(self.directory.areas().iter().map(|(id, _)| Some(*id)));
        for area in places {
            for lang in Lang::ALL {
                pages.insert((area, lang), self.page(&figures, area, lang));
            }
        }
        let rows = self.rows(&figures);
        let csv = csv_of(&rows);
        let json = serde_json::to_vec(&OpenData {
            title: "Tempi di attesa delle prestazioni specialistiche ambulatoriali",
            legal_basis: "D.Lgs. 33/2013, art. 41, comma 6",
            generated_at: rfc3339(self.computed_at),
            window_days: WINDOW_DAYS,
            fields: COLUMNS
                .iter()
                .zip(IT.tr_column_docs.iter().zip(EN.tr_column_docs.iter()))
                .map(|(name, (it, en))| Field {
                    name,
                    description_it: it,
                    description_en: en,
                })
                .collect(),
            rows,
        })
        .unwrap_or_default();
        Published {
            computed_at: self.computed_at,
            pages,
            csv: Compressed::of(
                Bytes::from(csv),
                "text/csv; charset=utf-8",
                CACHE_CONTROL,
                Effort::Fast,
            ),
            json: Compressed::of(
                Bytes::from(json),
                "application/json",
                CACHE_CONTROL,
                Effort::Fast,
            ),
            figures,
        }
    }

    fn rows<'f>(&'f self, figures: &'f [Figure]) -> Vec<OpenRow<'f>> {
        figures
            .iter()
            .filter_map(|f| {
                let service = self.catalog.by_id(f.service_id)?;
                let area_name = match f.area_id {
                    None => REGION,
                    Some(id) => self.directory.area_name(id).unwrap_or_default(),
                };
                Some(OpenRow {
                    service_code: &service.row.code,
                    service_name: &service.row.name_it,
                    service_kind: service.kind.as_str(),
                    area_id: f.area_id,
                    area_name,
                    priority: f.class.as_str(),
                    max_wait_days: f.max_wait_days,
                    first_available_date: f.first_available,
                    median_wait_days: f.median_days,
                    bookings_90_days: f.bookings,
                    within_deadline_percent: f.within_percent(),
                })
            })
            .collect()
    }

    fn page(&self, figures: &[Figure], area: Option<i64>, lang: Lang) -> Compressed {
        let mut services: Vec<ServiceFigures> = Vec::new();
        for f in figures.iter().filter(|f| f.area_id == area) {
            let Some(service) = self.catalog.by_id(f.service_id) else {
                continue;
            };
            let class = ClassFigures {
                class: f.class,
                max_wait_days: f.max_wait_days,
                first_available: f.first_available,
                median_days: f.median_days,
                bookings: f.bookings,
                within_percent: f.within_percent(),
            };
            match services.last_mut() {
                Some(last) if last.code == service.row.code => last.classes.push(class),
                _ => services.push(ServiceFigures {
                    code: service.row.code.clone(),
                    name: service.name(lang).to_owned(),
                    classes: vec![class],
                }),
            }
        }
        let path = match area {
            None => routes::TRANSPARENCY.to_owned(),
            Some(id) => format!("{}?zona={id}", routes::TRANSPARENCY),
        };
        let ctx = PageContext {
            lang,
            css_href: self.css_href,
            path,
            kiosk: None,
        };
        let data = TransparencyData {
            areas: self.directory.areas().to_vec(),
            area,
            services,
            window_days: WINDOW_DAYS,
            updated: local(self.computed_at),
        };
        Compressed::of(
            Bytes::from(render_document(
                view! { <TransparencyPage ctx=ctx data=data /> },
            )),
            "text/html; charset=utf-8",
            CACHE_CONTROL,
            Effort::Fast,
        )
    }
}

/// The rows as CSV: UTF-8, comma-separated, a header row, decimals with a point, empty cells
/// for figures that do not exist.
fn csv_of(rows: &[OpenRow<'_>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for row in rows {
        let number = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
        let _ = writer.write_record([
            row.service_code.to_owned(),
            row.service_name.to_owned(),
            row.service_kind.to_owned(),
            row.area_id.map(|a| a.to_string()).unwrap_or_default(),
            row.area_name.to_owned(),
            row.priority.to_owned(),
            row.max_wait_days.to_string(),
            row.first_available_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            number(row.median_wait_days),
            row.bookings_90_days.to_string(),
            number(row.within_deadline_percent),
        ]);
    }
    writer.into_inner().unwrap_or_default()
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339())
        .unwrap_or_default()
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    zona: Option<String>,
}

/// `/trasparenza/tempi-di-attesa[?zona=ID]`: the page of the region or of one area.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let area = match query.zona.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(typed) => Some(
            typed
                .parse::<i64>()
                .ok()
                .filter(|id| state.directory.area_name(*id).is_some())
                .ok_or(AppError::NotFound)?,
        ),
    };
    let published = state.transparency.current(&state).await?;
    let body = published
        .page(area, lang_of(&headers))
        .ok_or(AppError::NotFound)?;
    let mut response = body.respond(&headers);
    // The language follows the cookie: caches must keep one copy per language.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie"),
    );
    Ok(response)
}

pub async fn csv(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let published = state.transparency.current(&state).await?;
    let mut response = published.csv.respond(&headers);
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"tempi-di-attesa.csv\""),
    );
    Ok(response)
}

pub async fn json(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let published = state.transparency.current(&state).await?;
    Ok(published.json.respond(&headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(values: &[i64]) -> BTreeMap<i64, u64> {
        let mut out = BTreeMap::new();
        for v in values {
            *out.entry(*v).or_default() += 1;
        }
        out
    }

    #[test]
    fn the_median_is_the_middle_wait_or_the_mean_of_the_two_middle_ones() {
        assert_eq!(median(&histogram(&[])), None);
        assert_eq!(median(&histogram(&[7])), Some(7.0));
        assert_eq!(median(&histogram(&[40, 10, 20])), Some(20.0));
        assert_eq!(median(&histogram(&[4, 12])), Some(8.0));
        assert_eq!(median(&histogram(&[1, 1, 1, 2])), Some(1.0));
        assert_eq!(median(&histogram(&[1, 2, 3, 4])), Some(2.5));
        assert_eq!(median(&histogram(&[5, 5, 9, 9])), Some(7.0));
    }

    #[test]
    fn the_share_inside_the_deadline_has_one_decimal() {
        let figure = Figure {
            service_id: 1,
            area_id: None,
            class: PriorityClass::D,
            max_wait_days: 30,
            first_available: None,
            median_days: Some(20.0),
            bookings: 3,
            within_deadline: 2,
        };
        assert_eq!(figure.within_percent(), Some(66.7));
        let none = Figure {
            bookings: 0,
            within_deadline: 0,
            ..figure
        };
        assert_eq!(none.within_percent(), None);
    }
}
