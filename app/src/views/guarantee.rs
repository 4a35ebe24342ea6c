//! The guarantee route (percorso di tutela) as pages: the citizen's request (what it is, where
//! and how to be contacted, then the reference and what happens next), the operator's request
//! for the citizen being served, the supervisors' list by deadline with the outcome of each, and
//! the compact table of the transparency page.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::Lang;
use crate::routes;
use crate::views::booking::{PrescriptionSummary, PrescriptionView, priority_name};
use crate::views::form::{
    AreaField, ContactFields, ErrorSummary, FormErrors, RadioField, SelectField, TextField,
    title_with_errors,
};
use crate::views::help::{BackLink, HelpBox};
use crate::views::layout::{Layout, PageContext};
use crate::views::staff::{CitizenSummary, StaffBar, StaffView};

/// Working days within which the CUP calls back a citizen who asked (the promise the
/// confirmation makes, and the supervisors' list keeps in view).
pub const ANSWER_WORKING_DAYS: u32 = 2;
/// The longest note of an outcome, in characters (the database checks it too).
pub const NOTE_MAX_CHARS: usize = 500;

/// The request's reference, as said on the phone: "PT-000042".
pub fn reference(id: i64) -> String {
    format!("PT-{id:06}")
}

/// Whether a request may be made for the prescription now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Eligibility {
    /// No slot the channel may book meets the deadline.
    Eligible,
    /// A free slot meets the deadline, from this day.
    SlotInTime(NaiveDate),
    /// Booked, no longer valid, or past its deadline.
    NotPossible,
}

/// The request form, filled in as typed.
#[derive(Clone, Debug, Default)]
pub struct RequestForm {
    pub areas: Vec<(i64, String)>,
    pub towns: Vec<String>,
    pub area: Option<i64>,
    pub town: String,
    pub phone: String,
    pub email: String,
    pub errors: FormErrors,
}

#[derive(Clone, Debug)]
pub struct GuaranteeAskData {
    pub prescription: PrescriptionView,
    pub eligibility: Eligibility,
    pub form: RequestForm,
}

/// What it is, in plain words, and why a request cannot be made, or the form.
#[component]
fn AskBody(
    lang: Lang,
    eligibility: Eligibility,
    deadline: NaiveDate,
    form: RequestForm,
    action: String,
    slots_href: String,
    /// The staff session's token, on the operator's form.
    #[prop(optional)]
    csrf: Option<String>,
    /// The operator asks for someone else: the browser must not fill in its own contacts.
    #[prop(default = true)]
    autofill: bool,
) -> impl IntoView {
    let g = &lang.t().guarantee;
    let what = (g.gt_what)(&lang.long_date(deadline));
    let body = match eligibility {
        Eligibility::SlotInTime(day) => view! {
            <p class="notice" role="status">{(g.gt_slot_in_time)(&lang.long_date(day))}</p>
            <p>
                <a class="button" href=slots_href>{g.gt_to_slots}</a>
            </p>
        }
        .into_any(),
        Eligibility::NotPossible => {
            view! { <p class="notice" role="status">{g.gt_not_possible}</p> }.into_any()
        }
        Eligibility::Eligible => {
            let towns = form.towns.iter().map(|t| (t.clone(), t.clone())).collect();
            view! {
                <p>{g.gt_how}</p>
                <form method="post" action=action novalidate>
                    {csrf.map(|c| view! { <input type="hidden" name="csrf" value=c /> })}
                    <fieldset>
                        <legend>{g.gt_where_legend}</legend>
                        <p class="hint">{g.gt_where_hint}</p>
                        <AreaField lang=lang areas=form.areas selected=form.area />
                        <SelectField
                            lang=lang
                            id="comune"
                            label=lang.t().town_label.to_owned()
                            empty=lang.t().any_town.to_owned()
                            choices=towns
                            selected=form.town
                            error=form.errors.get("comune")
                        />
                    </fieldset>
                    <ContactFields
                        lang=lang
                        hint=g.gt_contacts_hint
                        phone=form.phone
                        email=form.email
                        errors=form.errors.clone()
                        autofill=autofill
                    />
                    <button type="submit">{g.gt_send_button}</button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <p class="lead">{what}</p>
        {body}
    }
}

/// `/prenota/percorso-di-tutela`: what the guarantee route is, and the request.
#[component]
pub fn GuaranteeAskPage(ctx: PageContext, data: GuaranteeAskData) -> impl IntoView {
    let lang = ctx.lang;
    let g = &lang.t().guarantee;
    let title = title_with_errors(lang, g.gt_title, &data.form.errors);
    let deadline = data.prescription.deadline;
    view! {
        <Layout ctx=ctx.clone() title=title description=g.gt_how>
            <BackLink lang=lang href=routes::BOOK_SLOTS.to_owned() />
            <ErrorSummary lang=lang errors=data.form.errors.clone() />
            <h1>{g.gt_title}</h1>
            <PrescriptionSummary lang=lang prescription=data.prescription />
            <AskBody
                lang=lang
                eligibility=data.eligibility
                deadline=deadline
                form=data.form
                action=routes::BOOK_GUARANTEE.to_owned()
                slots_href=routes::BOOK_SLOTS.to_owned()
            />
            <HelpBox lang=lang />
        </Layout>
    }
}

/// What the citizen is told once the request is made.
#[derive(Clone, Debug)]
pub struct GuaranteeFiledData {
    pub prescription: PrescriptionView,
    pub reference: String,
}

/// `/prenota/percorso-di-tutela/richiesta`: the reference and what happens next.
#[component]
pub fn GuaranteeFiledPage(ctx: PageContext, data: GuaranteeFiledData) -> impl IntoView {
    let lang = ctx.lang;
    let g = &lang.t().guarantee;
    let next = (g.gt_next)(
        ANSWER_WORKING_DAYS,
        &lang.long_date(data.prescription.deadline),
    );
    view! {
        <Layout ctx=ctx.clone() title=g.gt_filed_title.to_owned() description=g.gt_how>
            <h1>{g.gt_filed_title}</h1>
            <p class="lead reference">
                <strong>{(g.gt_reference)(&data.reference)}</strong>
            </p>
            <p>{next}</p>
            <p>{g.gt_keep_reference}</p>
            <PrescriptionSummary lang=lang prescription=data.prescription />
            <HelpBox lang=lang />
        </Layout>
    }
}

#[derive(Clone, Debug)]
pub struct ConsoleGuaranteeData {
    pub citizen: CitizenSummary,
    pub prescription_id: i64,
    pub prescription: PrescriptionView,
    pub eligibility: Eligibility,
    /// The reference of the request already open for this prescription.
    pub filed: Option<String>,
    pub form: RequestForm,
}

/// `/operatore/cittadino/tutela?ricetta=ID`: the request, made by the operator for the citizen
/// being served.
#[component]
pub fn ConsoleGuaranteePage(
    ctx: PageContext,
    staff: StaffView,
    data: ConsoleGuaranteeData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let g = &t.guarantee;
    let csrf = staff.csrf.clone();
    let title = title_with_errors(lang, g.gt_title, &data.form.errors);
    let errors = data.form.errors.clone();
    let deadline = data.prescription.deadline;
    let action = format!(
        "{}?ricetta={}",
        routes::STAFF_CITIZEN_GUARANTEE,
        data.prescription_id
    );
    let slots_href = format!(
        "{}?ricetta={}",
        routes::STAFF_CITIZEN_BOOK,
        data.prescription_id
    );
    let body = match data.filed {
        Some(reference) => view! {
            <p class="notice" role="status">{(g.gt_console_filed)(&reference)}</p>
        }
        .into_any(),
        None => view! {
            <p>{g.gt_console_intro}</p>
            <AskBody
                lang=lang
                eligibility=data.eligibility
                deadline=deadline
                form=data.form
                action=action
                slots_href=slots_href
                csrf=csrf
                autofill=false
            />
        }
        .into_any(),
    };
    view! {
        <Layout ctx=ctx.clone() title=title description=g.gt_console_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=errors />
            <h1>{g.gt_title}</h1>
            <crate::views::staff::CitizenBanner lang=lang citizen=data.citizen />
            <PrescriptionSummary lang=lang prescription=data.prescription />
            {body}
            <p>
                <a href=routes::STAFF_CITIZEN>{t.back_to_record}</a>
            </p>
        </Layout>
    }
}

/// How a request ended (`gt_outcomes` in this order): a slot found, intramoenia, another
/// provider, withdrawn.
pub const OUTCOMES: [&str; 4] = ["slot_found", "intramoenia", "other_provider", "withdrawn"];

/// The words of an outcome (or of a withdrawal).
pub fn outcome_name(lang: Lang, outcome: &str) -> &'static str {
    let names = lang.t().guarantee.gt_outcomes;
    OUTCOMES
        .iter()
        .position(|o| *o == outcome)
        .map_or("", |i| names[i])
}

/// The time left before the deadline, in words (never colour only).
pub fn time_left(lang: Lang, deadline: NaiveDate, today: NaiveDate) -> String {
    let g = &lang.t().guarantee;
    let days = (deadline - today).num_days();
    match days {
        0 => g.gt_due_today.to_owned(),
        d if d > 0 => (g.gt_days_left)(d),
        d => (g.gt_overdue)(-d),
    }
}

/// One request in the supervisors' list: no personal data.
#[derive(Clone, Debug)]
pub struct GuaranteeLine {
    pub id: i64,
    pub service: String,
    pub priority: crate::domain::PriorityClass,
    pub deadline: NaiveDate,
    /// The area or town wanted, if any.
    pub wanted: Option<String>,
    pub by_operator: bool,
    pub filed_on: NaiveDate,
    /// Closed: the outcome (`OUTCOMES`), who closed it and when.
    pub closed: Option<(String, String, NaiveDate)>,
}

#[derive(Clone, Debug)]
pub struct GuaranteeListData {
    /// Open requests (by deadline), or closed ones (latest first).
    pub open: bool,
    pub lines: Vec<GuaranteeLine>,
    pub today: NaiveDate,
    pub notice: Option<String>,
}

/// `/operatore/tutela[?stato=chiuse]`: the requests against their deadlines.
#[component]
pub fn GuaranteeListPage(
    ctx: PageContext,
    staff: StaffView,
    data: GuaranteeListData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let g = &t.guarantee;
    let today = data.today;
    let open = data.open;
    let current = move |is: bool| (is == open).then_some("page");
    let lines = data.lines;
    let table = (!lines.is_empty()).then(|| {
        view! {
            <table class="times">
                <caption class="vh">{g.gt_states[usize::from(!open)]}</caption>
                <thead>
                    <tr>
                        <th scope="col">{g.gt_reference_column}</th>
                        <th scope="col">{t.service_label}</th>
                        <th scope="col">{t.priority_label}</th>
                        <th scope="col">{t.deadline_label}</th>
                        <th scope="col">
                            {if open { g.gt_time_column } else { g.gt_outcome_column }}
                        </th>
                        <th scope="col">{g.gt_where_column}</th>
                        <th scope="col">{g.gt_filed_column}</th>
                        <th scope="col">{t.actions_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines
                        .into_iter()
                        .map(|l| {
                            let reference = reference(l.id);
                            let state = match &l.closed {
                                None => time_left(lang, l.deadline, today),
                                Some((outcome, who, on)) => format!(
                                    "{}. {}",
                                    outcome_name(lang, outcome),
                                    (g.gt_decided)(who, &lang.short_date(*on)),
                                ),
                            };
                            let overdue = l.closed.is_none() && l.deadline < today;
                            let via = g.gt_via[usize::from(l.by_operator)];
                            view! {
                                <tr>
                                    <th scope="row" class="code">{reference.clone()}</th>
                                    <td>{l.service}</td>
                                    <td>{priority_name(lang, l.priority)}</td>
                                    <td>{lang.short_date(l.deadline)}</td>
                                    <td>
                                        {if overdue {
                                            view! { <strong>{state}</strong> }.into_any()
                                        } else {
                                            state.into_any()
                                        }}
                                    </td>
                                    <td>{l.wanted.unwrap_or_else(|| g.gt_anywhere.to_owned())}</td>
                                    <td>{lang.short_date(l.filed_on)} ", " {via}</td>
                                    <td>
                                        <a href=routes::staff_guarantee(l.id)>
                                            {g.gt_open_link}
                                            <span class="vh">{format!(" {reference}")}</span>
                                        </a>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let empty = if open {
        g.gt_none_open
    } else {
        g.gt_none_closed
    };
    view! {
        <Layout ctx=ctx.clone() title=g.gt_list_title.to_owned() description=g.gt_list_intro>
            <StaffBar lang=lang staff=staff />
            {data.notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <h1>{g.gt_list_title}</h1>
            <p class="lead">{g.gt_list_intro}</p>
            <nav aria-label=g.gt_list_title>
                <ul class="link-list">
                    <li>
                        <a href=routes::STAFF_GUARANTEES aria-current=current(true)>
                            {g.gt_states[0]}
                        </a>
                    </li>
                    <li>
                        <a
                            href=format!("{}?stato=chiuse", routes::STAFF_GUARANTEES)
                            aria-current=current(false)
                        >
                            {g.gt_states[1]}
                        </a>
                    </li>
                </ul>
            </nav>
            {table.map_or_else(|| view! { <p>{empty}</p> }.into_any(), IntoAny::into_any)}
        </Layout>
    }
}

/// The outcome form as typed.
#[derive(Clone, Debug, Default)]
pub struct OutcomeForm {
    pub outcome: String,
    pub booking_code: String,
    pub note: String,
    pub errors: FormErrors,
}

#[derive(Clone, Debug)]
pub struct GuaranteeDetailData {
    pub line: GuaranteeLine,
    pub citizen_name: String,
    pub fiscal_code: String,
    /// The contacts to use: the request's, else the registry's (`from_registry`).
    pub phone: Option<String>,
    pub email: Option<String>,
    pub from_registry: bool,
    pub note: Option<String>,
    pub today: NaiveDate,
    pub form: OutcomeForm,
}

/// `/operatore/tutela/{id}`: one request, the citizen's contacts (an audited read) and the
/// outcome form while it is open.
#[component]
pub fn GuaranteeDetailPage(
    ctx: PageContext,
    staff: StaffView,
    data: GuaranteeDetailData,
) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let g = &t.guarantee;
    let csrf = staff.csrf.clone();
    let line = data.line;
    let reference = reference(line.id);
    let heading = (g.gt_detail_title)(&reference);
    let title = title_with_errors(lang, &heading, &data.form.errors);
    let state = match &line.closed {
        None => time_left(lang, line.deadline, data.today),
        Some((outcome, who, on)) => format!(
            "{}. {}",
            outcome_name(lang, outcome),
            (g.gt_decided)(who, &lang.short_date(*on))
        ),
    };
    let contacts = [data.phone, data.email]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let contacts = match (contacts.is_empty(), data.from_registry) {
        (true, _) => g.gt_no_contact.to_owned(),
        (false, true) => format!("{contacts} ({})", g.gt_contact_registry),
        (false, false) => contacts,
    };
    let form = data.form;
    let note_max = u32::try_from(NOTE_MAX_CHARS).unwrap_or(u32::MAX);
    let outcome_form = line.closed.is_none().then(|| {
        let choices = OUTCOMES
            .iter()
            .zip(g.gt_outcomes)
            .map(|(value, label)| ((*value).to_owned(), label.to_owned()))
            .collect();
        view! {
            <form method="post" action=routes::staff_guarantee(line.id) novalidate>
                <input type="hidden" name="csrf" value=csrf />
                <RadioField
                    lang=lang
                    id="esito"
                    legend=g.gt_outcome_legend.to_owned()
                    choices=choices
                    selected=form.outcome
                    error=form.errors.get("esito")
                />
                <TextField
                    lang=lang
                    id="codice"
                    label=g.gt_booking_code_label.to_owned()
                    hint=g.gt_booking_code_hint.to_owned()
                    value=form.booking_code
                    error=form.errors.get("codice")
                    maxlength=16
                    code=true
                />
                <TextField
                    lang=lang
                    id="nota"
                    label=g.gt_note_label.to_owned()
                    hint=(g.gt_note_hint)(NOTE_MAX_CHARS)
                    value=form.note
                    error=form.errors.get("nota")
                    maxlength=note_max
                />
                <button type="submit">{g.gt_record_button}</button>
            </form>
        }
    });
    view! {
        <Layout ctx=ctx.clone() title=title description=g.gt_list_intro>
            <StaffBar lang=lang staff=staff />
            <ErrorSummary lang=lang errors=form.errors.clone() />
            <h1>{heading}</h1>
            <dl class="summary">
                <div>
                    <dt>{g.gt_citizen_label}</dt>
                    <dd>{data.citizen_name} " " <span class="code">{data.fiscal_code}</span></dd>
                </div>
                <div>
                    <dt>{g.gt_contact_label}</dt>
                    <dd>{contacts}</dd>
                </div>
                <div>
                    <dt>{t.service_label}</dt>
                    <dd>{line.service} ", " {priority_name(lang, line.priority)}</dd>
                </div>
                <div>
                    <dt>{t.deadline_label}</dt>
                    <dd>{lang.short_date(line.deadline)} " (" {state} ")"</dd>
                </div>
                <div>
                    <dt>{g.gt_where_column}</dt>
                    <dd>{line.wanted.unwrap_or_else(|| g.gt_anywhere.to_owned())}</dd>
                </div>
                <div>
                    <dt>{g.gt_filed_column}</dt>
                    <dd>
                        {lang.short_date(line.filed_on)} ", "
                        {g.gt_via[usize::from(line.by_operator)]}
                    </dd>
                </div>
                {data
                    .note
                    .map(|n| {
                        view! {
                            <div>
                                <dt>{g.gt_note_label}</dt>
                                <dd>{n}</dd>
                            </div>
                        }
                    })}
            </dl>
            {outcome_form}
            <p>
                <a href=routes::STAFF_GUARANTEES>{g.gt_list_title}</a>
            </p>
        </Layout>
    }
}

/// The transparency figures of the guarantee route, in `gt_tr_rows` order: filed, a slot found,
/// intramoenia, another provider, withdrawn (in the window), open, open past the deadline (now).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GuaranteeCounts(pub [u64; 7]);

/// The compact table of the transparency page.
#[component]
pub fn GuaranteeFigures(lang: Lang, counts: GuaranteeCounts, window_days: i64) -> impl IntoView {
    let g = &lang.t().guarantee;
    view! {
        <section aria-labelledby="guarantee">
            <h2 id="guarantee">{g.gt_tr_heading}</h2>
            <p>{(g.gt_tr_intro)(window_days)}</p>
            <table class="times">
                <tbody>
                    {g
                        .gt_tr_rows
                        .iter()
                        .zip(counts.0)
                        .map(|(what, n)| view! { <tr><th scope="row">{*what}</th><td>{n}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_left_is_said_in_words_and_an_overdue_request_says_so() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("date");
        assert_eq!(time_left(Lang::It, day(13), today), "mancano 3 giorni");
        assert_eq!(time_left(Lang::It, day(11), today), "manca 1 giorno");
        assert_eq!(time_left(Lang::It, today, today), "scade oggi");
        assert_eq!(time_left(Lang::It, day(8), today), "SCADUTA da 2 giorni");
        assert_eq!(time_left(Lang::En, day(9), today), "OVERDUE by 1 day");
    }

    #[test]
    fn a_reference_is_short_and_padded() {
        assert_eq!(reference(42), "PT-000042");
        assert_eq!(
            outcome_name(Lang::En, "withdrawn"),
            "Withdrawn by the citizen"
        );
        assert_eq!(outcome_name(Lang::En, "nonsense"), "");
    }
}
