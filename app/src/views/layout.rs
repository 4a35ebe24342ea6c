use leptos::prelude::*;

use crate::i18n::Lang;
use crate::routes;

/// What every page needs to know about the request it answers.
#[derive(Clone, Debug)]
pub struct PageContext {
    pub lang: Lang,
    /// The content-hashed stylesheet URL (it changes whenever the CSS does).
    pub css_href: &'static str,
    /// Path and query of this page, where the language switch comes back to.
    pub path: String,
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
    children: Children,
) -> impl IntoView {
    let t = ctx.lang.t();
    let other = ctx.lang.other();
    let full_title = format!("{title} · {}", t.site_name);
    view! {
        <html lang=ctx.lang.code()>
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
            </head>
            <body>
                <a class="skip" href="#main">
                    {t.skip_to_content}
                </a>
                <header class="site">
                    <div class="wrap bar">
                        <a class="brand" href=routes::HOME>
                            <span class="brand-name">{t.site_name}</span>
                            " "
                            <span class="brand-tag">{t.site_tagline}</span>
                        </a>
                        <nav aria-label=t.language_nav_label>
                            <a
                                href=routes::language_switch(other, &ctx.path)
                                lang=other.code()
                                hreflang=other.code()
                            >
                                {other.t().language_name}
                            </a>
                        </nav>
                    </div>
                </header>
                <main id="main" class="wrap" tabindex="-1">
                    {children()}
                </main>
                <footer class="site">
                    <div class="wrap">
                        <p>{t.footer_demo_notice}</p>
                        <p>
                            <a href=routes::SOURCES>{t.footer_sources}</a>
                        </p>
                    </div>
                </footer>
            </body>
        </html>
    }
}
