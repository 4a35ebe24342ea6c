//! What the demo generator is asked for and how it fails: the scale, the plan (how big a region)
//! it stands for, and the error of a load. Every step reads these; they read nothing of the seed.

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// About three months of a lighter region: first start in a few seconds.
    Demo,
    /// A year of a region the size of Tuscany: millions of slots, for benchmarks.
    Region,
    /// A handful of facilities and services over a few weeks, for tests.
    #[value(hide = true)]
    Tiny,
}

impl Scale {
    pub fn name(self) -> &'static str {
        match self {
            Scale::Demo => "demo",
            Scale::Region => "region",
            Scale::Tiny => "tiny",
        }
    }

    /// How much of the region to generate.
    pub(super) fn plan(self) -> Plan {
        match self {
            Scale::Demo => Plan {
                weeks_past: 2,
                weeks_ahead: 13,
                hospital_agendas: (1, 1),
                sessions_per_week: (1, 2),
                offer_share: 0.5,
                citizens: 20_000,
                open_prescriptions: 3_000,
                waiting: 150,
                tiny: false,
            },
            Scale::Region => Plan {
                weeks_past: 4,
                weeks_ahead: 48,
                hospital_agendas: (2, 4),
                sessions_per_week: (3, 6),
                offer_share: 1.0,
                citizens: 600_000,
                open_prescriptions: 100_000,
                waiting: 5_000,
                tiny: false,
            },
            Scale::Tiny => Plan {
                weeks_past: 1,
                weeks_ahead: 5,
                hospital_agendas: (1, 1),
                sessions_per_week: (2, 3),
                offer_share: 1.0,
                citizens: 300,
                open_prescriptions: 60,
                waiting: 5,
                tiny: true,
            },
        }
    }
}

/// The size of the region a scale generates.
pub(super) struct Plan {
    pub weeks_past: u64,
    pub weeks_ahead: u64,
    /// Agendas (rooms, doctors) per service a hospital offers; outpatient clinics run one.
    pub hospital_agendas: (u32, u32),
    /// Half-day clinic sessions per week per agenda.
    pub sessions_per_week: (u32, u32),
    /// Share of the facility × service pairs of the full region that are offered.
    pub offer_share: f64,
    pub citizens: usize,
    /// Unbooked prescriptions left for people to try the portal with.
    pub open_prescriptions: usize,
    pub waiting: usize,
    /// Only a few facilities and the services the cast needs.
    pub tiny: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already holds a catalogue; seed only an empty database")]
    AlreadySeeded,
    #[error("embedded demo data is invalid: {0}")]
    Data(String),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}
