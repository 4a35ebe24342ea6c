//! The real facts of the demo region, embedded in the binary: Tuscan facilities and national
//! catalogue services (see `server/data/SOURCES.md` for where each value comes from and which
//! values are estimates).

use serde::Deserialize;

const FACILITIES_CSV: &str = include_str!("../../data/facilities.csv");
const SERVICES_CSV: &str = include_str!("../../data/services.csv");

#[derive(Debug, Clone, Deserialize)]
pub struct FacilityRow {
    pub authority_code: String,
    pub authority_name: String,
    pub area: String,
    pub facility_name: String,
    pub town: String,
    pub province: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServiceRow {
    pub code: String,
    pub name_it: String,
    pub name_en: String,
    pub kind: String,
    pub discipline: String,
    pub synonyms: String,
    /// The tariff in euros; empty when no source gave one (never read as zero).
    pub ticket_eur: Option<f64>,
    pub prep_notes_it: String,
}

fn read<T: for<'de> Deserialize<'de>>(csv_text: &str) -> Result<Vec<T>, csv::Error> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .collect()
}

pub fn facilities() -> Result<Vec<FacilityRow>, csv::Error> {
    read(FACILITIES_CSV)
}

pub fn services() -> Result<Vec<ServiceRow>, csv::Error> {
    read(SERVICES_CSV)
}

/// English preparation notes for the Italian ones of the CSV (own translations, one per phrase).
/// A phrase without a translation is an error found by the unit test below, not a silent gap.
pub fn prep_notes_en(it: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in it.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        parts.push(prep_phrase_en(part)?);
    }
    Some(parts.join("; "))
}

fn prep_phrase_en(it: &str) -> Option<&'static str> {
    Some(match it {
        "Abbigliamento comodo e scarpe da ginnastica" => "Comfortable clothes and trainers",
        "Capelli puliti e asciutti, senza gel o lacca" => "Clean, dry hair, no gel or hairspray",
        "Dieta senza scorie nei giorni precedenti e preparazione intestinale secondo schema" => {
            "Low-fibre diet in the days before and bowel preparation as instructed"
        }
        "Digiuno da 6 ore" => "Nothing to eat for 6 hours",
        "Digiuno da 8-12 ore (acqua consentita)" => "Nothing to eat for 8-12 hours (water allowed)",
        "Digiuno da almeno 6 ore" => "Nothing to eat for at least 6 hours",
        "Digiuno da almeno 8 ore" => "Nothing to eat for at least 8 hours",
        "Doccia prima dell'applicazione" => "Shower before the device is fitted",
        "Evitare esposizione a rumori forti nelle 24 ore precedenti" => {
            "Avoid loud noise in the 24 hours before"
        }
        "Indossare maglia a maniche larghe" => "Wear a top with loose sleeves",
        "Nessuna preparazione" => "No preparation",
        "Nessuna preparazione particolare" => "No special preparation",
        "No esami con mezzo di contrasto baritato nei giorni precedenti" => {
            "No barium contrast examinations in the days before"
        }
        "Non applicare creme o trucco sulle zone da esaminare" => {
            "No cream or make-up on the areas to be examined"
        }
        "Non applicare creme sulla pelle il giorno dell'esame" => {
            "No skin cream on the day of the exam"
        }
        "Non applicare deodorante, talco o creme" => "No deodorant, talc or cream",
        "Non fumare nelle 2 ore precedenti" => "No smoking in the 2 hours before",
        "Portare eventuali esami senologici precedenti" => "Bring any previous breast examinations",
        "Portare gli occhiali in uso" => "Bring the glasses you use",
        "Portare impegnativa, tessera sanitaria ed esami precedenti" => {
            "Bring the prescription, your health card and previous test results"
        }
        "Possibile dilatazione della pupilla: non guidare dopo l'esame" => {
            "Your pupils may be dilated: do not drive after the exam"
        }
        "Possibile dilatazione della pupilla: non guidare dopo la visita" => {
            "Your pupils may be dilated: do not drive after the visit"
        }
        "Preparazione intestinale (clistere) secondo indicazioni" => {
            "Bowel preparation (enema) as instructed"
        }
        "Se per via addominale: vescica piena" => "If abdominal: full bladder",
        "Segnalare possibile gravidanza" => "Tell us if you may be pregnant",
        "Togliere oggetti metallici" => "Remove metal objects",
        "Vescica piena: bere 1 litro d'acqua un'ora prima e non urinare" => {
            "Full bladder: drink 1 litre of water an hour before and do not urinate"
        }
        "abiti comodi" => "comfortable clothes",
        "creatinina recente" => "a recent creatinine test",
        "digiuno" => "nothing to eat beforehand",
        "evitare pasti abbondanti" => "avoid large meals",
        "non bagnare il registratore" => "do not get the recorder wet",
        "pasto leggero almeno 2-3 ore prima" => "a light meal at least 2-3 hours before",
        "portare creatinina recente" => "bring a recent creatinine test",
        "portare elenco farmaci" => "bring a list of the medicines you take",
        "portare eventuali radiografie" => "bring any X-rays you have",
        "portare gli occhiali in uso" => "bring the glasses you use",
        "portare mammografie precedenti" => "bring previous mammograms",
        "segnalare allergie" => "tell us about allergies",
        "segnalare pacemaker o protesi" => "tell us about a pacemaker or implants",
        "segnalare pacemaker, protesi o clip" => "tell us about a pacemaker, implants or clips",
        "segnalare possibile gravidanza" => "tell us if you may be pregnant",
        "seguire la terapia abituale" => "take your usual medicines",
        "vescica piena (bere 1 litro d'acqua un'ora prima)" => {
            "full bladder (drink 1 litre of water an hour before)"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_row_parses() {
        let facilities = facilities().expect("facilities.csv parses");
        let services = services().expect("services.csv parses");
        assert!(facilities.len() >= 40, "{} facilities", facilities.len());
        assert!(services.len() >= 60, "{} services", services.len());
        assert!(
            services
                .iter()
                .all(|s| s.kind == "visit" || s.kind == "exam")
        );
        assert!(
            facilities
                .iter()
                .all(|f| f.kind == "hospital" || f.kind == "outpatient")
        );
        for service in &services {
            assert!(
                prep_notes_en(&service.prep_notes_it).is_some(),
                "no English for the preparation of {}",
                service.code
            );
        }
    }
}
