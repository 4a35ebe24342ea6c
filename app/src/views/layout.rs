use leptos::prelude::*;

use crate::domain::Channel;
use crate::i18n::Lang;
use crate::routes;

/// A pharmacy kiosk terminal: how long without a touch before the warning, and how long the
/// warning lasts before the session is reset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kiosk {
    pub idle_seconds: u32,
    pub warning_seconds: u32,
}

/// What every page needs to know about the request it answers.
#[derive(Clone, Debug)]
pub struct PageContext {
    pub lang: Lang,
    /// The content-hashed stylesheet URL (it changes whenever the CSS does).
    pub css_href: &'static str,
    /// Path and query of this page, where the language switch comes back to.
    pub path: String,
    /// Set on a pharmacy kiosk terminal (large targets, reset after inactivity, nothing kept).
    pub kiosk: Option<Kiosk>,
}

impl PageContext {
    /// The booking channel of this request: kiosk terminals book as kiosks (their quotas).
    pub fn channel(&self) -> Channel {
        if self.kiosk.is_some() {
            Channel::Kiosk
        } else {
            Channel::Web
        }
    }
}

/// The frame of every page: head, skip link, header with the language switch, main, footer.
#[component]
pub fn Layout(
    ctx: PageContext,
    title: String,
    description: &'static str,
    /// Seconds after which the page reloads itself (no JavaScript needed).
    #[prop(optional)]
    refresh: Option<u32>,
    /// The id of the page's form whose typed values the language switch sends again (to the
    /// page's own address, in the chosen language), so that switching loses nothing. Only for
    /// forms whose sending changes nothing (a search, a form shown again with its errors).
    #[prop(default = None)]
    keep_form: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let t = ctx.lang.t();
    let full_title = format!("{title} · {}", t.site_name);
    let kiosk = ctx.kiosk;
    let home = if kiosk.is_some() {
        routes::KIOSK
    } else {
        routes::HOME
    };
    // Staff pages use the whole screen: operators work at 1366 px, not on a phone.
    let body_class = if kiosk.is_some() {
        Some("kiosk")
    } else if ctx.path.starts_with(routes::STAFF_HOME) {
        Some("staff")
    } else {
        None
    };
    view! {
        <html lang=ctx.lang.code() dir=ctx.lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{full_title}</title>
                <meta name="description" content=description />
                {refresh
                    .map(|seconds| {
                        view! { <meta http-equiv="refresh" content=seconds.to_string() /> }
                    })}
                <link rel="stylesheet" href=ctx.css_href />
                <link rel="manifest" href=routes::MANIFEST />
                <link rel="icon" href=routes::ICON_SVG type="image/svg+xml" />
                <meta name="theme-color" content="#0b4f8a" />
                <script src=routes::APP_JS defer=true></script>
            </head>
            <body
                class=body_class
                data-idle=kiosk.map(|k| k.idle_seconds.to_string())
                data-warn=kiosk.map(|k| k.warning_seconds.to_string())
            >
                <a class="skip" href="#main">
                    {t.skip_to_content}
                </a>
                <header class="site">
                    <div class="wrap bar">
                        <a class="brand" href=home>
                            <span class="brand-name">{t.site_name}</span>
                            " "
                            <span class="brand-tag">{t.site_tagline}</span>
                        </a>
                        <LanguageSwitch lang=ctx.lang path=ctx.path.clone() keep_form=keep_form />
                    </div>
                </header>
                <main id="main" class="wrap" tabindex="-1">
                    {children()}
                </main>
                {match kiosk {
                    None => {
                        view! {
                            <footer class="site">
                                <div class="wrap">
                                    <p>{t.footer_demo_notice}</p>
                                    <p>
                                        <a href=routes::SOURCES>{t.footer_sources}</a>
                                        " · "
                                        <a href=routes::PRIVACY>{t.legal.lg_privacy}</a>
                                        " · "
                                        <a href=routes::ACCESSIBILITY>{t.legal.lg_accessibility}</a>
                                        " · "
                                        <a href=routes::COOKIES>{t.legal.lg_cookies}</a>
                                        " · "
                                        <a href=routes::SOURCE_CODE>{t.legal.lg_source}</a>
                                    </p>
                                </div>
                            </footer>
                        }
                            .into_any()
                    }
                    Some(kiosk) => view! { <KioskFooter lang=ctx.lang kiosk=kiosk /> }.into_any(),
                }}
            </body>
        </html>
    }
}

/// Every language, each named in itself: a link that remembers the choice and comes back here,
/// or, on a form page (`keep_form`), a button that sends the form's values again in that
/// language. The current language is marked, not linked.
#[component]
fn LanguageSwitch(lang: Lang, path: String, keep_form: Option<&'static str>) -> impl IntoView {
    let items = Lang::ALL
        .into_iter()
        .map(|other| {
            let name = other.name();
            let code = other.code();
            let dir = other.dir();
            let item = if other == lang {
                view! {
                    <span aria-current="true" lang=code dir=dir>
                        {name}
                    </span>
                }
                .into_any()
            } else if let Some(form) = keep_form {
                view! {
                    <button
                        type="submit"
                        class="link"
                        form=form
                        formaction=routes::language_switch(other, &path)
                        formmethod="post"
                        lang=code
                        dir=dir
                    >
                        {name}
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <a
                        href=routes::language_switch(other, &path)
                        lang=code
                        hreflang=code
                        dir=dir
                    >
                        {name}
                    </a>
                }
                .into_any()
            };
            view! { <li>{item}</li> }
        })
        .collect_view();
    view! {
        <nav aria-label=lang.t().language_nav_label class="langs">
            <ul>{items}</ul>
        </nav>
    }
}

/// On a kiosk: the button that ends the session, and the inactivity warning (a dialog that the
/// optional script opens; without JavaScript the short-lived kiosk pass still expires).
#[component]
fn KioskFooter(lang: Lang, kiosk: Kiosk) -> impl IntoView {
    let t = lang.t();
    view! {
        <footer class="site kiosk-footer">
            <div class="wrap">
                // A shared terminal collects data too: its privacy notice and accessibility
                // statement stay one touch away.
                <p>
                    <a href=routes::PRIVACY>{t.legal.lg_privacy}</a>
                    " · "
                    <a href=routes::ACCESSIBILITY>{t.legal.lg_accessibility}</a>
                </p>
                <form id="kiosk-end" method="post" action=routes::KIOSK_END>
                    <button type="submit" class="secondary">
                        {t.kiosk_end_button}
                    </button>
                </form>
            </div>
        </footer>
        <dialog
            id="kiosk-idle"
            aria-labelledby="kiosk-idle-title"
            aria-describedby="kiosk-idle-text"
        >
            <h2 id="kiosk-idle-title">{t.kiosk_idle_title}</h2>
            <p id="kiosk-idle-text">{(t.kiosk_idle_text)(kiosk.warning_seconds)}</p>
            <button type="button" data-continue=true>
                {t.kiosk_continue}
            </button>
        </dialog>
    }
}
