//! Availability snapshots: for every service (and every area offering it), a small HTML page in
//! each language and a JSON document, precompressed and kept in memory, served with an ETag and
//! CDN-friendly `Cache-Control`, and written as plain files to `--snapshot-dir` for nginx or a
//! CDN. The public waiting-times pages are these snapshots: the crowd never reaches the database.
//!
//! A publisher task rebuilds a service's snapshots about half a second after its slots change
//! (debounced: a burst of bookings costs one rebuild), and every service every few minutes as
//! time passes. When the database cannot be reached, the last good figures stay published with
//! a visible notice saying how old they are: from the moment the database is known to be
//! unhealthy (`db::Health`), every service at once, without asking it; and as soon as it answers
//! again, every service is computed anew.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

use app::i18n::Lang;
use app::routes;
use app::views::{
    AreaTimesData, AreaTimesPage, FacilityTime, PageContext, PublicSlot, ServiceItem,
    ServiceTimesData, ServiceTimesPage, render_document,
};
use axum::body::Bytes;
use axum::http::HeaderValue;
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::Serialize;
use tokio::sync::broadcast::error::RecvError;

use crate::assets::{Compressed, Effort};
use crate::availability::{self, FreeSlot};
use crate::catalog::Catalog;
use crate::changes::ALL;
use crate::clock::{Clock, local};
use crate::db::Db;
use crate::facilities::Directory;

/// How long after a change its snapshots are rebuilt (changes in between are merged).
const DEBOUNCE: Duration = Duration::from_millis(500);
/// Every service is rebuilt this often anyway, as the earliest slots pass.
const FULL_REFRESH: Duration = Duration::from_secs(300);
/// Free slots listed per area.
const AREA_SLOTS: i64 = 10;
/// What browsers and CDNs may do with a snapshot: reuse it for a few seconds, serve it stale
/// while fetching a new one, and keep serving it for a day if Cupola cannot answer.
pub const CACHE_CONTROL: &str =
    "public, max-age=5, stale-while-revalidate=30, stale-if-error=86400";

/// What was computed for one service at one moment.
#[derive(Clone, Debug)]
struct Figures {
    computed_at: i64,
    /// (facility id, first free start), for every facility offering the service.
    by_facility: Vec<(i64, Option<i64>)>,
    /// (area id, its first free slots).
    by_area: Vec<(i64, Vec<FreeSlot>)>,
}

/// One service's published snapshots.
#[derive(Debug)]
pub struct Published {
    figures: Figures,
    pub stale: bool,
    html: [Compressed; Lang::ALL.len()],
    pub json: Compressed,
    areas: HashMap<i64, AreaSnapshot>,
    /// What an area's page is made from when first asked for.
    css_href: &'static str,
    code: String,
    /// The service as each language names it.
    items: [ServiceItem; Lang::ALL.len()],
    updated: NaiveDateTime,
}

/// One area's snapshot of a service. The JSON is made at once (a few hundred bytes); the page
/// in each language when first asked for: a service is published again after each booking of
/// it, and most of its areas' pages (one per area and language: 6,000 at demo scale, 33 MB)
/// were made and replaced without being read.
#[derive(Debug)]
struct AreaSnapshot {
    name: String,
    slots: Vec<PublicSlot>,
    html: [OnceLock<Compressed>; Lang::ALL.len()],
    json: Compressed,
}

impl Published {
    pub fn html(&self, lang: Lang) -> &Compressed {
        &self.html[lang_index(lang)]
    }

    pub fn area_html(&self, area_id: i64, lang: Lang) -> Option<&Compressed> {
        let area = self.areas.get(&area_id)?;
        Some(area.html[lang_index(lang)].get_or_init(|| {
            let data = AreaTimesData {
                service: self.items[lang_index(lang)].clone(),
                area: area.name.clone(),
                slots: area.slots.clone(),
                updated: self.updated,
                stale: self.stale,
            };
            let ctx = PageContext {
                lang,
                css_href: self.css_href,
                path: routes::waiting_times_area(&self.code, area_id),
                kiosk: None,
            };
            html(render_document(
                view! { <AreaTimesPage ctx=ctx data=data /> },
            ))
        }))
    }

    pub fn area_json(&self, area: i64) -> Option<&Compressed> {
        self.areas.get(&area).map(|area| &area.json)
    }
}

fn lang_index(lang: Lang) -> usize {
    lang as usize
}

pub struct Snapshots {
    published: RwLock<HashMap<i64, Arc<Published>>>,
    dir: Option<PathBuf>,
    css_href: &'static str,
    /// One publication at a time, so that the files on disk are always the bytes in memory
    /// (a first request publishing a service raced the background publisher).
    publishing: tokio::sync::Mutex<()>,
}

impl Snapshots {
    pub fn new(dir: Option<PathBuf>, css_href: &'static str) -> Snapshots {
        Snapshots {
            published: RwLock::new(HashMap::new()),
            dir,
            css_href,
            publishing: tokio::sync::Mutex::new(()),
        }
    }

    /// The published snapshots of a service, if any yet.
    pub fn get(&self, service_id: i64) -> Option<Arc<Published>> {
        self.published
            .read()
            .ok()
            .and_then(|map| map.get(&service_id).cloned())
    }

    /// Computes and publishes one service's snapshots. When the database fails, the previous
    /// figures are published again, marked stale.
    pub async fn publish(
        &self,
        db: &Db,
        catalog: &Catalog,
        directory: &Directory,
        service_id: i64,
        now: i64,
    ) -> Option<Arc<Published>> {
        let service = catalog.by_id(service_id)?;
        let _one_at_a_time = self.publishing.lock().await;
        // While the database is unhealthy it is not asked: the last figures are kept.
        let computed = if db.health().is_healthy() {
            db.health()
                .observe(compute(db, directory, service_id, now).await)
        } else {
            Err(crate::db::Health::refusal())
        };
        let (figures, stale) = match computed {
            Ok(figures) => (figures, false),
            Err(err) => {
                tracing::warn!(error = %err, service.code = %service.row.code, "snapshot kept stale");
                let previous = self.get(service_id)?;
                if previous.stale {
                    return Some(previous);
                }
                (previous.figures.clone(), true)
            }
        };
        let published = Arc::new(render(self.css_href, service, directory, figures, stale));
        if let Some(dir) = &self.dir
            && let Err(err) = write_files(dir, &service.row.code, &published).await
        {
            tracing::warn!(error = %err, "cannot write the snapshot files");
        }
        if let Ok(mut map) = self.published.write() {
            map.insert(service_id, published.clone());
        }
        metrics::counter!("cupola_snapshots_published_total").increment(1);
        Some(published)
    }

    /// Publishes every service, then keeps each one current: about half a second after its slots
    /// change, and every few minutes anyway. Runs until the process stops.
    pub async fn run(
        self: Arc<Self>,
        db: Db,
        catalog: Arc<Catalog>,
        directory: Arc<Directory>,
        clock: Clock,
    ) {
        let mut events = db.changes().subscribe();
        let every_service = || {
            catalog
                .all()
                .iter()
                .map(|s| s.row.id)
                .collect::<HashSet<i64>>()
        };
        // Services whose slots changed (published about `DEBOUNCE` after the first of them, a
        // burst merged), and the ones to publish anyway (at start, every few minutes, on a
        // change of health): one at a time, changed ones first, so that a full pass never
        // delays a change by more than one service's computation.
        let mut changed: HashSet<i64> = HashSet::new();
        let mut changed_since: Option<tokio::time::Instant> = None;
        let mut pending = every_service();
        let mut pass: Option<(std::time::Instant, usize)> = None;
        let mut refresh = tokio::time::interval(FULL_REFRESH);
        refresh.tick().await;
        let mut health = db.health().subscribe();
        while !db.is_closed() {
            loop {
                match events.try_recv() {
                    Ok(id) => note_change(&mut changed, &mut changed_since, Ok(id), &every_service),
                    Err(tokio::sync::broadcast::error::TryRecvError::Lagged(n)) => note_change(
                        &mut changed,
                        &mut changed_since,
                        Err(RecvError::Lagged(n)),
                        &every_service,
                    ),
                    Err(_) => break,
                }
            }
            let due = changed_since.filter(|since| since.elapsed() >= DEBOUNCE);
            if due.is_some() {
                changed_since = None;
                for service_id in std::mem::take(&mut changed) {
                    pending.remove(&service_id);
                    self.publish(&db, &catalog, &directory, service_id, clock.now())
                        .await;
                }
                continue;
            }
            if let Some(service_id) = pending.iter().next().copied() {
                pending.remove(&service_id);
                let (_, count) = pass.get_or_insert((std::time::Instant::now(), 0));
                *count += 1;
                self.publish(&db, &catalog, &directory, service_id, clock.now())
                    .await;
                continue;
            }
            if let Some((started, count)) = pass.take()
                && count > 1
            {
                tracing::info!(
                    services = count,
                    seconds = started.elapsed().as_secs_f64(),
                    "availability snapshots published"
                );
            }
            let debounced = changed_since.map(|since| since + DEBOUNCE);
            tokio::select! {
                event = events.recv() => {
                    // The bus closes with the process.
                    if matches!(event, Err(RecvError::Closed)) {
                        return;
                    }
                    note_change(&mut changed, &mut changed_since, event, &every_service);
                }
                _ = tokio::time::sleep_until(debounced.unwrap_or_else(tokio::time::Instant::now)),
                    if debounced.is_some() => {}
                _ = refresh.tick() => pending.extend(every_service()),
                // Unhealthy: every service is published again at once, stale (the database is
                // not asked). Healthy again: every service is computed anew.
                Ok(()) = health.changed() => pending.extend(every_service()),
            }
        }
    }
}

/// Notes a change heard on the bus: that service (every one on `ALL` or when events were
/// lost), to publish `DEBOUNCE` after the first change not yet published.
fn note_change(
    changed: &mut HashSet<i64>,
    since: &mut Option<tokio::time::Instant>,
    event: Result<i64, RecvError>,
    every_service: &impl Fn() -> HashSet<i64>,
) {
    match event {
        Ok(ALL) | Err(RecvError::Lagged(_)) => changed.extend(every_service()),
        Ok(id) => {
            changed.insert(id);
        }
        Err(RecvError::Closed) => return,
    }
    since.get_or_insert_with(tokio::time::Instant::now);
}

async fn compute(
    db: &Db,
    directory: &Directory,
    service_id: i64,
    now: i64,
) -> Result<Figures, sqlx::Error> {
    // The first few free slots of each facility hold the first of each area.
    let at_each =
        availability::first_free_at_each_facility(db, service_id, now, AREA_SLOTS).await?;
    let by_facility = at_each
        .iter()
        .map(|(id, slots)| (*id, slots.first().map(|s| s.starts_at)))
        .collect();
    let mut areas: BTreeMap<i64, Vec<FreeSlot>> = BTreeMap::new();
    for (facility, slots) in at_each {
        if let Some(area) = directory.get(facility).map(|f| f.area_id) {
            areas.entry(area).or_default().extend(slots);
        }
    }
    let by_area = areas
        .into_iter()
        .map(|(area, mut slots)| {
            slots.sort_unstable_by_key(|s| (s.starts_at, s.id));
            slots.truncate(AREA_SLOTS as usize);
            (area, slots)
        })
        .collect();
    Ok(Figures {
        computed_at: now,
        by_facility,
        by_area,
    })
}

// Compressed when first asked for: a service's snapshots are made again after each booking of
// it, in every language and area, and most copies are replaced before anyone reads them.
fn html(body: String) -> Compressed {
    Compressed::lazy(
        Bytes::from(body),
        HeaderValue::from_static("text/html; charset=utf-8"),
        HeaderValue::from_static(CACHE_CONTROL),
        Effort::Fast,
    )
}

fn json<T: Serialize>(value: &T) -> Compressed {
    Compressed::lazy(
        Bytes::from(serde_json::to_vec(value).unwrap_or_default()),
        HeaderValue::from_static("application/json"),
        HeaderValue::from_static(CACHE_CONTROL),
        Effort::Fast,
    )
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Rome).to_rfc3339())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct ServiceJson<'a> {
    service: &'a str,
    name_it: &'a str,
    name_en: &'a str,
    generated_at: String,
    stale: bool,
    areas: Vec<AreaJson<'a>>,
    facilities: Vec<FacilityJson<'a>>,
}

#[derive(Serialize)]
struct AreaJson<'a> {
    id: i64,
    name: &'a str,
    first_free: Option<NaiveDate>,
}

#[derive(Serialize)]
struct FacilityJson<'a> {
    id: i64,
    name: &'a str,
    town: &'a str,
    area_id: i64,
    first_free: Option<String>,
}

#[derive(Serialize)]
struct AreaSlotsJson<'a> {
    service: &'a str,
    area: AreaJson<'a>,
    generated_at: String,
    stale: bool,
    slots: Vec<SlotJson<'a>>,
}

#[derive(Serialize)]
struct SlotJson<'a> {
    starts_at: String,
    facility_id: i64,
    facility: &'a str,
    town: &'a str,
    address: &'a str,
}

fn render(
    css_href: &'static str,
    service: &crate::catalog::Service,
    directory: &Directory,
    figures: Figures,
    stale: bool,
) -> Published {
    let code = &service.row.code;
    let updated = local(figures.computed_at);
    let day = |start: Option<i64>| start.map(|s| local(s).date());

    // First free date per area: the earliest of its facilities.
    let mut first_by_area: BTreeMap<i64, Option<NaiveDate>> = BTreeMap::new();
    for (facility_id, first) in &figures.by_facility {
        let Some(facility) = directory.get(*facility_id) else {
            continue;
        };
        let entry = first_by_area.entry(facility.area_id).or_insert(None);
        if let Some(d) = day(*first)
            && entry.is_none_or(|current| d < current)
        {
            *entry = Some(d);
        }
    }
    let ctx = |lang: Lang, path: String| PageContext {
        lang,
        css_href,
        path,
        kiosk: None,
    };
    let html_pages = Lang::ALL.map(|lang| {
        let mut by_facility: Vec<FacilityTime> = figures
            .by_facility
            .iter()
            .filter_map(|(id, first)| {
                let f = directory.get(*id)?;
                Some(FacilityTime {
                    facility: f.name.clone(),
                    town: f.town.clone(),
                    area: directory
                        .area_name(f.area_id)
                        .unwrap_or_default()
                        .to_owned(),
                    first: day(*first),
                })
            })
            .collect();
        by_facility.sort_by(|a, b| {
            (a.first.is_none(), a.first, &a.facility).cmp(&(
                b.first.is_none(),
                b.first,
                &b.facility,
            ))
        });
        let mut by_area: Vec<(i64, String, Option<NaiveDate>)> = first_by_area
            .iter()
            .map(|(id, first)| {
                (
                    *id,
                    directory.area_name(*id).unwrap_or_default().to_owned(),
                    *first,
                )
            })
            .collect();
        by_area.sort_by(|a, b| (a.2.is_none(), a.2, &a.1).cmp(&(b.2.is_none(), b.2, &b.1)));
        let data = ServiceTimesData {
            service: service.item(lang),
            by_area,
            by_facility,
            updated,
            stale,
        };
        let ctx = ctx(lang, routes::waiting_times(code));
        html(render_document(
            view! { <ServiceTimesPage ctx=ctx data=data /> },
        ))
    });
    let service_json = json(&ServiceJson {
        service: code,
        name_it: &service.row.name_it,
        name_en: &service.row.name_en,
        generated_at: rfc3339(figures.computed_at),
        stale,
        areas: first_by_area
            .iter()
            .map(|(id, first)| AreaJson {
                id: *id,
                name: directory.area_name(*id).unwrap_or_default(),
                first_free: *first,
            })
            .collect(),
        facilities: figures
            .by_facility
            .iter()
            .filter_map(|(id, first)| {
                let f = directory.get(*id)?;
                Some(FacilityJson {
                    id: *id,
                    name: &f.name,
                    town: &f.town,
                    area_id: f.area_id,
                    first_free: first.map(rfc3339),
                })
            })
            .collect(),
    });

    let mut areas = HashMap::new();
    for (area_id, slots) in &figures.by_area {
        let area_name = directory.area_name(*area_id).unwrap_or_default();
        let public_slots: Vec<PublicSlot> = slots
            .iter()
            .filter_map(|s| {
                let f = directory.get(s.facility_id)?;
                Some(PublicSlot {
                    starts: local(s.starts_at),
                    facility: f.name.clone(),
                    town: f.town.clone(),
                    address: f.address.clone(),
                })
            })
            .collect();
        let area_json = json(&AreaSlotsJson {
            service: code,
            area: AreaJson {
                id: *area_id,
                name: area_name,
                first_free: first_by_area.get(area_id).copied().flatten(),
            },
            generated_at: rfc3339(figures.computed_at),
            stale,
            slots: slots
                .iter()
                .filter_map(|s| {
                    let f = directory.get(s.facility_id)?;
                    Some(SlotJson {
                        starts_at: rfc3339(s.starts_at),
                        facility_id: f.id,
                        facility: &f.name,
                        town: &f.town,
                        address: &f.address,
                    })
                })
                .collect(),
        });
        areas.insert(
            *area_id,
            AreaSnapshot {
                name: area_name.to_owned(),
                slots: public_slots,
                html: Default::default(),
                json: area_json,
            },
        );
    }
    Published {
        figures,
        stale,
        html: html_pages,
        json: service_json,
        areas,
        css_href,
        code: code.clone(),
        items: Lang::ALL.map(|lang| service.item(lang)),
        updated,
    }
}

/// Writes the snapshot as plain files (with .gz and .br beside each) for nginx or a CDN:
/// `tempi-di-attesa/{code}/index.{it,en}.html`, `…/dati.json`, `…/zona/{area}/…`. Each file is
/// written under a temporary name and renamed, so a reader never sees half a file.
async fn write_files(dir: &Path, code: &str, published: &Published) -> std::io::Result<()> {
    let base = dir.join("tempi-di-attesa").join(code);
    let mut files: Vec<(PathBuf, Compressed)> = Vec::new();
    for lang in Lang::ALL {
        files.push((
            base.join(format!("index.{}.html", lang.code())),
            published.html(lang).clone(),
        ));
    }
    files.push((base.join("dati.json"), published.json.clone()));
    for (&area, snapshot) in &published.areas {
        let area_dir = base.join("zona").join(area.to_string());
        for lang in Lang::ALL {
            if let Some(html) = published.area_html(area, lang) {
                files.push((
                    area_dir.join(format!("index.{}.html", lang.code())),
                    html.clone(),
                ));
            }
        }
        files.push((area_dir.join("dati.json"), snapshot.json.clone()));
    }
    tokio::task::spawn_blocking(move || {
        for (path, body) in files {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            write_atomically(&path, body.identity())?;
            if let Some(gz) = body.gzip() {
                write_atomically(&with_suffix(&path, ".gz"), gz)?;
            }
            if let Some(br) = body.brotli() {
                write_atomically(&with_suffix(&path, ".br"), br)?;
            }
        }
        Ok(())
    })
    .await
    .map_err(std::io::Error::other)?
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = with_suffix(path, ".tmp");
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}
