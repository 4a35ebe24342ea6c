//! The audit search, for supervisors and administrators: by fiscal code, member of staff, days
//! and action, newest first, 50 to a page. The filters are posted and kept in the staff session
//! (a fiscal code never travels in a URL); the results page then reads them from there, so
//! paging and reloading are plain GETs. Every page of results shown is itself audited.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use app::domain::{BookingCode, FiscalCode};
use app::i18n::Lang;
use app::routes;
use app::views::form::FormErrors;
use app::views::render_document;
use app::views::staff::{
    AUDIT_ACTIONS, AuditData, AuditEntryView, AuditFilters, AuditPage, AuditWho,
};

use super::csrf::CsrfForm;
use super::session::SignedIn;
use crate::audit::{self, Actor};
use crate::clock::{local, start_of_day};
use crate::db::{Db, on_read};
use crate::error::AppError;
use crate::fhir::audit_events::{AuditEntry, audit_event, collection};
use crate::state::AppState;
use crate::web::page::{Page, staff_page};

const FILTERS_KEY: &str = "audit_search";
/// Entries per page.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// A validated search, kept in the session of the supervisor who made it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Search {
    owner: i64,
    fiscal_code: Option<String>,
    staff: Option<(i64, String)>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    action: Option<String>,
}

impl Search {
    /// The filters as they are shown in the form again.
    fn filters(&self, lang: Lang) -> AuditFilters {
        AuditFilters {
            fiscal_code: self.fiscal_code.clone().unwrap_or_default(),
            username: self
                .staff
                .as_ref()
                .map(|(_, u)| u.clone())
                .unwrap_or_default(),
            from: self.from.map(|d| lang.short_date(d)).unwrap_or_default(),
            to: self.to.map(|d| lang.short_date(d)).unwrap_or_default(),
            action: self.action.clone().unwrap_or_default(),
        }
    }

    /// What was searched for, for the audit entry of the search: no fiscal code here (it has
    /// its own column), only staff usernames, days and the action.
    fn describe(&self, page: Option<(i64, i64)>) -> String {
        let mut parts = Vec::new();
        if let Some((_, username)) = &self.staff {
            parts.push(format!("utente={username}"));
        }
        if let Some(from) = self.from {
            parts.push(format!("dal={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("al={to}"));
        }
        if let Some(action) = &self.action {
            parts.push(format!("azione={action}"));
        }
        if page.is_some() {
            parts.push("pagina successiva".to_owned());
        }
        parts.join("; ")
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: i64,
    actor: String,
    username: Option<String>,
    display_name: Option<String>,
    channel: Option<String>,
    action: String,
    fiscal_code: Option<String>,
    booking_code: Option<String>,
    reason: Option<String>,
}

/// Entries matching the search, newest first, strictly before `before` (at, id) if given.
async fn entries(
    db: &Db,
    search: &Search,
    before: Option<(i64, i64)>,
    limit: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let (before_at, before_id) = before.unwrap_or((i64::MAX, i64::MAX));
    on_read!(db, pool => {
        sqlx::query_as(
            "select a.id, a.at, a.actor, st.username, st.display_name, a.channel, a.action, \
             a.fiscal_code, b.code as booking_code, a.reason \
             from audit_log a \
             left join staff st on st.id = a.staff_id \
             left join bookings b on b.id = a.booking_id \
             where (cast($1 as text) is null or a.fiscal_code = $1) \
               and (cast($2 as bigint) is null or a.staff_id = $2) \
               and (cast($3 as bigint) is null or a.at >= $3) \
               and (cast($4 as bigint) is null or a.at < $4) \
               and (cast($5 as text) is null or a.action = $5) \
               and (a.at < $6 or (a.at = $6 and a.id < $7)) \
             order by a.at desc, a.id desc \
             limit $8",
        )
        .bind(search.fiscal_code.as_deref())
        .bind(search.staff.as_ref().map(|(id, _)| *id))
        .bind(search.from.map(start_of_day))
        .bind(search.to.and_then(|d| d.checked_add_days(Days::new(1))).map(start_of_day))
        .bind(search.action.as_deref())
        .bind(before_at)
        .bind(before_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

fn entry_view(row: Row) -> AuditEntryView {
    let who = match (row.actor.as_str(), row.username, row.display_name) {
        ("staff", Some(username), Some(name)) => AuditWho::Staff { name, username },
        ("citizen", ..) => AuditWho::Citizen,
        _ => AuditWho::System,
    };
    AuditEntryView {
        at: local(row.at),
        who,
        channel: row.channel,
        action: row.action,
        fiscal_code: row.fiscal_code,
        booking_code: row
            .booking_code
            .and_then(|c| BookingCode::parse(&c).ok())
            .map(|c| c.display_grouped()),
        reason: row.reason,
    }
}

async fn saved_search(signed_in: &SignedIn) -> Option<Search> {
    signed_in
        .get::<Search>(FILTERS_KEY)
        .await
        .filter(|s| s.owner == signed_in.staff.id)
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    /// Keyset of the next page: "at-id".
    dopo: Option<String>,
}

/// The search form, and the results of the search kept in the session (if any).
pub async fn audit_page(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let staff = signed_in.view();
    let Some(search) = saved_search(&signed_in).await else {
        let html = render_document(view! {
            <AuditPage ctx=ctx staff=staff data=AuditData::default() />
        });
        return Ok(staff_page(lang, StatusCode::OK, html));
    };
    let before = query.dopo.as_deref().and_then(|d| {
        let (at, id) = d.split_once('-')?;
        Some((at.parse().ok()?, id.parse().ok()?))
    });
    let mut rows = entries(&state.db, &search, before, AUDIT_PAGE_SIZE + 1).await?;
    let next_page = (rows.len() as i64 > AUDIT_PAGE_SIZE).then(|| {
        rows.truncate(AUDIT_PAGE_SIZE as usize);
        let last = rows.last().map_or((0, 0), |r| (r.at, r.id));
        format!("dopo={}-{}", last.0, last.1)
    });
    // Reading the audit is itself on record, before anything is shown.
    on_record(&state, &signed_in, &search, search.describe(before)).await?;
    let data = AuditData {
        filters: search.filters(lang),
        errors: FormErrors::default(),
        entries: Some(rows.into_iter().map(entry_view).collect()),
        next_page,
        first_page: before.is_none(),
    };
    let html = render_document(view! { <AuditPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::OK, html))
}

/// Records that a supervisor read the audit (a page of results, or the export).
async fn on_record(
    state: &AppState,
    signed_in: &SignedIn,
    search: &Search,
    detail: String,
) -> Result<(), AppError> {
    let (id, fiscal_code, now) = (
        signed_in.staff.id,
        search.fiscal_code.clone(),
        state.clock.now(),
    );
    state
        .db
        .transact(move |conn| {
            Box::pin(async move {
                audit::record(
                    conn,
                    Actor::Staff { id },
                    "audit_searched",
                    fiscal_code.as_deref(),
                    None,
                    &detail,
                    now,
                )
                .await
            })
        })
        .await?;
    Ok(())
}

/// Entries at most in one export.
const EXPORT_LIMIT: i64 = 10_000;

/// The results of the search kept in the session (the newest `EXPORT_LIMIT`) as FHIR
/// `AuditEvent`s in IHE BALP shapes (`fhir::audit_events`): a JSON download, itself on record.
/// Without a search, back to the search form.
pub async fn audit_export(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let Some(search) = saved_search(&signed_in).await else {
        return Ok(Redirect::to(routes::STAFF_AUDIT).into_response());
    };
    let rows = entries(&state.db, &search, None, EXPORT_LIMIT).await?;
    let detail = format!("{} (FHIR AuditEvent)", search.describe(None));
    on_record(&state, &signed_in, &search, detail).await?;
    let base = state.links.base_url();
    let events = rows
        .iter()
        .map(|r| {
            audit_event(
                base,
                &AuditEntry {
                    id: r.id,
                    at: r.at,
                    actor: &r.actor,
                    username: r.username.as_deref(),
                    display_name: r.display_name.as_deref(),
                    channel: r.channel.as_deref(),
                    action: &r.action,
                    fiscal_code: r.fiscal_code.as_deref(),
                    booking_code: r.booking_code.as_deref(),
                    reason: r.reason.as_deref(),
                },
            )
        })
        .collect();
    let bundle = collection(base, events, state.clock.now());
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/fhir+json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit-event.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bundle.to_string(),
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditForm {
    #[serde(default)]
    codice_fiscale: String,
    #[serde(default)]
    utente: String,
    #[serde(default)]
    dal: String,
    #[serde(default)]
    al: String,
    #[serde(default)]
    azione: String,
}

async fn staff_id_of(db: &Db, username: &str) -> Result<Option<i64>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_scalar("select id from staff where username = $1")
            // PostgreSQL refuses a NUL in text; no username has one.
            .bind(username.replace('\0', "\u{fffd}"))
            .fetch_optional(pool)
            .await
    })
}

/// Checks the filters, keeps them in the session and shows the results (Post/Redirect/Get).
pub async fn audit_search(
    State(state): State<AppState>,
    Page(ctx): Page,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<AuditForm>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.t();
    let mut errors = FormErrors::default();
    let mut search = Search {
        owner: signed_in.staff.id,
        ..Search::default()
    };
    if !form.codice_fiscale.trim().is_empty() {
        match FiscalCode::parse(&form.codice_fiscale) {
            Ok(code) => search.fiscal_code = Some(code.as_str().to_owned()),
            Err(e) => errors.push("codice_fiscale", t.fiscal_code_error(e)),
        }
    }
    let username = form.utente.trim().to_lowercase();
    if !username.is_empty() {
        match staff_id_of(&state.db, &username).await? {
            Some(id) => search.staff = Some((id, username)),
            None => errors.push("utente", t.audit_unknown_staff),
        }
    }
    let mut day = |field: &'static str, typed: &str| {
        if typed.trim().is_empty() {
            return None;
        }
        let parsed = Lang::parse_date(typed);
        if parsed.is_none() {
            errors.push(field, t.audit_date_invalid);
        }
        parsed
    };
    search.from = day("dal", &form.dal);
    search.to = day("al", &form.al);
    if let (Some(from), Some(to)) = (search.from, search.to)
        && to < from
    {
        errors.push("al", t.audit_dates_reversed);
    }
    search.action = AUDIT_ACTIONS
        .iter()
        .find(|a| **a == form.azione.trim())
        .map(|a| (*a).to_owned());
    if errors.is_empty() {
        signed_in.insert(FILTERS_KEY, &search).await?;
        return Ok(Redirect::to(routes::STAFF_AUDIT).into_response());
    }
    let data = AuditData {
        filters: AuditFilters {
            fiscal_code: form.codice_fiscale.trim().chars().take(20).collect(),
            username: form.utente.trim().chars().take(64).collect(),
            from: form.dal.trim().chars().take(10).collect(),
            to: form.al.trim().chars().take(10).collect(),
            action: search.action.unwrap_or_default(),
        },
        errors,
        ..AuditData::default()
    };
    let staff = signed_in.view();
    let html = render_document(view! { <AuditPage ctx=ctx staff=staff data=data /> });
    Ok(staff_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html))
}
