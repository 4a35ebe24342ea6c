//! The e-mails Cupola sends, as one document shape filled by each kind of message: a heading,
//! a few sentences, the appointment's details as a table with row headers, and links whose
//! text says what they do. The same data gives the plain-text part, so the two never differ.
//! No images, no script, no style: the reader's own colours and sizes (and contrast) hold.

use leptos::prelude::*;

use crate::i18n::Lang;

/// One e-mail, before it is written as HTML or as plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageView {
    pub lang: Lang,
    /// The subject, and the document's title.
    pub subject: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub details_caption: String,
    /// (label, value) rows of the details table.
    pub details: Vec<(String, String)>,
    pub actions_heading: String,
    /// (link text, absolute URL).
    pub actions: Vec<(String, String)>,
    /// Sentences after the links (deadlines, the calendar attachment).
    pub notes: Vec<String>,
    pub footer: String,
}

impl MessageView {
    /// The HTML alternative: a complete document.
    pub fn html(&self) -> String {
        let data = self.clone();
        super::render_document(view! { <MessageDocument data=data /> })
    }

    /// The plain-text part: the same content, links written out after their text.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.heading);
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        if !self.details.is_empty() {
            out.push_str(&self.details_caption);
            out.push('\n');
            for (label, value) in &self.details {
                out.push_str(&format!("- {label}: {value}\n"));
            }
            out.push('\n');
        }
        if !self.actions.is_empty() {
            out.push_str(&self.actions_heading);
            out.push('\n');
            for (text, url) in &self.actions {
                out.push_str(&format!("- {text}: {url}\n"));
            }
            out.push('\n');
        }
        for note in &self.notes {
            out.push_str(note);
            out.push_str("\n\n");
        }
        out.push_str("-- \n");
        out.push_str(&self.footer);
        out.push('\n');
        out
    }
}

#[component]
fn MessageDocument(data: MessageView) -> impl IntoView {
    let MessageView {
        lang,
        subject,
        heading,
        paragraphs,
        details_caption,
        details,
        actions_heading,
        actions,
        notes,
        footer,
    } = data;
    let details = (!details.is_empty()).then(|| {
        view! {
            <table>
                <caption>{details_caption}</caption>
                <tbody>
                    {details
                        .into_iter()
                        .map(|(label, value)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{value}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let actions = (!actions.is_empty()).then(|| {
        view! {
            <h2>{actions_heading}</h2>
            // One paragraph per link, not a tight list: each link a touch target with room
            // around it (WCAG 2.2, 2.5.8), without any style (the reader's own sizes hold).
            {actions
                .into_iter()
                .map(|(text, url)| {
                    view! {
                        <p>
                            <a href=url>{text}</a>
                        </p>
                    }
                })
                .collect_view()}
        }
    });
    view! {
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{subject}</title>
            </head>
            <body>
                <main>
                    <h1>{heading}</h1>
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    {details}
                    {actions}
                    {notes.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </main>
                <footer>
                    <p>{footer}</p>
                </footer>
            </body>
        </html>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(lang: Lang) -> MessageView {
        MessageView {
            lang,
            subject: "Oggetto <b>".into(),
            heading: "Titolo".into(),
            paragraphs: vec!["Primo & secondo".into()],
            details_caption: "Dettagli".into(),
            details: vec![("Quando".into(), "domani".into())],
            actions_heading: "Azioni".into(),
            actions: vec![(
                "Apri la ricevuta".into(),
                "https://x.example/a?b=1&c=2".into(),
            )],
            notes: vec!["Nota".into()],
            footer: "Piede".into(),
        }
    }

    #[test]
    fn the_html_is_a_whole_document_with_its_language_one_heading_and_escaped_text() {
        let html = sample(Lang::En).html();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"),
            "{html}"
        );
        assert!(html.contains("<title>Oggetto &lt;b&gt;</title>"), "{html}");
        assert_eq!(html.matches("<h1>").count(), 1);
        assert!(
            html.contains("<th scope=\"row\">Quando</th><td>domani</td>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://x.example/a?b=1&amp;c=2\">Apri la ricevuta</a>"));
        assert!(html.contains("Primo &amp; secondo"));
        assert!(!html.contains("<script") && !html.contains("style="));
    }

    #[test]
    fn the_text_part_says_the_same_with_links_written_out() {
        let text = sample(Lang::It).text();
        assert!(text.starts_with("Titolo\n\nPrimo & secondo\n"));
        assert!(text.contains("- Quando: domani\n"));
        assert!(text.contains("- Apri la ricevuta: https://x.example/a?b=1&c=2\n"));
        assert!(text.ends_with("-- \nPiede\n"));
    }

    #[test]
    fn an_email_without_details_or_links_has_no_empty_table_or_list() {
        let html = MessageView {
            details: vec![],
            actions: vec![],
            ..sample(Lang::It)
        }
        .html();
        assert!(!html.contains("<table") && !html.contains("<ul") && !html.contains("<h2"));
    }
}
