//! What every handler shares: the database, what is held in memory (catalogue, facilities,
//! assets, caches, snapshots, the waiting room, staff sessions) and the settings. Handlers take
//! `State<AppState>`, or only the part they need through `FromRef` (the citizen pass and the
//! clock, for instance), so that plumbing does not depend on the whole state.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;

use app::views::Kiosk;

use crate::admission::{Admission, AdmissionConfig};
use crate::assets::Assets;
use crate::availability::cache::AvailabilityCache;
use crate::catalog::Catalog;
use crate::citizen::oidc::{ProviderConfig, SignIn};
use crate::clock::Clock;
use crate::db::Db;
use crate::delivery::status::Status as DeliveryStatus;
use crate::facilities::Directory;
use crate::fhir::directory::FhirDirectory;
use crate::links::Links;
use crate::snapshots::Snapshots;
use crate::staff::account::Staff;
use crate::staff::store::StaffSessions;
use crate::suspensions::board::Board as SuspensionsBoard;
use crate::throttle::{Throttle, ThrottleConfig};
use crate::transparency::publish::Transparency;
use crate::web::seal::CookieSeal;

/// How long a member of staff is remembered between requests (their session expires sooner
/// when idle: see the session layer).
pub const STAFF_CACHE_TTL: Duration = Duration::from_secs(30);
/// Two minutes without a touch, then thirty seconds of warning.
pub const KIOSK_TIMES: Kiosk = Kiosk {
    idle_seconds: 120,
    warning_seconds: 30,
};

/// Where one-tap links point when `CUPOLA_PUBLIC_URL` is not set (a local trial).
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";

/// Cloned once or more per request (each layer with state, each `State` extractor), so it is
/// one `Arc`: cloning the fields themselves (moka caches, pools) was the largest cost of
/// serving a cached page.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub directory: Arc<Directory>,
    pub assets: Arc<Assets>,
    pub clock: Clock,
    /// How the citizen pass and the kiosk mark are sealed.
    pub pass: CookieSeal,
    pub availability: AvailabilityCache,
    pub snapshots: Arc<Snapshots>,
    pub admission: Arc<Admission>,
    pub staff_sessions: StaffSessions,
    /// Members of staff by id, briefly: a signed-in operator's request reads no staff row.
    pub staff_cache: moka::future::Cache<i64, Option<Staff>>,
    /// How long audit entries are kept (the daily purge deletes older ones).
    pub audit_retention_months: u32,
    /// Public waiting times (transparency), computed in the background.
    pub transparency: Arc<Transparency>,
    /// The public page of suspensions, prepared for a minute at a time.
    pub suspensions: Arc<SuspensionsBoard>,
    /// The FHIR directory (built at most once a minute) and CapabilityStatement.
    pub fhir: Arc<FhirDirectory>,
    /// Inactivity timings of kiosk terminals.
    pub kiosk: Kiosk,
    /// The key a terminal must present once to be enrolled as a kiosk (none: any browser).
    pub kiosk_key: Option<String>,
    /// Wrong guesses (prescriptions, booking codes, staff passwords) counted per key and client.
    pub throttle: Throttle,
    /// One-tap links in messages, and the public address they start with.
    pub links: Links,
    /// Which message channels this instance delivers by (the supervisor page shows it).
    pub delivery: DeliveryStatus,
    /// The identity providers citizens may sign in with (none by default).
    pub sign_in: Arc<SignIn>,
}

impl FromRef<AppState> for CookieSeal {
    fn from_ref(state: &AppState) -> CookieSeal {
        state.pass.clone()
    }
}

impl FromRef<AppState> for Clock {
    fn from_ref(state: &AppState) -> Clock {
        state.clock.clone()
    }
}

impl AppState {
    /// Sets how long audit entries are kept; only before the state is shared (at start).
    pub fn with_audit_retention(mut self, months: u32) -> AppState {
        self.unshared().audit_retention_months = months;
        self
    }

    /// Sets the kiosk inactivity timings; only before the state is shared (at start).
    pub fn with_kiosk(mut self, kiosk: Kiosk) -> AppState {
        self.unshared().kiosk = kiosk;
        self
    }

    /// Sets the key that enrols kiosk terminals; only before the state is shared (at start).
    pub fn with_kiosk_key(mut self, key: Option<String>) -> AppState {
        self.unshared().kiosk_key = key.filter(|k| !k.is_empty());
        self
    }

    /// Sets the quotas of wrong guesses; only before the state is shared (at start).
    pub fn with_throttle(mut self, config: ThrottleConfig) -> AppState {
        self.unshared().throttle = Throttle::new(config);
        self
    }

    /// Sets the public address one-tap links in messages start with (`CUPOLA_PUBLIC_URL`);
    /// only before the state is shared (at start).
    pub fn with_public_url(mut self, url: &str) -> AppState {
        let links = &mut self.unshared().links;
        *links = links.at(url);
        self
    }

    /// Records which message channels are configured; only before the state is shared.
    pub fn with_delivery_status(mut self, status: DeliveryStatus) -> AppState {
        self.unshared().delivery = status;
        self
    }

    /// Sets the identity providers citizens may sign in with (`CUPOLA_OIDC_PROVIDERS`); only
    /// before the state is shared (at start).
    pub fn with_sign_in(mut self, providers: Vec<ProviderConfig>) -> AppState {
        self.unshared().sign_in = Arc::new(SignIn::new(providers));
        self
    }

    fn unshared(&mut self) -> &mut Shared {
        Arc::get_mut(&mut self.0).expect("set before the state is shared")
    }

    /// Starts what keeps the in-memory state current: the snapshot publisher and, on
    /// PostgreSQL, the listener for other instances' slot changes; the waiting room's frontier;
    /// the transparency figures; and the daily purges of the audit and of expired sessions.
    pub fn start_background_work(&self) {
        self.db.listen_for_changes();
        tokio::spawn(crate::audit::run_audit_purge(
            self.db.clone(),
            self.clock.clone(),
            self.audit_retention_months,
            Duration::from_secs(24 * 3600),
        ));
        tokio::spawn(
            self.staff_sessions
                .clone()
                .delete_expired(Duration::from_secs(15 * 60)),
        );
        tokio::spawn(self.admission.clone().run());
        // The decoy hash is made once, now, so that the first refused sign-in takes no longer
        // than the others.
        tokio::spawn(async {
            let _ = crate::staff::account::decoy_hash().await;
        });
        tokio::spawn(self.snapshots.clone().run(
            self.db.clone(),
            self.catalog.clone(),
            self.directory.clone(),
            self.clock.clone(),
        ));
        tokio::spawn(self.transparency.clone().run(
            self.db.clone(),
            self.catalog.clone(),
            self.directory.clone(),
            self.clock.clone(),
        ));
        tokio::spawn(crate::telemetry::run_message_gauges(
            self.db.clone(),
            self.clock.clone(),
            crate::telemetry::MESSAGE_GAUGES_EVERY,
        ));
    }

    /// Loads what is held in memory (catalogue, facilities, assets, the cookie keys).
    pub async fn load(
        db: Db,
        clock: Clock,
        secure_cookies: bool,
        snapshot_dir: Option<std::path::PathBuf>,
        admission: AdmissionConfig,
    ) -> anyhow::Result<AppState> {
        let admission_key = cookie::Key::try_from(
            crate::secrets::get_or_create(&db, "admission")
                .await?
                .as_slice(),
        )?;
        let key = cookie::Key::try_from(
            crate::secrets::get_or_create(&db, "citizen_pass")
                .await?
                .as_slice(),
        )?;
        let links_key = crate::secrets::get_or_create(&db, "links").await?;
        let assets = Arc::new(Assets::load());
        let staff_sessions = StaffSessions::new(&db).await?;
        let availability = AvailabilityCache::new(db.changes());
        availability.follow(db.changes());
        let admission = Admission::new(admission, &db, admission_key, secure_cookies);
        admission.prime().await;
        Ok(AppState(Arc::new(Shared {
            catalog: Arc::new(Catalog::load(&db).await?),
            directory: Arc::new(Directory::load(&db).await?),
            snapshots: Arc::new(Snapshots::new(snapshot_dir, assets.css_href())),
            admission: Arc::new(admission),
            staff_sessions,
            transparency: Arc::new(Transparency::new(assets.css_href())),
            suspensions: Arc::new(SuspensionsBoard::new(assets.css_href())),
            fhir: Arc::default(),
            staff_cache: moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(STAFF_CACHE_TTL)
                .build(),
            audit_retention_months: crate::audit::AUDIT_RETENTION_MONTHS,
            kiosk: KIOSK_TIMES,
            kiosk_key: None,
            throttle: Throttle::new(ThrottleConfig::default()),
            links: Links::new(&links_key, DEFAULT_PUBLIC_URL),
            delivery: DeliveryStatus::default(),
            sign_in: Arc::new(SignIn::new(Vec::new())),
            assets,
            availability,
            clock,
            pass: CookieSeal {
                key,
                secure: secure_cookies,
            },
            db,
        })))
    }
}
