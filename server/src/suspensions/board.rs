//! The prepared bytes of the public page of suspensions (`public`). Every variant (the index
//! and each area, in each language) is rendered and compressed at once from one query, kept
//! for a minute (or until this instance records a new suspension) and served from memory with
//! an ETag; the crowd never reaches the database per request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use chrono::Days;
use leptos::prelude::*;

use app::i18n::Lang;
use app::routes;
use app::views::suspensions::{
    AreaSuspensions, PublicSuspension, PublicSuspensionsData, PublicSuspensionsPage,
    SuspensionCounts,
};
use app::views::{PageContext, render_document};

use super::record::{self, Suspension};
use crate::assets::{Compressed, Effort};
use crate::catalog::Catalog;
use crate::clock::{Clock, local};
use crate::db::Db;
use crate::facilities::Directory;

/// Days the page looks back over (suspensions whose period ended since).
pub const WINDOW_DAYS: i64 = 90;
/// How long the prepared pages are served before they are made again.
pub const FRESH_FOR: Duration = Duration::from_secs(60);
pub const CACHE_CONTROL: &str =
    "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400";

/// The prepared pages: (area, language) → page; area None is the index of areas.
pub struct Published {
    made: Instant,
    pages: HashMap<(Option<i64>, Lang), Compressed>,
}

impl Published {
    pub fn page(&self, area: Option<i64>, lang: Lang) -> Option<&Compressed> {
        self.pages.get(&(area, lang))
    }
}

pub struct Board {
    published: RwLock<Option<Arc<Published>>>,
    /// Set when this instance records a suspension: the next request makes the pages again.
    stale: AtomicBool,
    computing: tokio::sync::Mutex<()>,
    css_href: &'static str,
}

impl Board {
    pub fn new(css_href: &'static str) -> Board {
        Board {
            published: RwLock::new(None),
            stale: AtomicBool::new(false),
            computing: tokio::sync::Mutex::new(()),
            css_href,
        }
    }

    /// The next request makes the pages again.
    pub fn invalidate(&self) {
        self.stale.store(true, Ordering::SeqCst);
    }

    fn last(&self) -> Option<Arc<Published>> {
        self.published.read().ok().and_then(|p| p.clone())
    }

    fn fresh(&self) -> Option<Arc<Published>> {
        self.last()
            .filter(|p| !self.stale.load(Ordering::SeqCst) && p.made.elapsed() < FRESH_FOR)
    }

    /// The pages, made again first if they are older than `FRESH_FOR` (one computation at a
    /// time; the others wait for it). If the database does not answer, the last pages stay.
    pub async fn current(
        &self,
        db: &Db,
        catalog: &Catalog,
        directory: &Directory,
        clock: &Clock,
    ) -> Result<Arc<Published>, sqlx::Error> {
        if let Some(published) = self.fresh() {
            return Ok(published);
        }
        let _one_at_a_time = self.computing.lock().await;
        if let Some(published) = self.fresh() {
            return Ok(published);
        }
        // Cleared before reading: a suspension recorded meanwhile marks these stale again.
        self.stale.store(false, Ordering::SeqCst);
        let now = clock.now();
        let today = clock.today();
        let since = today
            .checked_sub_days(Days::new(WINDOW_DAYS as u64))
            .unwrap_or(today);
        match record::since(db, since).await {
            Ok(found) => {
                let published = Arc::new(self.render(&found, catalog, directory, now));
                if let Ok(mut slot) = self.published.write() {
                    *slot = Some(published.clone());
                }
                Ok(published)
            }
            Err(err) => match self.last() {
                Some(last) => {
                    tracing::warn!(error = %err, "suspensions page not made again; the last one stays");
                    Ok(last)
                }
                None => Err(err),
            },
        }
    }

    fn render(
        &self,
        found: &[Suspension],
        catalog: &Catalog,
        directory: &Directory,
        now: i64,
    ) -> Published {
        let areas: Vec<AreaSuspensions> = directory
            .areas()
            .iter()
            .map(|(id, name)| AreaSuspensions {
                id: *id,
                name: name.clone(),
                counts: counts_of(found.iter().filter(|s| s.area_id == *id)),
            })
            .collect();
        let mut pages = HashMap::new();
        let places =
            std::iter::once(None).chain(directory.areas().iter().map(|(id, n)| Some((*id, n))));
        for place in places {
            for lang in Lang::ALL {
                let suspensions = match place {
                    None => Vec::new(),
                    Some((area, _)) => found
                        .iter()
                        .filter(|s| s.area_id == area)
                        .map(|s| {
                            let facility = directory.get(s.facility_id);
                            PublicSuspension {
                                facility: facility.map(|f| f.name.clone()).unwrap_or_default(),
                                town: facility.map(|f| f.town.clone()).unwrap_or_default(),
                                service: catalog
                                    .by_id(s.service_id)
                                    .map(|c| c.name(lang).to_owned())
                                    .unwrap_or_default(),
                                from: s.from_day,
                                to: s.to_day,
                                reason: s.reason(),
                                public_reason: s.public_reason.clone(),
                                counts: counts_of(std::iter::once(s)),
                            }
                        })
                        .collect(),
                };
                let path = place.map_or_else(
                    || routes::SUSPENSIONS.to_owned(),
                    |(id, _)| routes::suspensions_area(id),
                );
                let ctx = PageContext {
                    lang,
                    css_href: self.css_href,
                    path,
                    kiosk: None,
                };
                let data = PublicSuspensionsData {
                    areas: areas.clone(),
                    area: place.map(|(id, name)| (id, name.clone())),
                    suspensions,
                    window_days: WINDOW_DAYS,
                    updated: local(now),
                };
                let html = render_document(view! { <PublicSuspensionsPage ctx=ctx data=data /> });
                pages.insert(
                    (place.map(|(id, _)| id), lang),
                    Compressed::of(
                        Bytes::from(html),
                        "text/html; charset=utf-8",
                        CACHE_CONTROL,
                        Effort::Fast,
                    ),
                );
            }
        }
        Published {
            made: Instant::now(),
            pages,
        }
    }
}

/// The counts of these suspensions together.
fn counts_of<'a>(list: impl Iterator<Item = &'a Suspension>) -> SuspensionCounts {
    list.fold(SuspensionCounts::default(), |mut c, s| {
        c.suspensions += 1;
        c.slots += s.slots;
        c.moved += s.moved;
        c.waitlisted += s.waitlisted;
        c.rebooked += s.rebooked;
        c
    })
}
