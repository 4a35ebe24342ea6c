//! What is served: every page variant (each area, each language), the CSV and the JSON,
//! rendered and compressed once per computation and served from memory with an ETag and
//! CDN-friendly `Cache-Control`, like the availability snapshots; and the task that computes
//! the figures again every ten minutes.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::HeaderValue;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::Serialize;

use app::domain::PriorityClass;
use app::i18n::{EN, IT, Lang};
use app::routes;
use app::views::PageContext;
use app::views::guarantee::GuaranteeCounts;
use app::views::render_document;
use app::views::transparency::{
    COLUMNS, ClassFigures, NoShowLine, ServiceFigures, TransparencyData, TransparencyPage,
};

use super::figures::{Figure, WINDOW_DAYS, compute, no_show_percent};
use crate::assets::{Compressed, Effort};
use crate::catalog::Catalog;
use crate::clock::{Clock, local};
use crate::db::Db;
use crate::facilities::Directory;
use crate::guarantee::requests;

/// How often the figures are computed again.
pub const REFRESH: Duration = Duration::from_secs(600);
/// Browsers and CDNs may reuse the figures for a few minutes (they change every ten), serve
/// them stale while fetching new ones, and for a day if Cupola cannot answer.
pub const CACHE_CONTROL: &str =
    "public, max-age=300, stale-while-revalidate=600, stale-if-error=86400";
/// The area name of the rows about the whole region, in the open data.
pub const REGION: &str = "Toscana";

/// What is served until the next computation.
#[derive(Debug)]
pub struct Published {
    pub computed_at: i64,
    pub figures: Vec<Figure>,
    /// The guarantee route's requests (`app::views::guarantee::GuaranteeCounts`).
    pub guarantee: GuaranteeCounts,
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
        catalog: &Arc<Catalog>,
        directory: &Arc<Directory>,
        clock: &Clock,
    ) -> Result<Arc<Published>, sqlx::Error> {
        let _one_at_a_time = self.computing.lock().await;
        // "Now" is read once the lock is held: a later computation never publishes older data.
        let now = clock.now();
        let started = std::time::Instant::now();
        let figures = compute(db, catalog, now).await?;
        let guarantee = requests::counts(db, now - WINDOW_DAYS * 86_400, local(now).date()).await?;
        let renderer = Renderer {
            css_href: self.css_href,
            catalog: catalog.clone(),
            directory: directory.clone(),
            computed_at: now,
            guarantee,
        };
        // Every page in every language, rendered and compressed: seconds of CPU, on a blocking
        // thread. On one of the few threads that serve requests it held their requests (and
        // the shutdown signal) until it was done.
        let published = tokio::task::spawn_blocking(move || renderer.publish(figures))
            .await
            .map_err(|panicked| sqlx::Error::Protocol(format!("transparency pages: {panicked}")))?;
        let published = Arc::new(published);
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
    pub async fn current(
        &self,
        db: &Db,
        catalog: &Arc<Catalog>,
        directory: &Arc<Directory>,
        clock: &Clock,
    ) -> Result<Arc<Published>, sqlx::Error> {
        if let Some(published) = self.get() {
            return Ok(published);
        }
        let waited = self.computing.lock().await;
        drop(waited);
        if let Some(published) = self.get() {
            return Ok(published);
        }
        self.refresh(db, catalog, directory, clock).await
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
    visits_attended_90_days: u64,
    visits_no_show_90_days: u64,
    no_show_percent: Option<f64>,
}

/// Marked visits of the window and the no-show rate (no_show / (attended + no_show)).
#[derive(Serialize)]
struct NoShows<'a> {
    /// A service's code; None: every service.
    service_code: Option<&'a str>,
    visits_attended: u64,
    visits_no_show: u64,
    no_show_percent: Option<f64>,
}

impl NoShows<'_> {
    fn of(service_code: Option<&str>, attended: u64, no_show: u64) -> NoShows<'_> {
        NoShows {
            service_code,
            visits_attended: attended,
            visits_no_show: no_show,
            no_show_percent: no_show_percent(attended, no_show),
        }
    }
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
    /// The no-show rate of the whole region: overall, then per service.
    no_show_overall: NoShows<'a>,
    no_show_by_service: Vec<NoShows<'a>>,
    /// The guarantee route's requests of the whole region.
    guarantee_requests: GuaranteeOpenData,
}

/// The guarantee route's requests: filed, resolved by outcome and withdrawn in the window;
/// open, and open past their deadline, when computed.
#[derive(Serialize)]
struct GuaranteeOpenData {
    filed: u64,
    resolved_slot_found: u64,
    resolved_intramoenia: u64,
    resolved_other_provider: u64,
    withdrawn: u64,
    open: u64,
    open_past_deadline: u64,
}

impl From<GuaranteeCounts> for GuaranteeOpenData {
    fn from(GuaranteeCounts(c): GuaranteeCounts) -> Self {
        GuaranteeOpenData {
            filed: c[0],
            resolved_slot_found: c[1],
            resolved_intramoenia: c[2],
            resolved_other_provider: c[3],
            withdrawn: c[4],
            open: c[5],
            open_past_deadline: c[6],
        }
    }
}

struct Renderer {
    css_href: &'static str,
    catalog: Arc<Catalog>,
    directory: Arc<Directory>,
    computed_at: i64,
    guarantee: GuaranteeCounts,
}

impl Renderer {
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
        let by_service: Vec<NoShows<'_>> = self
            .no_shows(&figures, None)
            .into_iter()
            .map(|(code, _, attended, no_show)| NoShows::of(Some(code), attended, no_show))
            .collect();
        let (attended, no_show) = by_service.iter().fold((0, 0), |(a, n), s| {
            (a + s.visits_attended, n + s.visits_no_show)
        });
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
            no_show_overall: NoShows::of(None, attended, no_show),
            no_show_by_service: by_service,
            guarantee_requests: self.guarantee.into(),
        })
        .unwrap_or_default();
        Published {
            computed_at: self.computed_at,
            guarantee: self.guarantee,
            pages,
            csv: Compressed::lazy(
                Bytes::from(csv),
                HeaderValue::from_static("text/csv; charset=utf-8"),
                HeaderValue::from_static(CACHE_CONTROL),
                Effort::Fast,
            ),
            json: Compressed::lazy(
                Bytes::from(json),
                HeaderValue::from_static("application/json"),
                HeaderValue::from_static(CACHE_CONTROL),
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
                    visits_attended_90_days: f.attended,
                    visits_no_show_90_days: f.no_show,
                    no_show_percent: f.no_show_percent(),
                })
            })
            .collect()
    }

    /// Marked visits per service in `area` (None: the region), classes summed, in the figures'
    /// order: (code, service, attended, no_show), services with marked visits only.
    fn no_shows<'f>(
        &'f self,
        figures: &'f [Figure],
        area: Option<i64>,
    ) -> Vec<(&'f str, &'f crate::catalog::Service, u64, u64)> {
        let mut out: Vec<(&str, &crate::catalog::Service, u64, u64)> = Vec::new();
        for f in figures.iter().filter(|f| f.area_id == area) {
            let Some(service) = self.catalog.by_id(f.service_id) else {
                continue;
            };
            match out.last_mut() {
                Some(last) if last.0 == service.row.code => {
                    last.2 += f.attended;
                    last.3 += f.no_show;
                }
                _ => out.push((&service.row.code, service, f.attended, f.no_show)),
            }
        }
        out.retain(|(_, _, attended, no_show)| attended + no_show > 0);
        out
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
            no_shows: self
                .no_shows(figures, area)
                .into_iter()
                .map(|(_, service, attended, no_show)| NoShowLine {
                    service: service.name(lang).to_owned(),
                    attended,
                    no_show,
                })
                .collect(),
            guarantee: area.is_none().then_some(self.guarantee),
        };
        Compressed::lazy(
            Bytes::from(render_document(
                view! { <TransparencyPage ctx=ctx data=data /> },
            )),
            HeaderValue::from_static("text/html; charset=utf-8"),
            HeaderValue::from_static(CACHE_CONTROL),
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
            row.visits_attended_90_days.to_string(),
            row.visits_no_show_90_days.to_string(),
            number(row.no_show_percent),
        ]);
    }
    writer.into_inner().unwrap_or_default()
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339())
        .unwrap_or_default()
}
