//! Accessibility feedback: the form of the accessibility statement (`/accessibilita/
//! segnalazione`), its storage, and the queries of the supervisors' pages (`review`). A report
//! is due 30 days after it is received (the database checks it); answering it is audited.
//!
//! What readers write, and their address, are personal data: they are never logged, and only
//! supervisors see them. Reports are anonymous, so each client may store only a few an hour
//! (`throttle::Throttle::report`): a flood is refused (429) before any query.

use axum::Form;
use axum::extract::Query;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::*;
use serde::Deserialize;

use app::domain::Email;
use app::i18n::{FEEDBACK_ANSWER_DAYS, Lang};
use app::routes;
use app::views::form::FormErrors;
use app::views::legal::{
    FEEDBACK_PAGE_MAX, FEEDBACK_TEXT_MAX, FeedbackForm, FeedbackPage, feedback_reference,
};
use app::views::render_document;

use crate::audit::{self, Actor};
use crate::db::{Conn, Db, on_conn, on_read};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::client::Client;
use crate::web::page::{Page, html_page, private_page};

/// Seconds from receipt to the answer's due time.
pub const DUE_SECONDS: i64 = FEEDBACK_ANSWER_DAYS * 86_400;

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct FeedbackInput {
    #[serde(default)]
    pub pagina: String,
    #[serde(default)]
    pub descrizione: String,
    #[serde(default)]
    pub email: String,
}

/// A report, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub page: Option<String>,
    pub text: String,
    pub email: Option<Email>,
    pub lang: Lang,
}

/// What was typed, understood: the report, or the errors of each field in the reader's
/// language. Texts are kept as typed (trimmed); lengths count characters, as the database does.
pub fn read(lang: Lang, input: &FeedbackInput) -> Result<Report, FormErrors> {
    let t = lang.t();
    let mut errors = FormErrors::default();
    let page = crate::text::one_line(&input.pagina);
    let page = page.as_str();
    if page.chars().count() > FEEDBACK_PAGE_MAX {
        errors.push("pagina", (t.legal.fb_too_long)(FEEDBACK_PAGE_MAX));
    }
    // No control characters but line breaks (a NUL, say, is not text).
    let text = crate::text::lines(&input.descrizione);
    let text = text.as_str();
    if text.is_empty() {
        errors.push("descrizione", t.legal.fb_text_missing);
    } else if text.chars().count() > FEEDBACK_TEXT_MAX {
        errors.push("descrizione", (t.legal.fb_too_long)(FEEDBACK_TEXT_MAX));
    }
    let email = match input.email.trim() {
        "" => None,
        typed => match Email::parse(typed) {
            Ok(email) => Some(email),
            Err(err) => {
                errors.push("email", t.email_error(err));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Report {
        page: (!page.is_empty()).then(|| page.to_owned()),
        text: text.to_owned(),
        email,
        lang,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SentQuery {
    inviata: Option<String>,
}

/// The form; with `?inviata=ID`, the receipt of report ID (nothing personal in it).
pub async fn form(Page(ctx): Page, Query(query): Query<SentQuery>) -> Response {
    let lang = ctx.lang;
    let sent = query
        .inviata
        .and_then(|id| id.trim().parse::<i64>().ok())
        .filter(|id| *id > 0)
        .map(feedback_reference);
    let html =
        render_document(view! { <FeedbackPage ctx=ctx form=FeedbackForm::default() sent=sent /> });
    html_page(lang, html)
}

/// Stores a report and shows its receipt (Post/Redirect/Get); the form again with its errors
/// (422, what was typed kept: a private page).
pub async fn submit(
    State(state): State<AppState>,
    Page(ctx): Page,
    Client(client): Client,
    Form(input): Form<FeedbackInput>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let report = match read(lang, &input) {
        Ok(report) => report,
        Err(errors) => {
            let form = FeedbackForm {
                page: input.pagina,
                text: input.descrizione,
                email: input.email,
                errors,
            };
            let html = render_document(view! { <FeedbackPage ctx=ctx form=form sent=None /> });
            return Ok(private_page(lang, StatusCode::UNPROCESSABLE_ENTITY, html));
        }
    };
    let counted = state.throttle.report(client).await?;
    let id = store(&state.db, &report, state.clock.now()).await?;
    counted.wrong();
    tracing::info!(feedback.id = id, "accessibility feedback received");
    Ok(Redirect::to(&format!("{}?inviata={id}", routes::ACCESSIBILITY_FEEDBACK)).into_response())
}

/// Stores a report, due `DUE_SECONDS` after `now`.
pub async fn store(db: &Db, report: &Report, now: i64) -> Result<i64, sqlx::Error> {
    let report = report.clone();
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                sqlx::query_scalar(
                    "insert into accessibility_feedback \
                     (received_at, due_at, page, description, email, lang) \
                     values ($1, $2, $3, $4, $5, $6) returning id",
                )
                .bind(now)
                .bind(now + DUE_SECONDS)
                .bind(report.page.as_deref())
                .bind(report.text.as_str())
                .bind(report.email.as_ref().map(Email::as_str))
                .bind(report.lang.code())
                .fetch_one(&mut *c)
                .await
            })
        })
    })
    .await
}

/// A stored report, with who answered it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stored {
    pub id: i64,
    pub received_at: i64,
    pub due_at: i64,
    pub page: Option<String>,
    pub description: String,
    pub email: Option<String>,
    pub lang: String,
    pub answered_at: Option<i64>,
    pub answered_by_name: Option<String>,
    pub answer_note: Option<String>,
}

const SELECT: &str = "select f.id, f.received_at, f.due_at, f.page, f.description, f.email, \
     f.lang, f.answered_at, s.display_name as answered_by_name, f.answer_note \
     from accessibility_feedback f left join staff s on s.id = f.answered_by";

/// Reports shown at most on one list.
pub const LIST_LIMIT: i64 = 500;

/// The reports to answer, due first first; or the answered ones, latest first.
pub async fn list(db: &Db, open: bool) -> Result<Vec<Stored>, sqlx::Error> {
    let sql = if open {
        format!("{SELECT} where f.answered_at is null order by f.due_at, f.id limit $1")
    } else {
        format!(
            "{SELECT} where f.answered_at is not null order by f.answered_at desc, f.id desc \
             limit $1"
        )
    };
    on_read!(db, pool => {
        sqlx::query_as(&sql).bind(LIST_LIMIT).fetch_all(pool).await
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    on_read!(db, pool => {
        sqlx::query_as(&format!("{SELECT} where f.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

/// Records a supervisor's answer, with its audit entry, in one transaction. False when the
/// report already had one (someone else's, or a repeated post): nothing is changed then.
pub async fn answer(
    db: &Db,
    id: i64,
    note: String,
    staff_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    db.transact(move |conn| {
        Box::pin(async move {
            on_conn!(conn, c => {
                let answered: Option<i64> = sqlx::query_scalar(
                    "update accessibility_feedback \
                     set answered_at = $1, answered_by = $2, answer_note = $3 \
                     where id = $4 and answered_at is null returning id",
                )
                .bind(now)
                .bind(staff_id)
                .bind(note.as_str())
                .bind(id)
                .fetch_optional(&mut *c)
                .await?;
                if answered.is_none() {
                    return Ok(false);
                }
                let detail = format!("accessibility feedback {}", feedback_reference(id));
                audit::record(
                    Conn::from(&mut *c),
                    Actor::Staff { id: staff_id },
                    "accessibility_feedback.answered",
                    None,
                    None,
                    &detail,
                    now,
                )
                .await?;
                Ok::<bool, sqlx::Error>(true)
            })
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(page: &str, text: &str, email: &str) -> FeedbackInput {
        FeedbackInput {
            pagina: page.to_owned(),
            descrizione: text.to_owned(),
            email: email.to_owned(),
        }
    }

    #[test]
    fn a_report_needs_a_text_within_its_length_and_a_valid_address_if_any() {
        let report = read(
            Lang::It,
            &input(" /prenota ", " Il bottone non si legge ", ""),
        )
        .expect("valid");
        assert_eq!(report.page.as_deref(), Some("/prenota"));
        assert_eq!(report.text, "Il bottone non si legge");
        assert_eq!(report.email, None);
        let errors = read(Lang::En, &input("", "  ", "not an address")).expect_err("invalid");
        assert_eq!(
            errors.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            ["descrizione", "email"]
        );
        // Characters, not bytes: a thousand Chinese characters fit.
        assert!(
            read(
                Lang::ZhHans,
                &input("", &"字".repeat(FEEDBACK_TEXT_MAX), "")
            )
            .is_ok()
        );
        let long =
            read(Lang::It, &input(&"p".repeat(201), &"x".repeat(1001), "")).expect_err("too long");
        assert_eq!(long.0.len(), 2);
    }
}
