//! "Le mie prenotazioni" for a citizen signed in with SPID or CIE: their prescriptions, bookings,
//! waiting-list entries and the messages sent to them, read from the fiscal code the identity
//! provider gave, with no code typed; the same for each person who delegated them; and their
//! delegations (given, held, what was done for them, a parent's or guardian's declaration for a
//! minor). A prescription is booked from here through the same journey as everywhere (`book`:
//! the pass takes the prescription as chosen by a citizen signed in, good only while the
//! session, and the delegation, last); a booking opens on its receipt, which its holder or their
//! delegate, signed in, may see, move and cancel (`proof::Visible`).

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;
use tower_sessions::Session;

use app::domain::{FiscalCode, Nre};
use app::i18n::Lang;
use app::routes;
use app::views::citizen::{
    DelegationForm, DelegationLine, DoneLine, ForSomeone, MyAreaData, MyAreaPage,
};
use app::views::form::FormErrors;
use app::views::{PageContext, render_document};

use super::prescription::begin;
use super::proof::actor;
use crate::citizen::SignedCitizen;
use crate::citizen::delegation::{self, Grant, Refusal, Revoker};
use crate::citizen::session::{Current, IDLE_MINUTES, current};
use crate::clock::local;
use crate::error::AppError;
use crate::prescriptions;
use crate::records;
use crate::state::AppState;
use crate::web::page::{Page, personal_page};
use crate::web::pass::Pass;

/// Whom the request's citizen session names: signed in, ended, or no one.
pub(super) async fn who(
    state: &AppState,
    ctx: &PageContext,
    session: &Session,
) -> Result<Current, AppError> {
    current(Some(session), state, ctx.kiosk.is_some()).await
}

/// Where a request that needs a signed-in citizen goes without one.
fn to_sign_in(ended: bool) -> Response {
    let to = if ended {
        format!("{}?scaduta=1", routes::SIGN_IN)
    } else {
        routes::SIGN_IN.to_owned()
    };
    Redirect::to(&to).into_response()
}

/// The signed-in citizen, or the answer for a request without one.
async fn signed_in(
    state: &AppState,
    ctx: &PageContext,
    session: &Session,
) -> Result<Result<SignedCitizen, Response>, AppError> {
    Ok(match who(state, ctx, session).await? {
        Current::Signed(citizen) => Ok(citizen),
        Current::Anonymous => Err(to_sign_in(false)),
        Current::Ended => Err(to_sign_in(true)),
    })
}

/// People as the other party to a delegation sees them: the registry's name and the masked
/// code, or the masked code alone; each read once per page.
struct People<'a> {
    state: &'a AppState,
    known: HashMap<String, String>,
}

impl<'a> People<'a> {
    fn new(state: &'a AppState) -> People<'a> {
        People {
            state,
            known: HashMap::new(),
        }
    }

    async fn name(&mut self, code: &str) -> Result<String, AppError> {
        if let Some(name) = self.known.get(code) {
            return Ok(name.clone());
        }
        let masked = FiscalCode::parse(code).map_or_else(|_| code.to_owned(), |c| c.masked());
        let name = match records::name_of(&self.state.db, code).await? {
            Some(name) => format!("{name} ({masked})"),
            None => masked,
        };
        self.known.insert(code.to_owned(), name.clone());
        Ok(name)
    }

    async fn lines(
        &mut self,
        all: Vec<delegation::Delegation>,
        other: impl Fn(&delegation::Delegation) -> &str,
    ) -> Result<Vec<DelegationLine>, AppError> {
        let mut out = Vec::with_capacity(all.len());
        for d in all {
            out.push(DelegationLine {
                id: d.id,
                who: self.name(other(&d)).await?,
                kind: d.kind().index(),
                until: d.valid_to,
                revoked: d.revoked_at.map(|at| local(at).date()),
            });
        }
        Ok(out)
    }

    /// What delegates did, from the audit's (when, action, delegate).
    async fn done(&mut self, rows: Vec<(i64, String, String)>) -> Result<Vec<DoneLine>, AppError> {
        let mut out = Vec::with_capacity(rows.len());
        for (at, action, by) in rows {
            out.push(DoneLine {
                at: local(at),
                action: action_index(&action),
                who: self.name(&by).await?,
            });
        }
        Ok(out)
    }
}

/// The index of an audited action in the texts' `ci_action_names`.
fn action_index(action: &str) -> usize {
    match action {
        "booking.created" => 0,
        "booking.moved" => 1,
        "booking.cancelled" => 2,
        "waiting_list.joined" => 3,
        _ => 4,
    }
}

/// What delegates did to booking `booking_id`, for its receipt.
pub(super) async fn acted_on(state: &AppState, booking_id: i64) -> Result<Vec<DoneLine>, AppError> {
    let rows = delegation::acted_on_booking(&state.db, booking_id).await?;
    People::new(state).done(rows).await
}

/// The signed-in citizen's area.
pub(super) async fn area(
    state: &AppState,
    ctx: PageContext,
    citizen: &SignedCitizen,
    form: DelegationForm,
    notice: Option<(String, bool)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let me = citizen.fiscal_code.as_str();
    let record = records::of(state, lang, me, actor(&ctx)).await?;
    let today = state.clock.today();
    let held = delegation::held_by(&state.db, me, today).await?;
    let mut people = People::new(state);
    let mut for_others = Vec::with_capacity(held.len());
    for d in &held {
        let theirs = records::of(state, lang, &d.delegator, actor(&ctx)).await?;
        for_others.push(ForSomeone {
            name: people.name(&d.delegator).await?,
            prescriptions: theirs.prescriptions,
            bookings: theirs.bookings,
            waiting: theirs.waiting,
        });
    }
    let given = delegation::given_by(&state.db, me).await?;
    let given = people.lines(given, |d| &d.delegate).await?;
    let held = people.lines(held, |d| &d.delegator).await?;
    let done_for_me = people
        .done(delegation::done_for(&state.db, me).await?)
        .await?;
    let name = if citizen.name.is_empty() {
        citizen.fiscal_code.masked()
    } else {
        citizen.name.clone()
    };
    let data = MyAreaData {
        name,
        idle_minutes: IDLE_MINUTES,
        prescriptions: record.prescriptions,
        bookings: record.bookings,
        waiting: record.waiting,
        for_others,
        given,
        held,
        done_for_me,
        form,
        notice,
    };
    let html = render_document(view! { <MyAreaPage ctx=ctx data=data /> });
    Ok(personal_page(lang, status, html))
}

/// Books a prescription of the signed-in citizen, or of someone who delegated them: the same
/// checks as typing its codes (valid, not booked, within its time), then the journey.
pub async fn book(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    mut pass: Pass,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let citizen = match signed_in(&state, &ctx, &session).await? {
        Ok(citizen) => citizen,
        Err(answer) => return Ok(answer),
    };
    let lang = ctx.lang;
    let today = state.clock.today();
    // Theirs, or of someone they act for today.
    let mut holders = vec![citizen.fiscal_code.as_str().to_owned()];
    holders.extend(
        delegation::held_by(&state.db, citizen.fiscal_code.as_str(), today)
            .await?
            .into_iter()
            .map(|d| d.delegator),
    );
    let mut found = None;
    for holder in &holders {
        let rows = records::prescriptions_of(&state.db, holder, Some(id)).await?;
        if let Some(nre) = rows.first().and_then(|row| Nre::parse(&row.nre).ok()) {
            found = FiscalCode::parse(holder).ok().map(|code| (code, nre));
            break;
        }
    }
    let Some((holder, nre)) = found else {
        // Not theirs, nor of anyone they act for (or no such prescription): one answer.
        let notice = Some((lang.t().citizen.ci_not_yours.to_owned(), true));
        let form = DelegationForm::default();
        return area(&state, ctx, &citizen, form, notice, StatusCode::NOT_FOUND).await;
    };
    let catalog = state.catalog.clone();
    let checked = prescriptions::check(&state.db, &holder, &nre, today, |id| {
        catalog.by_id(id).map(|s| s.kind)
    })
    .await?;
    match checked {
        Ok(prescription) => {
            pass.signed_in = true;
            begin(&state, pass, prescription.id).await
        }
        Err(problem) => {
            let notice = Some((problem.message(lang), true));
            let form = DelegationForm::default();
            area(&state, ctx, &citizen, form, notice, StatusCode::CONFLICT).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    delegato: String,
    #[serde(default)]
    valida_fino: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct MinorForm {
    #[serde(default)]
    minore: String,
}

fn refusal_text(lang: Lang, refusal: Refusal) -> &'static str {
    let c = &lang.t().citizen;
    match refusal {
        Refusal::Oneself => c.ci_err_oneself,
        Refusal::DelegateNotAdult => c.ci_err_delegate_minor,
        Refusal::DelegatorMinor => c.ci_err_delegator_minor,
        Refusal::NotAMinor => c.ci_err_not_minor,
        Refusal::BadPeriod => c.ci_err_period,
        Refusal::NoDocument => c.ci_err_document,
    }
}

/// The field a refusal belongs to.
fn refusal_field(refusal: Refusal, minor: bool) -> &'static str {
    match refusal {
        Refusal::BadPeriod => "valida_fino",
        _ if minor => "minore",
        _ => "delegato",
    }
}

/// The end of a delegation form: the grant recorded and the area with its notice, or the area
/// with the form as typed and its errors (the refusal's on its field).
async fn recorded_or_shown(
    state: &AppState,
    ctx: PageContext,
    citizen: &SignedCitizen,
    checked: Option<Result<Grant, Refusal>>,
    mut form: DelegationForm,
    minor: bool,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    match checked {
        Some(Ok(grant)) => {
            let (today, now) = (state.clock.today(), state.clock.now());
            grant.insert(&state.db, None, today, now).await?;
            let notice = Some((lang.t().citizen.ci_granted_notice.to_owned(), false));
            let form = DelegationForm::default();
            return area(state, ctx, citizen, form, notice, StatusCode::OK).await;
        }
        Some(Err(refusal)) => form
            .errors
            .push(refusal_field(refusal, minor), refusal_text(lang, refusal)),
        None => {}
    }
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    area(state, ctx, citizen, form, None, status).await
}

/// What was typed, kept for the form shown again (bounded).
fn as_typed(text: &str) -> String {
    text.trim().chars().take(32).collect()
}

/// The signed-in citizen names a delegate until a date.
pub async fn grant(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    Form(form): Form<GrantForm>,
) -> Result<Response, AppError> {
    let citizen = match signed_in(&state, &ctx, &session).await? {
        Ok(citizen) => citizen,
        Err(answer) => return Ok(answer),
    };
    let mut errors = FormErrors::default();
    let typed = delegation::read_delegate(ctx.lang, &form.delegato, &form.valida_fino, &mut errors);
    let checked = match typed {
        Some((delegate, until)) => {
            let holder = citizen.fiscal_code.clone();
            let today = state.clock.today();
            Some(Grant::adult(&state.db, holder, delegate, until, today).await?)
        }
        None => None,
    };
    let form = DelegationForm {
        delegate: as_typed(&form.delegato),
        until: as_typed(&form.valida_fino),
        minor: String::new(),
        errors,
    };
    recorded_or_shown(&state, ctx, &citizen, checked, form, false).await
}

/// The signed-in citizen declares they are the parent or guardian of a minor.
pub async fn minor(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    Form(form): Form<MinorForm>,
) -> Result<Response, AppError> {
    let citizen = match signed_in(&state, &ctx, &session).await? {
        Ok(citizen) => citizen,
        Err(answer) => return Ok(answer),
    };
    let mut errors = FormErrors::default();
    let checked = match FiscalCode::parse(&form.minore) {
        Err(e) => {
            errors.push("minore", ctx.lang.t().fiscal_code_error(e));
            None
        }
        Ok(minor) => {
            let guardian = citizen.fiscal_code.clone();
            let today = state.clock.today();
            Some(Grant::guardian(&state.db, guardian, minor, today).await?)
        }
    };
    let form = DelegationForm {
        minor: as_typed(&form.minore),
        errors,
        ..DelegationForm::default()
    };
    recorded_or_shown(&state, ctx, &citizen, checked, form, true).await
}

/// A party to a delegation (the delegator, or the delegate giving it up) ends it.
pub async fn revoke(
    State(state): State<AppState>,
    Page(ctx): Page,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let citizen = match signed_in(&state, &ctx, &session).await? {
        Ok(citizen) => citizen,
        Err(answer) => return Ok(answer),
    };
    let revoked = delegation::revoke(
        &state.db,
        id,
        Revoker::Citizen(&citizen.fiscal_code),
        state.clock.now(),
    )
    .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    let notice = Some((ctx.lang.t().citizen.ci_revoked_notice.to_owned(), false));
    area(
        &state,
        ctx,
        &citizen,
        DelegationForm::default(),
        notice,
        StatusCode::OK,
    )
    .await
}
