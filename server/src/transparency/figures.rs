//! The figures: for every service, area and priority class, the first date a citizen can
//! book online, the waits of the bookings of the last 90 days (median, count, share inside
//! the guaranteed wait), and the visits of those days the desk marked attended or missed (the
//! no-show rate). Computed for the whole region with four queries.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use futures::TryStreamExt;

use app::domain::{Channel, PriorityClass};

use crate::availability::rule::{self, MIN_LEAD_SECONDS};
use crate::catalog::Catalog;
use crate::clock::local;
use crate::db::{Db, on_read};

/// Days of bookings the medians and shares look back over.
pub const WINDOW_DAYS: i64 = 90;

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
    /// Visits of the window (by their day) the desk marked attended.
    pub attended: u64,
    /// Visits of the window marked not attended: neither came nor cancelled.
    pub no_show: u64,
}

/// The share of missed visits, in percent with one decimal: no_show / (attended + no_show),
/// None without a marked visit.
pub fn no_show_percent(attended: u64, no_show: u64) -> Option<f64> {
    let marked = attended + no_show;
    (marked > 0).then(|| (no_show as f64 * 1000.0 / marked as f64).round() / 10.0)
}

impl Figure {
    /// The share of this figure's marked visits that were missed (see `no_show_percent`).
    pub fn no_show_percent(&self) -> Option<f64> {
        no_show_percent(self.attended, self.no_show)
    }

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
    // Grouped by reservation: which class may use which reservation is the rule's, below.
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "select c.service_id, f.area_id, c.reserved_priority, \
               (select s.starts_at from slots s \
                 where s.service_id = c.service_id and s.facility_id = c.facility_id \
                   and s.starts_at >= $1 \
                   and coalesce(s.reserved_priority, '-') = coalesce(c.reserved_priority, '-') \
                   and {} and {} \
                 order by s.starts_at limit 1) \
             from (select a.service_id, a.facility_id, t.reserved_priority \
                     from agendas a join agenda_templates t on t.agenda_id = a.id \
                   union \
                   select a.service_id, a.facility_id, null from agendas a) c \
             join facilities f on f.id = c.facility_id",
            rule::free(2),
            rule::channel_may_use(3)
        )
    });
    let per_facility: Vec<(i64, i64, Option<String>, Option<i64>)> = on_read!(db, pool => {
        sqlx::query_as(&SQL)
            .bind(now + MIN_LEAD_SECONDS)
            .bind(now)
            .bind(Channel::Web.as_str())
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

    // Visits of the window, by their day, the desk marked attended or missed: the no-show rate.
    let mut marked: HashMap<(i64, Option<i64>, PriorityClass), (u64, u64)> = HashMap::new();
    let visits: Vec<(i64, i64, String, String, i64)> = on_read!(db, pool => {
        sqlx::query_as(
            "select s.service_id, f.area_id, p.priority, b.status, count(*) \
             from bookings b join slots s on s.id = b.slot_id \
             join facilities f on f.id = s.facility_id \
             join prescriptions p on p.id = b.prescription_id \
             where s.starts_at >= $1 and s.starts_at < $2 and b.status in ('attended', 'no_show') \
             group by s.service_id, f.area_id, p.priority, b.status",
        )
        .bind(since)
        .bind(now)
        .fetch_all(pool)
        .await?
    });
    for (service_id, area_id, priority, status, count) in visits {
        let Ok(class) = PriorityClass::parse(&priority) else {
            continue;
        };
        let count = u64::try_from(count).unwrap_or(0);
        for area in [Some(area_id), None] {
            let entry = marked.entry((service_id, area, class)).or_default();
            if status == "no_show" {
                entry.1 += count;
            } else {
                entry.0 += count;
            }
        }
    }

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
    places.extend(marked.keys().map(|(s, a, _)| (*s, *a)));

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
            let (attended, no_show) = marked
                .get(&(service_id, area_id, class))
                .copied()
                .unwrap_or_default();
            figures.push(Figure {
                service_id,
                area_id,
                class,
                max_wait_days: class.max_wait_days(service.kind),
                first_available,
                median_days: w.and_then(|w| median(&w.histogram)),
                bookings: w.map_or(0, |w| w.count),
                within_deadline: w.map_or(0, |w| w.within),
                attended,
                no_show,
            });
        }
    }
    Ok(figures)
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
            attended: 7,
            no_show: 1,
        };
        assert_eq!(figure.no_show_percent(), Some(12.5));
        assert_eq!(no_show_percent(0, 0), None);
        assert_eq!(no_show_percent(2, 1), Some(33.3));
        assert_eq!(figure.within_percent(), Some(66.7));
        let none = Figure {
            bookings: 0,
            within_deadline: 0,
            ..figure
        };
        assert_eq!(none.within_percent(), None);
    }
}
