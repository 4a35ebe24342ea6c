//! Writing a message from its facts, with no I/O: the e-mail (one `MessageView` gives the
//! subject, the plain text and the HTML) and the SMS (date, time, place, booking code, link; no
//! service or other health detail; GSM-7, within one segment where the place can be shortened
//! to fit).

use app::i18n::{Lang, SmsFacts};
use app::views::message::MessageView;

use super::facts::{Facts, Ics, Offer, Place, Visit};
use super::gsm7;

/// An e-mail before it meets the delivery worker's types.
pub struct Written {
    pub view: MessageView,
    pub ics: Option<Ics>,
}

pub fn email(lang: Lang, facts: &Facts) -> Written {
    let t = lang.t();
    let m = &t.messages;
    let mut view = MessageView {
        lang,
        details_caption: m.details_caption.to_owned(),
        actions_heading: m.actions_heading.to_owned(),
        footer: m.footer.to_owned(),
        ..MessageView::default()
    };
    let day = |visit: &Visit| lang.long_date(visit.starts.date());
    let ics = match facts {
        Facts::Confirmed(visit, ics) => {
            view.subject = (m.confirmed_subject)(&day(visit));
            view.heading = m.confirmed_heading.to_owned();
            view.paragraphs.push(m.confirmed_intro.to_owned());
            visit_details(lang, visit, &mut view);
            booking_actions(lang, visit, false, &mut view);
            Some(ics)
        }
        Facts::Moved(visit, ics) => {
            view.subject = (m.moved_subject)(&day(visit));
            view.heading = m.moved_heading.to_owned();
            view.paragraphs.push(m.moved_intro.to_owned());
            visit_details(lang, visit, &mut view);
            booking_actions(lang, visit, false, &mut view);
            Some(ics)
        }
        Facts::Cancelled(visit, ics) => {
            view.subject = (m.cancelled_subject)(&day(visit));
            view.heading = m.cancelled_heading.to_owned();
            view.paragraphs.push(m.cancelled_intro.to_owned());
            visit_details(lang, visit, &mut view);
            view.actions
                .push((m.receipt_link.to_owned(), visit.receipt_url.clone()));
            Some(ics)
        }
        Facts::Offered(offer) => {
            let until = lang.date_time(offer.hold_until);
            view.subject = (m.offered_subject)(&lang.long_date(offer.starts.date()));
            view.heading = m.offered_heading.to_owned();
            match offer.moves_from {
                // Accepting moves the booking the person already has: the message says so,
                // with its date.
                Some(current) => {
                    view.paragraphs
                        .push((m.offered_move_intro)(&lang.date_time(current)));
                    offer_details(lang, offer, &mut view);
                    view.details
                        .push((m.label_current.to_owned(), lang.date_time(current)));
                    view.actions
                        .push((m.accept_move_link.to_owned(), offer.accept_url.clone()));
                    view.notes.push((m.offered_move_until)(&until));
                }
                None => {
                    view.paragraphs.push(m.offered_intro.to_owned());
                    offer_details(lang, offer, &mut view);
                    view.actions
                        .push((m.accept_link.to_owned(), offer.accept_url.clone()));
                    view.notes.push((m.offered_until)(&until));
                }
            }
            None
        }
        Facts::SuspendedMoved {
            visit,
            previous,
            reason,
            ics,
        } => {
            view.subject = (m.suspended_subject)(&lang.long_date(previous.date()));
            view.heading = m.suspended_moved_heading.to_owned();
            view.paragraphs.push(m.suspended_moved_intro.to_owned());
            visit_details(lang, visit, &mut view);
            view.details
                .push((m.label_previous.to_owned(), lang.date_time(*previous)));
            if !reason.is_empty() {
                view.details
                    .push((m.label_reason.to_owned(), reason.clone()));
            }
            booking_actions(lang, visit, false, &mut view);
            Some(ics)
        }
        Facts::SuspendedWaitlisted {
            visit,
            reason,
            deadline,
            ics,
        } => {
            let due = deadline.map(|d| lang.long_date(d)).unwrap_or_default();
            view.subject = (m.suspended_subject)(&day(visit));
            view.heading = m.suspended_waitlisted_heading.to_owned();
            view.paragraphs.push((m.suspended_waitlisted_intro)(&due));
            visit_details(lang, visit, &mut view);
            if !reason.is_empty() {
                view.details
                    .push((m.label_reason.to_owned(), reason.clone()));
            }
            if !due.is_empty() {
                view.details.push((m.label_deadline.to_owned(), due));
            }
            view.actions
                .push((m.receipt_link.to_owned(), visit.receipt_url.clone()));
            Some(ics)
        }
        Facts::Reminder { visit, days_before } => {
            view.subject = (m.reminder_subject)(*days_before, &day(visit));
            view.heading = m.reminder_heading.to_owned();
            view.paragraphs.push(m.reminder_intro.to_owned());
            visit_details(lang, visit, &mut view);
            booking_actions(lang, visit, true, &mut view);
            view.notes.push(m.reminder_missed_visit.to_owned());
            None
        }
    };
    if let Some(ics) = ics {
        view.notes.push(if ics.method == "CANCEL" {
            m.calendar_cancel_attached.to_owned()
        } else {
            m.calendar_attached.to_owned()
        });
    }
    Written {
        view,
        ics: ics.cloned(),
    }
}

fn where_is(place: &Place) -> String {
    format!("{}, {}, {}", place.facility, place.address, place.town)
}

fn visit_details(lang: Lang, visit: &Visit, view: &mut MessageView) {
    let m = &lang.t().messages;
    view.details
        .push((m.label_service.to_owned(), visit.service.clone()));
    view.details
        .push((m.label_when.to_owned(), lang.date_time(visit.starts)));
    view.details
        .push((m.label_where.to_owned(), where_is(&visit.place)));
    if !visit.place.access.is_empty() {
        view.details
            .push((m.label_access.to_owned(), visit.place.access.clone()));
    }
    if !visit.prep.is_empty() {
        view.details
            .push((m.label_prep.to_owned(), visit.prep.clone()));
    }
    view.details
        .push((m.label_code.to_owned(), visit.code_grouped.clone()));
}

fn offer_details(lang: Lang, offer: &Offer, view: &mut MessageView) {
    let m = &lang.t().messages;
    view.details
        .push((m.label_service.to_owned(), offer.service.clone()));
    view.details
        .push((m.label_when.to_owned(), lang.date_time(offer.starts)));
    view.details
        .push((m.label_where.to_owned(), where_is(&offer.place)));
    if !offer.place.access.is_empty() {
        view.details
            .push((m.label_access.to_owned(), offer.place.access.clone()));
    }
    view.details.push((
        m.label_hold_until.to_owned(),
        lang.date_time(offer.hold_until),
    ));
}

/// The links of an active booking: confirm (reminders), cancel while it may change online, and
/// the receipt; then until when it may change online.
fn booking_actions(lang: Lang, visit: &Visit, confirm: bool, view: &mut MessageView) {
    let m = &lang.t().messages;
    match &visit.online {
        Some(online) => {
            if confirm {
                view.actions
                    .push((m.confirm_link.to_owned(), online.confirm_url.clone()));
            }
            view.actions
                .push((m.cancel_link.to_owned(), online.cancel_url.clone()));
            view.actions
                .push((m.receipt_link.to_owned(), visit.receipt_url.clone()));
            let until = lang.long_date(online.until);
            view.notes.push(if confirm {
                (m.reminder_answer)(&until)
            } else {
                (m.change_until)(&until)
            });
        }
        None => {
            view.actions
                .push((m.receipt_link.to_owned(), visit.receipt_url.clone()));
            view.notes.push(m.too_late_online.to_owned());
        }
    }
}

/// An SMS text of the i18n layer.
type Template = dyn Fn(&SmsFacts) -> String + Send + Sync;

/// The SMS: the first way of naming the place that lets it fit one segment (the facility and
/// its town, the facility, its address, its town), else the shortest.
pub fn sms(lang: Lang, facts: &Facts) -> String {
    let m = &lang.t().messages;
    let (template, visit_or_offer): (&Template, Result<&Visit, &Offer>) = match facts {
        Facts::Confirmed(visit, _) => (&*m.sms_confirmed, Ok(visit)),
        Facts::Moved(visit, _) => (&*m.sms_moved, Ok(visit)),
        Facts::Cancelled(visit, _) => (&*m.sms_cancelled, Ok(visit)),
        Facts::Offered(offer) if offer.moves_from.is_some() => (&*m.sms_offered_move, Err(offer)),
        Facts::Offered(offer) => (&*m.sms_offered, Err(offer)),
        Facts::SuspendedMoved { visit, .. } => (&*m.sms_suspended_moved, Ok(visit)),
        Facts::SuspendedWaitlisted { visit, .. } => (&*m.sms_suspended_waitlisted, Ok(visit)),
        Facts::Reminder { visit, .. } if visit.online.is_some() => (&*m.sms_reminder, Ok(visit)),
        Facts::Reminder { visit, .. } => (&*m.sms_reminder_late, Ok(visit)),
    };
    let (starts, place) = match visit_or_offer {
        Ok(visit) => (visit.starts, &visit.place),
        Err(offer) => (offer.starts, &offer.place),
    };
    let (link, link2, code) = match (facts, visit_or_offer) {
        (Facts::Reminder { .. }, Ok(visit)) => match &visit.online {
            Some(online) => (
                online.confirm_url.as_str(),
                online.cancel_url.as_str(),
                visit.code.as_str(),
            ),
            None => (visit.receipt_url.as_str(), "", visit.code.as_str()),
        },
        (_, Ok(visit)) => (visit.receipt_url.as_str(), "", visit.code.as_str()),
        (_, Err(offer)) => (offer.accept_url.as_str(), "", ""),
    };
    let until = match visit_or_offer {
        Err(offer) => format!(
            "{} {}",
            offer.hold_until.format("%-d/%-m"),
            lang.time(offer.hold_until)
        ),
        Ok(_) => String::new(),
    };
    let current = match visit_or_offer {
        Err(Offer {
            moves_from: Some(current),
            ..
        }) => current.format("%-d/%-m").to_string(),
        _ => String::new(),
    };
    let (date, time) = (lang.short_date(starts.date()), lang.time(starts));
    let places = [
        format!("{}, {}", place.facility, place.town),
        place.facility.clone(),
        format!("{}, {}", place.address, place.town),
        place.town.clone(),
    ];
    let mut shortest: Option<(String, usize)> = None;
    for place in places
        .iter()
        .filter(|p| !p.trim_matches([',', ' ']).is_empty())
    {
        let (text, coding) = gsm7::prepare(&template(&SmsFacts {
            code,
            date: &date,
            time: &time,
            place,
            link,
            link2,
            until: &until,
            current: &current,
        }));
        let len = gsm7::coded_len(&text, coding);
        let segment = match coding {
            gsm7::Coding::Gsm7 => gsm7::SEGMENT,
            gsm7::Coding::Ucs2 => gsm7::UCS2_SEGMENT,
        };
        if len <= segment {
            return text;
        }
        if shortest.as_ref().is_none_or(|(_, l)| *l > len) {
            shortest = Some((text, len));
        }
    }
    shortest.map(|(text, _)| text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::links::{Action, Links};
    use crate::messages::facts::Online;

    /// A realistic public address and real tokens: the lengths are the ones people get.
    fn links() -> Links {
        Links::new(&[7u8; 64], "https://cupola.sanita.toscana.it")
    }

    fn at(d: u32, h: u32, m: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .and_then(|day| day.and_hms_opt(h, m, 0))
            .expect("valid")
    }

    /// The longest facility name and town of the region's data.
    fn place() -> Place {
        Place {
            facility: "Ospedali Riuniti della Valdichiana Senese (Nottola)".into(),
            address: "Via Provinciale 5, loc. Nottola".into(),
            town: "Montepulciano".into(),
            access: "Ingresso principale, poi seguire le indicazioni «Poliambulatorio».".into(),
        }
    }

    fn visit(online: bool) -> Visit {
        let links = links();
        let expires = 1_796_428_800;
        Visit {
            code: "ACDEF23456".into(),
            code_grouped: "ACDEF-23456".into(),
            service: "Ecografia dell'addome completo".into(),
            prep: "Digiuno da 8 ore; vescica piena.".into(),
            starts: at(10, 14, 45),
            place: place(),
            receipt_url: links.absolute(&app::routes::receipt("ACDEF23456")),
            online: online.then(|| Online {
                until: NaiveDate::from_ymd_opt(2026, 12, 8).expect("valid"),
                confirm_url: links.url(Action::Confirm, 1_234_567, expires),
                cancel_url: links.url(Action::Cancel, 1_234_567, expires),
            }),
        }
    }

    fn ics(method: &'static str) -> Ics {
        Ics {
            method,
            text: format!("BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nEND:VCALENDAR\r\n"),
        }
    }

    /// One of each kind (and each outcome of a suspension, and a reminder too late to change).
    fn every_kind() -> Vec<(&'static str, Facts)> {
        vec![
            (
                "booking_confirmed",
                Facts::Confirmed(visit(true), ics("REQUEST")),
            ),
            ("booking_moved", Facts::Moved(visit(true), ics("REQUEST"))),
            (
                "booking_cancelled",
                Facts::Cancelled(visit(false), ics("CANCEL")),
            ),
            (
                "slot_offered",
                Facts::Offered(Offer {
                    service: "Visita cardiologica".into(),
                    starts: at(10, 14, 45),
                    place: place(),
                    hold_until: at(3, 18, 5),
                    accept_url: links().url(Action::Accept, 987_654, 1_796_317_500),
                    moves_from: None,
                }),
            ),
            (
                "slot_offered (move)",
                Facts::Offered(Offer {
                    service: "Visita cardiologica".into(),
                    starts: at(10, 14, 45),
                    place: place(),
                    hold_until: at(3, 18, 5),
                    accept_url: links().url(Action::Accept, 987_655, 1_796_317_500),
                    moves_from: Some(at(28, 9, 30)),
                }),
            ),
            (
                "agenda_suspended (moved)",
                Facts::SuspendedMoved {
                    visit: visit(true),
                    previous: at(9, 8, 0),
                    reason: "Guasto dell'ecografo".into(),
                    ics: ics("REQUEST"),
                },
            ),
            (
                "agenda_suspended (waiting list)",
                Facts::SuspendedWaitlisted {
                    visit: visit(false),
                    reason: "Guasto dell'ecografo".into(),
                    deadline: NaiveDate::from_ymd_opt(2027, 1, 15),
                    ics: ics("CANCEL"),
                },
            ),
            (
                "reminder",
                Facts::Reminder {
                    visit: visit(true),
                    days_before: 7,
                },
            ),
            (
                "reminder (too late to change)",
                Facts::Reminder {
                    visit: visit(false),
                    days_before: 2,
                },
            ),
        ]
    }

    #[test]
    fn every_email_has_a_subject_both_parts_and_the_calendar_its_kind_calls_for() {
        for lang in Lang::ALL {
            for (kind, facts) in every_kind() {
                let written = email(lang, &facts);
                let (view, html, text) = (&written.view, written.view.html(), written.view.text());
                assert!(!view.subject.is_empty(), "{kind} {lang:?}");
                assert!(
                    html.contains(&format!(
                        "<html lang=\"{}\" dir=\"{}\">",
                        lang.code(),
                        lang.dir()
                    )),
                    "{kind}"
                );
                assert_eq!(html.matches("<h1>").count(), 1, "{kind}");
                assert!(html.contains("<th scope=\"row\">"), "{kind}");
                assert!(
                    !html.contains("<script") && !html.contains("style="),
                    "{kind}"
                );
                for (link_text, url) in &view.actions {
                    assert!(text.contains(url.as_str()), "{kind}: {url} in text");
                    assert!(html.contains(&format!(">{link_text}</a>")), "{kind}");
                }
                let expected = match &facts {
                    Facts::Offered(_) | Facts::Reminder { .. } => None,
                    Facts::Cancelled(..) | Facts::SuspendedWaitlisted { .. } => Some("CANCEL"),
                    _ => Some("REQUEST"),
                };
                assert_eq!(written.ics.as_ref().map(|i| i.method), expected, "{kind}");
            }
        }
    }

    #[test]
    fn each_email_says_what_its_kind_needs_in_the_citizens_language() {
        let it = |facts: &Facts| email(Lang::It, facts).view;
        let en = |facts: &Facts| email(Lang::En, facts).view;
        let kinds = every_kind();
        let by = |name: &str| &kinds.iter().find(|(k, _)| *k == name).expect("kind").1;

        let confirmed = it(by("booking_confirmed"));
        assert_eq!(
            confirmed.subject,
            "Prenotazione confermata per giovedì 10 dicembre 2026"
        );
        let text = confirmed.text();
        assert!(text.contains("Ecografia dell'addome completo"), "{text}");
        assert!(
            text.contains("giovedì 10 dicembre 2026, ore 14:45"),
            "{text}"
        );
        assert!(text.contains("ACDEF-23456"));
        assert!(text.contains("Digiuno da 8 ore"));
        assert!(
            text.contains("Annulla la prenotazione: https://cupola.sanita.toscana.it/r/x1234567.")
        );
        assert!(text.contains("fino a martedì 8 dicembre 2026"), "{text}");
        assert_eq!(
            en(by("booking_confirmed")).subject,
            "Booking confirmed for Thursday 10 December 2026"
        );

        // An earlier slot for a booking: accepting moves it, from the day it is now.
        let moving = en(by("slot_offered (move)")).text();
        for expected in [
            "Move my booking to the offered slot: https://cupola.sanita.toscana.it/r/",
            "your booking of Monday 28 December 2026, 9:30",
            "you keep your current booking",
        ] {
            assert!(moving.contains(expected), "{expected} in {moving}");
        }
        assert!(!moving.contains("you stay on the waiting list"), "{moving}");
        let sms_moving = sms(Lang::It, by("slot_offered (move)"));
        assert!(sms_moving.contains("28/12"), "{sms_moving}");

        let offered = en(by("slot_offered")).text();
        assert!(
            offered
                .contains("Accept the offered slot: https://cupola.sanita.toscana.it/r/a987654.")
        );
        assert!(
            offered.contains("Thursday 3 December 2026, 18:05"),
            "{offered}"
        );

        let moved = it(by("agenda_suspended (moved)")).text();
        assert!(
            moved.contains("mercoledì 9 dicembre 2026, ore 8:00"),
            "{moved}"
        );
        assert!(moved.contains("Guasto dell'ecografo"));
        let waitlisted = en(by("agenda_suspended (waiting list)")).text();
        assert!(waitlisted.contains("waiting list"), "{waitlisted}");
        assert!(waitlisted.contains("15 January 2027"), "{waitlisted}");
        assert!(
            !waitlisted.contains("/r/x"),
            "no cancel link for a cancelled booking"
        );

        let reminder = it(by("reminder"));
        assert_eq!(
            reminder.subject,
            "Promemoria: il tuo appuntamento è tra 7 giorni, giovedì 10 dicembre 2026"
        );
        let text = reminder.text();
        assert!(text.contains(
            "Conferma che verrai all'appuntamento: https://cupola.sanita.toscana.it/r/c1234567."
        ));
        assert!(
            text.contains("Annulla la prenotazione: https://cupola.sanita.toscana.it/r/x1234567.")
        );
        let late = en(by("reminder (too late to change)")).text();
        assert!(!late.contains("/r/"), "{late}");
        assert!(late.contains("can no longer be moved or cancelled online"));
    }

    #[test]
    fn every_sms_is_gsm7_without_health_details_and_fits_one_segment_except_the_reminder() {
        let mut report = Vec::new();
        for lang in Lang::ALL {
            for (kind, facts) in every_kind() {
                let text = sms(lang, &facts);
                let coding = gsm7::coding(&text);
                let len = gsm7::coded_len(&text, coding);
                report.push(format!("{kind} {lang:?} {coding:?}: {len} {text}"));
                assert!(
                    !text.contains('?'),
                    "{kind} {lang:?}: a letter lost in {text}"
                );
                for detail in ["Ecografia", "Visita", "Digiuno", "Guasto", "Cupola:"] {
                    assert!(!text.contains(detail), "{kind}: {detail} in {text}");
                }
                if !matches!(facts, Facts::Offered(_)) {
                    assert!(text.contains("ACDEF23456"), "{kind}: the code in {text}");
                }
                let two_links =
                    matches!(&facts, Facts::Reminder { visit, .. } if visit.online.is_some());
                if two_links {
                    assert!(text.contains("/r/c1234567.") && text.contains("/r/x1234567."));
                }
                match coding {
                    // Latin-script languages: one segment of 160 septets; two one-tap links
                    // do not fit with anything else: two concatenated segments (153 each).
                    gsm7::Coding::Gsm7 if two_links => {
                        assert!(len <= 2 * 153, "{kind} {lang:?}: {len} {text}")
                    }
                    gsm7::Coding::Gsm7 => {
                        assert!(len <= gsm7::SEGMENT, "{kind} {lang:?}: {len} {text}")
                    }
                    // Chinese, Arabic, Ukrainian travel in UCS-2 (70 units, 67 per part of a
                    // longer message): a link alone takes most of a segment, so at most three
                    // parts, four for the two links of a reminder.
                    gsm7::Coding::Ucs2 => {
                        assert!(
                            matches!(lang, Lang::ZhHans | Lang::Ar | Lang::Uk),
                            "{kind} {lang:?}: a Latin-script language left GSM-7: {text}"
                        );
                        let parts = if two_links { 4 } else { 3 };
                        assert!(
                            len <= parts * gsm7::UCS2_PART,
                            "{kind} {lang:?}: {len} {text}"
                        );
                    }
                }
            }
        }
        println!("{}", report.join("\n"));
    }

    /// With `CUPOLA_WRITE_MESSAGE_FIXTURES=dir`, writes the HTML of every e-mail, in both
    /// languages, for the browser's accessibility test (`end2end/tests/axe.test.mjs` reads
    /// `end2end/fixtures/messages/`); without it, checks that those files are current.
    #[test]
    fn the_accessibility_fixtures_are_the_emails_as_written_now() {
        let dir = std::env::var("CUPOLA_WRITE_MESSAGE_FIXTURES").ok();
        let checked =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end/fixtures/messages");
        for lang in Lang::ALL {
            for (kind, facts) in every_kind() {
                let name = format!(
                    "{}.{}.html",
                    kind.replace([' ', '(', ')'], "_").trim_end_matches('_'),
                    lang.code()
                );
                let html = email(lang, &facts).view.html();
                match &dir {
                    Some(dir) => std::fs::write(std::path::Path::new(dir).join(&name), &html)
                        .expect("write a fixture"),
                    None => assert_eq!(
                        std::fs::read_to_string(checked.join(&name)).ok().as_deref(),
                        Some(html.as_str()),
                        "{name} is stale: run with CUPOLA_WRITE_MESSAGE_FIXTURES=end2end/fixtures/messages"
                    ),
                }
            }
        }
    }

    #[test]
    fn the_sms_names_the_place_in_full_when_it_fits() {
        let short = Facts::Confirmed(
            Visit {
                place: Place {
                    facility: "Ospedale San Jacopo".into(),
                    address: "Via Ciliegiole 97".into(),
                    town: "Pistoia".into(),
                    access: String::new(),
                },
                ..visit(true)
            },
            ics("REQUEST"),
        );
        let text = sms(Lang::It, &short);
        assert!(text.contains("Ospedale San Jacopo, Pistoia"), "{text}");
        let accented = Facts::Confirmed(
            Visit {
                place: Place {
                    facility: "Casa della Salute «Sant’Anna»".into(),
                    address: String::new(),
                    town: "Città".into(),
                    access: String::new(),
                },
                ..visit(true)
            },
            ics("REQUEST"),
        );
        let text = sms(Lang::En, &accented);
        assert!(
            text.contains("Casa della Salute \"Sant'Anna\", Città"),
            "{text}"
        );
    }
}
