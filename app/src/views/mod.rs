//! Pages, rendered to complete HTML documents. Every page works without JavaScript, carries no
//! inline script or style (a strict Content-Security-Policy holds) and is one `<main>` with one
//! `<h1>` inside the shared layout.

pub mod accessibility_feedback;
pub mod backoffice;
pub mod booking;
mod catalog;
pub mod citizen;
mod errors;
pub mod form;
pub mod guarantee;
pub mod help;
mod home;
mod kiosk;
mod layout;
pub mod legal;
pub mod message;
mod sources;
pub mod staff;
pub mod suspensions;
pub mod transparency;
mod waiting_room;
mod waiting_times;

pub use catalog::{CatalogPage, CatalogQuery, ServiceItem};
pub use errors::{ErrorKind, ErrorPage};
pub use home::HomePage;
pub use kiosk::KioskHomePage;
pub use layout::{Kiosk, Layout, PageContext};
pub use sources::SourcesPage;
pub use waiting_room::{WaitingRoomPage, WaitingStage};
pub use waiting_times::{
    AreaTimesData, AreaTimesPage, FacilityTime, PublicSlot, ServiceTimesData, ServiceTimesPage,
    WaitingTimesIndexPage,
};

use leptos::prelude::*;

/// Renders a page view into a complete HTML document.
pub fn render_document(view: impl IntoView) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view.into_view().to_html());
    // Leptos marks empty and optional views with `<!>` comments for hydration, which we never
    // do. Text and attribute values always escape `<`, so the sequence can only be a marker.
    format!("<!DOCTYPE html>{}", html.replace("<!>", ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn ctx(lang: Lang) -> PageContext {
        PageContext {
            lang,
            css_href: "/static/style.test.css",
            path: "/prestazioni?q=eco".to_owned(),
            kiosk: None,
        }
    }

    #[test]
    fn the_home_page_is_a_whole_document_in_the_chosen_language() {
        let html = render_document(view! { <HomePage ctx=ctx(Lang::It) /> });
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"it\" dir=\"ltr\">"));
        assert!(html.contains("<label for=\"q\">Cerca una prestazione</label>"));
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=\"/app.js\" defer></script>")
                .count()
        );
        assert!(!html.contains("style="));
        let english = render_document(view! { <HomePage ctx=ctx(Lang::En) /> });
        assert!(english.starts_with("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"));
    }

    #[test]
    fn typed_markup_is_escaped_and_no_hydration_marker_is_left() {
        let typed = "<!> <script>alert(1)</script>".to_owned();
        let html = render_document(view! {
            <CatalogPage ctx=ctx(Lang::It) query=CatalogQuery::Search(typed) services=vec![] />
        });
        assert!(!html.contains("<!>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;!&gt; &lt;script&gt;"));
    }
}
