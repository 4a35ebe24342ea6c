//! Message delivery, for supervisors: how many messages of each kind and channel are in each
//! state, how long the oldest pending one has waited, whether each channel is configured, and
//! the failed and pending messages one by one (the recipient masked), a failed one with a
//! button that puts it back in the queue.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::{StaffBar, StaffView};
use crate::routes;
use crate::views::layout::{Layout, PageContext};

/// The message kinds (the outbox's `kind`), in the order of `Texts::dl_kind_names`.
pub const MESSAGE_KINDS: [&str; 6] = [
    "booking_confirmed",
    "booking_moved",
    "booking_cancelled",
    "slot_offered",
    "reminder",
    "agenda_suspended",
];
/// The states, in the order of `Texts::dl_state_names`.
pub const MESSAGE_STATES: [&str; 4] = ["pending", "sent", "failed", "no_contact"];
/// The channels (`none`: no contact), in the order of `Texts::dl_channel_names`.
pub const MESSAGE_CHANNELS: [&str; 3] = ["sms", "email", "none"];

fn name_of(list: &[&str], names: &[&'static str], value: &str) -> String {
    list.iter()
        .position(|v| *v == value)
        .and_then(|i| names.get(i))
        .map_or_else(|| value.to_owned(), |n| (*n).to_owned())
}

/// One row of the counts: a kind on a channel, with its messages in each of `MESSAGE_STATES`.
#[derive(Clone, Debug)]
pub struct DeliveryCounts {
    pub kind: String,
    pub channel: String,
    pub by_state: [i64; 4],
}

/// A failed or pending message.
#[derive(Clone, Debug)]
pub struct DeliveryLine {
    pub id: i64,
    pub kind: String,
    pub channel: Option<String>,
    /// Masked: never the whole address or number.
    pub recipient: Option<String>,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created: NaiveDateTime,
    pub next_attempt: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
}

#[derive(Clone, Debug, Default)]
pub struct DeliveriesData {
    pub counts: Vec<DeliveryCounts>,
    /// Seconds the oldest pending message has waited.
    pub oldest_pending_seconds: Option<i64>,
    /// Whether e-mail and SMS delivery are configured; None while it is not known.
    pub email_configured: Option<bool>,
    pub sms_configured: Option<bool>,
    pub lines: Vec<DeliveryLine>,
    /// The query string of the next (older) page, if there is one.
    pub next_page: Option<String>,
    pub first_page: bool,
    /// Shown after a retry: whether the message went back in the queue.
    pub retried: Option<bool>,
}

#[component]
pub fn DeliveriesPage(ctx: PageContext, staff: StaffView, data: DeliveriesData) -> impl IntoView {
    let lang = ctx.lang;
    let t = lang.t();
    let csrf = staff.csrf.clone();
    let kind_name = move |k: &str| name_of(&MESSAGE_KINDS, &t.dl_kind_names, k);
    let channel_name = move |c: &str| name_of(&MESSAGE_CHANNELS, &t.dl_channel_names, c);
    let state_name = move |s: &str| name_of(&MESSAGE_STATES, &t.dl_state_names, s);
    let when = move |at: NaiveDateTime| format!("{} {}", lang.short_date(at.date()), lang.time(at));
    let counts = if data.counts.is_empty() {
        view! { <p>{t.dl_no_messages}</p> }.into_any()
    } else {
        view! {
            <table class="times">
                <caption>{t.dl_counts_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.dl_kind_column}</th>
                        <th scope="col">{t.dl_channel_column}</th>
                        {t
                            .dl_state_names
                            .iter()
                            .map(|name| view! { <th scope="col">{*name}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {data
                        .counts
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <th scope="row">{kind_name(&row.kind)}</th>
                                    <td>{channel_name(&row.channel)}</td>
                                    {row.by_state.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let lines = if data.lines.is_empty() {
        view! { <p>{t.dl_no_undelivered}</p> }.into_any()
    } else {
        view! {
            <table class="times">
                <caption>{t.dl_list_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.dl_id_column}</th>
                        <th scope="col">{t.dl_kind_column}</th>
                        <th scope="col">{t.dl_channel_column}</th>
                        <th scope="col">{t.dl_recipient_column}</th>
                        <th scope="col">{t.dl_state_column}</th>
                        <th scope="col">{t.dl_attempts_column}</th>
                        <th scope="col">{t.dl_error_column}</th>
                        <th scope="col">{t.dl_created_column}</th>
                        <th scope="col">{t.dl_next_column}</th>
                        <th scope="col">{t.dl_action_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .lines
                        .into_iter()
                        .map(|line| {
                            let retry = (line.state == "failed")
                                .then(|| {
                                    let csrf = csrf.clone();
                                    view! {
                                        <form method="post" action=routes::staff_delivery_retry(line.id) class="inline">
                                            <input type="hidden" name="csrf" value=csrf />
                                            <button type="submit" class="secondary">
                                                {t.dl_retry_button}
                                                <span class="vh">" " {line.id}</span>
                                            </button>
                                        </form>
                                    }
                                });
                            view! {
                                <tr>
                                    <th scope="row">{line.id}</th>
                                    <td>{kind_name(&line.kind)}</td>
                                    <td>{channel_name(line.channel.as_deref().unwrap_or("none"))}</td>
                                    <td class="code">{line.recipient}</td>
                                    <td>{state_name(&line.state)}</td>
                                    <td>{line.attempts}</td>
                                    <td class="code">{line.last_error}</td>
                                    <td>{when(line.created)}</td>
                                    <td>{line.next_attempt.map(when)}</td>
                                    <td>{retry}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <Layout ctx=ctx.clone() title=t.dl_title.to_owned() description=t.dl_intro>
            <StaffBar lang=lang staff=staff />
            <h1>{t.dl_title}</h1>
            <p class="lead">{t.dl_intro}</p>
            {data
                .retried
                .map(|done| {
                    let text = if done { t.dl_retried_notice } else { t.dl_not_retried_notice };
                    view! { <p class="notice" role="status">{text}</p> }
                })}
            <section aria-labelledby="channels-title">
                <h2 id="channels-title">{t.dl_channels_heading}</h2>
                <ul>
                    <li>{(t.dl_channel_configured)(t.dl_channel_names[1], data.email_configured)}</li>
                    <li>{(t.dl_channel_configured)(t.dl_channel_names[0], data.sms_configured)}</li>
                </ul>
                <p>{(t.dl_oldest_pending)(data.oldest_pending_seconds)}</p>
            </section>
            <section aria-labelledby="counts-title">
                <h2 id="counts-title">{t.dl_counts_heading}</h2>
                {counts}
            </section>
            <section aria-labelledby="list-title">
                <h2 id="list-title">{t.dl_list_heading}</h2>
                {lines}
                <nav class="pager" aria-label=t.dl_list_heading>
                    {(!data.first_page)
                        .then(|| view! { <a href=routes::STAFF_DELIVERIES>{t.first_page}</a> })}
                    {data
                        .next_page
                        .map(|query| {
                            view! {
                                <a href=format!("{}?{query}", routes::STAFF_DELIVERIES) rel="next">
                                    {t.next_page}
                                </a>
                            }
                        })}
                </nav>
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_kind_state_and_channel_has_a_name_in_each_language() {
        for lang in Lang::ALL {
            let t = lang.t();
            assert_eq!(t.dl_kind_names.len(), MESSAGE_KINDS.len());
            assert_eq!(t.dl_state_names.len(), MESSAGE_STATES.len());
            assert_eq!(t.dl_channel_names.len(), MESSAGE_CHANNELS.len());
            assert_ne!(
                name_of(&MESSAGE_KINDS, &t.dl_kind_names, "reminder"),
                "reminder"
            );
            assert_eq!(name_of(&MESSAGE_KINDS, &t.dl_kind_names, "other"), "other");
        }
    }
}
