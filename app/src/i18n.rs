//! The one i18n layer: every text a person reads, Italian first, English second. Each language
//! is a value of the same struct, so a missing translation is a compile error, not a blank.

use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    /// The BCP 47 tag, for `<html lang>` and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, offered by the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::It => Lang::En,
            Lang::En => Lang::It,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    /// An amount in euro cents as people of this language write it.
    pub fn money(self, cents: i64) -> String {
        let (euros, cents) = (cents / 100, (cents % 100).abs());
        match self {
            Lang::It => format!("{euros},{cents:02} €"),
            Lang::En => format!("€{euros}.{cents:02}"),
        }
    }

    /// A date written out in full ("giovedì 26 novembre 2026").
    pub fn long_date(self, date: NaiveDate) -> String {
        use chrono::Datelike;
        let t = self.t();
        let weekday = t.weekdays[date.weekday().num_days_from_monday() as usize];
        let month = t.months[date.month0() as usize];
        format!("{weekday} {} {month} {}", date.day(), date.year())
    }
}

/// Every text of the interface. Functions build the texts that carry values.
pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language_nav_label: &'static str,
    /// The name of this language, written in it (shown on the switch that leads to it).
    pub language_name: &'static str,
    pub footer_demo_notice: &'static str,
    pub footer_sources: &'static str,

    pub home_title: &'static str,
    pub home_heading: &'static str,
    pub home_intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,

    pub catalog_title: &'static str,
    pub catalog_intro: &'static str,
    pub catalog_results: fn(usize, &str) -> String,
    pub catalog_no_results: fn(&str) -> String,
    pub catalog_all_link: &'static str,
    pub kind_visit: &'static str,
    pub kind_exam: &'static str,
    pub code_label: &'static str,
    pub tariff_label: &'static str,
    pub tariff_unknown: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_body: &'static str,

    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
}

pub static IT: Texts = Texts {
    site_name: "Cupola",
    site_tagline: "Prenotazioni sanitarie della Toscana",
    skip_to_content: "Vai al contenuto principale",
    language_nav_label: "Lingua",
    language_name: "Italiano",
    footer_demo_notice: "Cupola è un portale dimostrativo: strutture e prestazioni sono reali, \
        agende, persone e prenotazioni sono inventate.",
    footer_sources: "Fonti dei dati",

    home_title: "Prenota visite ed esami",
    home_heading: "Prenota visite ed esami in tutta la Toscana",
    home_intro: "Cerca una prestazione e trova il primo posto libero in qualsiasi ospedale o \
        ambulatorio della regione.",
    search_label: "Cerca una prestazione",
    search_hint: "Per esempio: visita oculistica, ecografia addome, 89.7A.3",
    search_button: "Cerca",

    catalog_title: "Prestazioni prenotabili",
    catalog_intro: "Visite ed esami del catalogo regionale che si possono prenotare con \
        una ricetta elettronica.",
    catalog_results: |n, q| match n {
        1 => format!("1 prestazione trovata per «{q}»"),
        n => format!("{n} prestazioni trovate per «{q}»"),
    },
    catalog_no_results: |q| {
        format!(
            "Nessuna prestazione trovata per «{q}». Controlla come è scritta o prova con \
             un'altra parola, per esempio il nome dello specialista."
        )
    },
    catalog_all_link: "Vedi tutte le prestazioni",
    kind_visit: "Visita",
    kind_exam: "Esame",
    code_label: "Codice",
    tariff_label: "Tariffa",
    tariff_unknown: "tariffa non disponibile",

    not_found_title: "Pagina non trovata",
    not_found_body: "L'indirizzo non corrisponde a nessuna pagina. Può darsi che sia stato \
        scritto male o che la pagina non esista più.",
    back_home: "Torna alla pagina iniziale",
    error_title: "Si è verificato un errore",
    error_body: "Non è stato possibile completare la richiesta. Nessun dato è andato perso: \
        riprova tra qualche istante.",
    unavailable_title: "Servizio momentaneamente occupato",
    unavailable_body: "In questo momento ci sono moltissime richieste. Riprova tra qualche \
        istante: la pagina si aggiornerà da sola.",

    weekdays: [
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ],
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
};

pub static EN: Texts = Texts {
    site_name: "Cupola",
    site_tagline: "Healthcare bookings in Tuscany",
    skip_to_content: "Skip to main content",
    language_nav_label: "Language",
    language_name: "English",
    footer_demo_notice: "Cupola is a demonstration portal: facilities and services are real; \
        schedules, people and bookings are invented.",
    footer_sources: "Data sources",

    home_title: "Book visits and exams",
    home_heading: "Book visits and exams anywhere in Tuscany",
    home_intro: "Search for a service and find the first free appointment at any hospital or \
        clinic in the region.",
    search_label: "Search for a service",
    search_hint: "For example: eye visit, abdominal ultrasound, 89.7A.3",
    search_button: "Search",

    catalog_title: "Services you can book",
    catalog_intro: "Visits and exams of the regional catalogue that can be booked with an \
        electronic prescription.",
    catalog_results: |n, q| match n {
        1 => format!("1 service found for “{q}”"),
        n => format!("{n} services found for “{q}”"),
    },
    catalog_no_results: |q| {
        format!(
            "No service found for “{q}”. Check the spelling or try another word, for \
             example the name of the specialist."
        )
    },
    catalog_all_link: "See all services",
    kind_visit: "Visit",
    kind_exam: "Exam",
    code_label: "Code",
    tariff_label: "Tariff",
    tariff_unknown: "tariff not available",

    not_found_title: "Page not found",
    not_found_body: "This address does not match any page. It may have been mistyped, or the \
        page no longer exists.",
    back_home: "Back to the home page",
    error_title: "Something went wrong",
    error_body: "Your request could not be completed. Nothing was lost: please try again in a \
        moment.",
    unavailable_title: "Service busy right now",
    unavailable_body: "There are a great many requests at the moment. Please try again shortly: \
        the page will refresh by itself.",

    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_the_local_way() {
        assert_eq!(Lang::It.money(2500), "25,00 €");
        assert_eq!(Lang::En.money(1790), "€17.90");
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date");
        assert_eq!(Lang::It.long_date(day), "giovedì 26 novembre 2026");
        assert_eq!(Lang::En.long_date(day), "Thursday 26 November 2026");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
