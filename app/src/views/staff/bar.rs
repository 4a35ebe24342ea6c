//! The bar at the top of every staff page: who is signed in, the way back to the console's
//! menu, and the sign-out button; and, while the database does not answer, a notice saying so.

use leptos::prelude::*;

use super::StaffView;
use crate::domain::Role;
use crate::i18n::Lang;
use crate::routes;

fn role_name(lang: Lang, role: Role) -> &'static str {
    let names = lang.t().role_names;
    match role {
        Role::Operator => names[0],
        Role::Supervisor => names[1],
        Role::Admin => names[2],
    }
}

/// Who is signed in, and the sign-out button.
#[component]
pub fn StaffBar(lang: Lang, staff: StaffView) -> impl IntoView {
    let t = lang.t();
    view! {
        <div class="staff-bar">
            <p>
                <strong>{t.staff_area}</strong>
                " · "
                {(t.signed_in_as)(&staff.name, role_name(lang, staff.role))}
                " · "
                <a href=routes::STAFF_HOME>{t.console_home_link}</a>
            </p>
            <form method="post" action=routes::STAFF_LOGOUT>
                <input type="hidden" name="csrf" value=staff.csrf />
                <button type="submit" class="secondary">{t.logout_button}</button>
            </form>
        </div>
        {staff.outage.then(|| view! { <p class="notice" role="status">{t.staff_outage_notice}</p> })}
    }
}
