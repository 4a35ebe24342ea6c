//! Signing in with SPID or CIE (the choice of identity provider, and why it failed) and the
//! signed-in citizen's own area: their prescriptions, bookings, waiting-list entries and the
//! messages sent to them, without typing codes, with the way to book, open, move or cancel.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

use super::booking::{priority_name, status_name};
use super::staff::{BookingLine, MessageLine, RxLine, WaitingLine};
use crate::i18n::Lang;
use crate::routes;
use crate::views::form::{ErrorSummary, FormErrors, TextField, title_with_errors};
use crate::views::help::HelpBox;
use crate::views::layout::{Layout, PageContext};

/// One identity provider people may sign in with.
#[derive(Clone, Debug)]
pub struct ProviderChoice {
    /// Its id in the sign-in address.
    pub id: String,
    /// Its name as people know it ("SPID", "CIE").
    pub label: String,
}

/// Why the sign-in page is shown again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInNotice {
    /// The provider did not confirm, or the answer did not match the request (state, nonce,
    /// issuer, signature, an expired request).
    Refused,
    /// The provider could not be reached.
    Unavailable,
    /// The provider gave no fiscal code, or one that is not valid.
    NoFiscalCode,
    /// The citizen cancelled at the provider.
    Cancelled,
    /// The session ended (15 minutes without activity, 8 hours in all, or signed out elsewhere).
    Expired,
    /// The citizen signed out.
    SignedOut,
}

impl SignInNotice {
    fn text(self, lang: Lang) -> &'static str {
        let c = &lang.t().citizen;
        match self {
            SignInNotice::Refused => c.ci_failed_refused,
            SignInNotice::Unavailable => c.ci_failed_unavailable,
            SignInNotice::NoFiscalCode => c.ci_failed_no_fiscal_code,
            SignInNotice::Cancelled => c.ci_failed_cancelled,
            SignInNotice::Expired => c.ci_expired,
            SignInNotice::SignedOut => c.ci_signed_out,
        }
    }

    /// Whether it reports a failed sign-in (an alert, and "failed" in the title).
    fn failed(self) -> bool {
        !matches!(self, SignInNotice::Expired | SignInNotice::SignedOut)
    }
}

/// The choice of identity provider. On a kiosk terminal, or with none configured, it says how
/// to go on with codes instead.
#[component]
pub fn SignInPage(
    ctx: PageContext,
    providers: Vec<ProviderChoice>,
    notice: Option<SignInNotice>,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let c = &t.citizen;
    let title = match notice {
        Some(n) if n.failed() => format!("{}: {}", c.ci_failed_title, c.ci_sign_in_title),
        _ => c.ci_sign_in_title.to_owned(),
    };
    let notice = notice.map(|n| {
        let role = if n.failed() { "alert" } else { "status" };
        view! {
            <p class="notice" role=role>
                {n.text(lang)}
            </p>
        }
    });
    let choices = if ctx.kiosk.is_some() {
        view! { <p>{c.ci_sign_in_kiosk}</p> }.into_any()
    } else if providers.is_empty() {
        view! { <p>{c.ci_sign_in_none}</p> }.into_any()
    } else {
        view! {
            <ul class="actions">
                {providers
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li>
                                // A link, not a form: the page's CSP allows forms to post to this
                                // site alone, and this one leaves for the identity provider.
                                <a class="button" href=routes::sign_in_start(&p.id)>
                                    {(c.ci_sign_in_with)(&p.label)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Layout ctx=ctx.clone() title=title description=c.ci_sign_in_intro>
            <h1>{c.ci_sign_in_title}</h1>
            {notice}
            <p class="lead">{c.ci_sign_in_intro}</p>
            {choices}
            <p>
                <a href=routes::MY_BOOKINGS>{t.lookup_button}</a>
            </p>
            <HelpBox lang=lang />
        </Layout>
    }
}

/// One delegation, as a party to it sees it.
#[derive(Clone, Debug)]
pub struct DelegationLine {
    pub id: i64,
    /// The other party: their name, or their fiscal code masked.
    pub who: String,
    /// Index into `ci_kind_names`: adult, guardian, paper.
    pub kind: usize,
    pub until: NaiveDate,
    pub revoked: Option<NaiveDate>,
}

/// What a delegate sees for one delegator.
#[derive(Clone, Debug)]
pub struct ForSomeone {
    pub name: String,
    pub prescriptions: Vec<RxLine>,
    pub bookings: Vec<BookingLine>,
    pub waiting: Vec<WaitingLine>,
}

/// One thing a delegate did for the citizen.
#[derive(Clone, Debug)]
pub struct DoneLine {
    pub at: NaiveDateTime,
    /// Index into `ci_action_names`.
    pub action: usize,
    pub who: String,
}

/// The delegation forms as typed, with their errors.
#[derive(Clone, Debug, Default)]
pub struct DelegationForm {
    pub delegate: String,
    pub until: String,
    pub minor: String,
    pub errors: FormErrors,
}

/// What the signed-in citizen's area shows.
#[derive(Clone, Debug)]
pub struct MyAreaData {
    /// The name the identity provider gave.
    pub name: String,
    /// Minutes without activity after which the session ends.
    pub idle_minutes: usize,
    pub prescriptions: Vec<RxLine>,
    pub bookings: Vec<BookingLine>,
    pub waiting: Vec<WaitingLine>,
    /// The people this citizen acts for (live delegations), each with their record.
    pub for_others: Vec<ForSomeone>,
    pub given: Vec<DelegationLine>,
    pub held: Vec<DelegationLine>,
    pub done_for_me: Vec<DoneLine>,
    pub form: DelegationForm,
    /// An answer to show first: (text, whether it reports a problem).
    pub notice: Option<(String, bool)>,
}

#[component]
pub fn MyAreaPage(ctx: PageContext, data: MyAreaData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let c = &t.citizen;
    let notice = data.notice.map(|(text, problem)| {
        let role = if problem { "alert" } else { "status" };
        view! {
            <p class="notice" role=role>
                {text}
            </p>
        }
    });
    let errors = data.form.errors.clone();
    let title = title_with_errors(lang, t.home_mine_title, &errors);
    let others = data
        .for_others
        .into_iter()
        .map(|someone| {
            view! {
                <section class="for-someone">
                    <h2>{(c.ci_for_heading)(&someone.name)}</h2>
                    {record(lang, someone.prescriptions, someone.bookings, someone.waiting, 3)}
                </section>
            }
        })
        .collect_view();
    view! {
        <Layout ctx=ctx.clone() title=title description=c.ci_sign_in_intro>
            <ErrorSummary lang=lang errors=errors />
            <h1>{t.home_mine_title}</h1>
            {notice}
            <p>{(c.ci_signed_in_as)(&data.name)}</p>
            {record(lang, data.prescriptions, data.bookings, data.waiting, 2)}
            {others}
            {delegations(lang, data.given, data.held, data.done_for_me, data.form)}
            <h2>{c.ci_sign_out_button}</h2>
            <p>{(c.ci_idle_note)(data.idle_minutes)}</p>
            <ul class="actions">
                <li>
                    <form method="post" action=routes::SIGN_OUT>
                        <button type="submit">{c.ci_sign_out_button}</button>
                    </form>
                </li>
                <li>
                    <form method="post" action=routes::SIGN_OUT_EVERYWHERE>
                        <button
                            type="submit"
                            class="secondary"
                            aria-describedby="sign-out-everywhere-hint"
                        >
                            {c.ci_sign_out_everywhere_button}
                        </button>
                        <p id="sign-out-everywhere-hint" class="hint">
                            {c.ci_sign_out_everywhere_hint}
                        </p>
                    </form>
                </li>
            </ul>
            <HelpBox lang=lang />
        </Layout>
    }
}

/// Prescriptions, bookings and waiting-list entries, under headings of `level` (2 or 3).
fn record(
    lang: Lang,
    prescriptions: Vec<RxLine>,
    bookings: Vec<BookingLine>,
    waiting: Vec<WaitingLine>,
    level: u8,
) -> impl IntoView {
    let t = lang.t();
    let c = &t.citizen;
    let heading = move |text: &'static str| {
        if level == 2 {
            view! { <h2>{text}</h2> }.into_any()
        } else {
            view! { <h3>{text}</h3> }.into_any()
        }
    };
    let prescriptions = if prescriptions.is_empty() {
        view! { <p>{c.ci_prescriptions_none}</p> }.into_any()
    } else {
        view! {
            <ul class="records">
                {prescriptions.into_iter().map(|rx| prescription_item(lang, rx)).collect_view()}
            </ul>
        }
        .into_any()
    };
    let bookings = if bookings.is_empty() {
        view! { <p>{c.ci_bookings_none}</p> }.into_any()
    } else {
        view! {
            <ul class="records">
                {bookings.into_iter().map(|b| booking_item(lang, b)).collect_view()}
            </ul>
        }
        .into_any()
    };
    let waiting = if waiting.is_empty() {
        view! { <p>{c.ci_waiting_none}</p> }.into_any()
    } else {
        view! {
            <ul class="records">
                {waiting
                    .into_iter()
                    .map(|w| {
                        view! {
                            <li>
                                <strong>{w.service}</strong>
                                <br />
                                {priority_name(lang, w.priority)}
                                <br />
                                {(c.ci_deadline)(&lang.short_date(w.deadline))}
                                <br />
                                {crate::views::staff::waiting_status_name(lang, w.status)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {heading(t.prescriptions_heading)}
        {prescriptions}
        {heading(t.bookings_heading)}
        {bookings}
        {heading(t.waiting_heading)}
        {waiting}
    }
}

fn delegation_list(lang: Lang, lines: Vec<DelegationLine>, button: &'static str) -> impl IntoView {
    let c = &lang.t().citizen;
    if lines.is_empty() {
        return view! { <p>{c.ci_none}</p> }.into_any();
    }
    view! {
        <ul class="records">
            {lines
                .into_iter()
                .map(|d| {
                    let kind = c.ci_kind_names.get(d.kind).copied().unwrap_or_default();
                    let line = (c.ci_delegation_line)(&d.who, kind, &lang.short_date(d.until));
                    let end = match d.revoked {
                        Some(on) => view! { <p>{(c.ci_revoked_on)(&lang.short_date(on))}</p> }.into_any(),
                        None => {
                            let context = format!(" {}", d.who);
                            view! {
                                <form method="post" action=routes::delegation_revoke(d.id)>
                                    <button type="submit" class="secondary">
                                        {button}
                                        <span class="vh">{context}</span>
                                    </button>
                                </form>
                            }
                                .into_any()
                        }
                    };
                    view! { <li>{line} {end}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The delegate's fiscal code and the end date (fields `delegato`, `valida_fino`), as the
/// citizen's form and the operator's paper form both ask them.
#[component]
pub fn DelegateFields(
    lang: Lang,
    delegate: String,
    until: String,
    errors: FormErrors,
) -> impl IntoView {
    let c = &lang.t().citizen;
    view! {
        <TextField
            lang=lang
            id="delegato"
            label=c.ci_delegate_label.to_owned()
            value=delegate
            error=errors.get("delegato")
            autocomplete="off"
            maxlength=16
            code=true
        />
        <TextField
            lang=lang
            id="valida_fino"
            label=c.ci_until_label.to_owned()
            hint=c.ci_until_hint.to_owned()
            value=until
            error=errors.get("valida_fino")
            autocomplete="off"
            maxlength=10
        />
    }
}

fn delegations(
    lang: Lang,
    given: Vec<DelegationLine>,
    held: Vec<DelegationLine>,
    done: Vec<DoneLine>,
    form: DelegationForm,
) -> impl IntoView {
    let c = &lang.t().citizen;
    let done = (!done.is_empty()).then(|| {
        view! {
            <h3>{c.ci_done_for_heading}</h3>
            <ul>
                {done
                    .into_iter()
                    .map(|d| {
                        let what = c.ci_action_names.get(d.action).copied().unwrap_or_default();
                        view! { <li>{(c.ci_done_line)(&lang.date_time(d.at), what, &d.who)}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <h2>{c.ci_delegations_heading}</h2>
        <p>{c.ci_delegations_intro}</p>
        <form method="post" action=routes::DELEGATIONS novalidate=true>
            <DelegateFields
                lang=lang
                delegate=form.delegate
                until=form.until
                errors=form.errors.clone()
            />
            <button type="submit">{c.ci_grant_button}</button>
        </form>
        <h3>{c.ci_given_heading}</h3>
        {delegation_list(lang, given, c.ci_revoke_button)}
        <h3>{c.ci_held_heading}</h3>
        {delegation_list(lang, held, c.ci_renounce_button)}
        {done}
        <h3>{c.ci_minor_heading}</h3>
        <p>{c.ci_minor_intro}</p>
        <form method="post" action=routes::DELEGATIONS_MINOR novalidate=true>
            <TextField
                lang=lang
                id="minore"
                label=c.ci_minor_label.to_owned()
                value=form.minor
                error=form.errors.get("minore")
                autocomplete="off"
                maxlength=16
                code=true
            />
            <button type="submit">{c.ci_minor_button}</button>
        </form>
    }
}

fn prescription_item(lang: Lang, rx: RxLine) -> impl IntoView {
    let t = lang.t();
    let c = &t.citizen;
    let book = rx.status.bookable().then(|| {
        let context = format!(" {}", rx.service);
        view! {
            <form method="post" action=routes::book_mine(rx.id)>
                <button type="submit">
                    {t.book_for_link} <span class="vh">
                        {context}
                    </span>
                </button>
            </form>
        }
    });
    view! {
        <li>
            <strong>{rx.service}</strong>
            <br />
            {priority_name(lang, rx.priority)}
            <br />
            {(c.ci_deadline)(&lang.short_date(rx.deadline))}
            <br />
            {t.nre_column}
            ": "
            <span class="code">{rx.nre}</span>
            " · "
            {rx.status.name(lang)}
            {book}
        </li>
    }
}

fn booking_item(lang: Lang, b: BookingLine) -> impl IntoView {
    let t = lang.t();
    let context = format!(" {}", b.code_grouped);
    let messages = (!b.messages.is_empty()).then(|| messages_of(lang, b.messages));
    view! {
        <li>
            <strong>{b.service}</strong>
            <br />
            {lang.date_time(b.starts)}
            ", "
            {b.facility}
            ", "
            {b.town}
            <br />
            {t.code_label_booking}
            ": "
            <span class="code">{b.code_grouped.clone()}</span>
            " · "
            {status_name(lang, b.status)}
            <br />
            <a href=routes::receipt(&b.code)>
                {t.open_link}
                <span class="vh">{context}</span>
            </a>
            {messages}
        </li>
    }
}

fn messages_of(lang: Lang, messages: Vec<MessageLine>) -> impl IntoView {
    let r = lang.recall();
    view! {
        <details>
            <summary>{lang.t().citizen.ci_messages_heading}</summary>
            <ul>
                {messages
                    .into_iter()
                    .map(|m| {
                        let kind = r.message_kinds.get(m.kind).copied().unwrap_or_default();
                        let channel = r.channel_names.get(m.channel).copied().unwrap_or_default();
                        let state = r.delivery_states.get(m.state).copied().unwrap_or_default();
                        let to = m.to.map(|to| format!(" {to}"));
                        view! {
                            <li>
                                {lang.short_date(m.at.date())} " " {kind} ", " {channel} {to} ": "
                                {state}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
