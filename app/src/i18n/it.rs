use super::{MessageTexts, Texts};

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
    tariff_unknown: "non disponibile",

    not_found_title: "Pagina non trovata",
    not_found_body: "L'indirizzo non corrisponde a nessuna pagina. Può darsi che sia stato \
        scritto male o che la pagina non esista più.",
    too_large_title: "Richiesta troppo grande",
    too_large_body: "I dati inviati superano la dimensione consentita per questa pagina e non \
        sono stati elaborati: nulla è stato prenotato né modificato. Torna indietro e riprova.",
    slow_request_title: "Richiesta non completata",
    slow_request_body: "I dati inviati sono arrivati troppo lentamente e non sono stati elaborati: \
        nulla è stato prenotato né modificato. Controlla la connessione e riprova.",
    back_home: "Torna alla pagina iniziale",
    error_title: "Si è verificato un errore",
    error_body: "Non è stato possibile completare la richiesta. Nessun dato è andato perso: \
        riprova tra qualche istante.",
    unavailable_title: "Servizio temporaneamente non disponibile",
    unavailable_body: "Il servizio è temporaneamente non disponibile. Non è stato prenotato né \
        modificato nulla: riprova tra qualche minuto.",
    login_outage_notice: "Il servizio è temporaneamente non disponibile: l'accesso potrebbe non \
        riuscire. Riprova tra qualche minuto.",
    staff_outage_notice: "Il database in questo momento non risponde: il tuo accesso resta \
        valido, ma le pagine che ne hanno bisogno non si possono aprire e non si può salvare \
        nulla. Riprova tra qualche minuto.",
    too_many_title: "Troppi tentativi non riusciti",
    too_many_body: |m| {
        let quando = if m == 1 {
            "un minuto".to_owned()
        } else {
            format!("{m} minuti")
        };
        format!(
            "Ci sono stati troppi tentativi non riusciti con questi dati o da questa \
             connessione. Per proteggere i dati delle persone puoi riprovare tra {quando}. \
             Intanto controlla quello che hai scritto (i codici sono sul promemoria della ricetta \
             e sulla ricevuta della prenotazione); se non li trovi, chiama il CUP."
        )
    },

    home_book_title: "Prenota con ricetta",
    home_book_text: "Hai una ricetta elettronica? Trova il primo posto libero in tutta la Toscana, anche per un familiare.",
    home_mine_title: "Le mie prenotazioni",
    home_mine_text: "Vedi, stampa, sposta o annulla una prenotazione.",
    home_times_title: "Tempi di attesa",
    home_times_text: "La prima data disponibile per ogni prestazione, struttura per struttura.",
    home_what_heading: "Cosa puoi fare qui",
    error_summary_title: "C'è un problema",
    error_title_prefix: "Errore: ",
    optional: "(facoltativo)",
    back: "Indietro",
    rx_title: "Prenota con la ricetta elettronica",
    rx_intro: "Ti servono il codice fiscale della persona da visitare e il numero della ricetta elettronica (NRE). Puoi prenotare anche per un familiare.",
    fc_label: "Codice fiscale",
    fc_hint: "16 caratteri: lo trovi sulla tessera sanitaria. Per chi viene dall'estero: codice STP o ENI.",
    nre_label: "Numero di ricetta elettronica (NRE)",
    nre_hint: "15 caratteri, in alto sul promemoria della ricetta. Le ricette toscane iniziano con 090.",
    rx_button: "Cerca i posti disponibili",
    fc_empty: "Inserisci il codice fiscale",
    fc_length: |n| format!("Il codice fiscale ha 16 caratteri: ne hai inseriti {n}"),
    fc_character: |p| {
        format!(
            "Il {p}° carattere del codice fiscale non va bene in quel punto: controlla di non aver scambiato lettere e numeri, come O e 0"
        )
    },
    fc_date: "Il codice fiscale contiene una data di nascita impossibile: controllalo sulla tessera sanitaria",
    fc_check: "L'ultimo carattere del codice fiscale non corrisponde agli altri: probabilmente c'è un errore di battitura. Controllalo sulla tessera sanitaria",
    nre_empty: "Inserisci il numero della ricetta (NRE)",
    nre_length: |n| format!("Il numero della ricetta ha 15 caratteri: ne hai inseriti {n}"),
    nre_character: |p| {
        format!(
            "Il {p}° carattere del numero di ricetta non va bene in quel punto: dopo le prime 4 posizioni ci sono solo cifre"
        )
    },
    nre_region: "Il numero della ricetta non inizia con il codice di una regione: le ricette toscane iniziano con 090",
    rx_no_match: "Questo codice fiscale e questo numero di ricetta non corrispondono a una ricetta da prenotare. Controlla entrambi sul promemoria della ricetta: il codice fiscale è quello della persona indicata sulla ricetta; una ricetta di un'altra regione si prenota al CUP di quella regione",
    rx_booked: "Questa ricetta è già stata usata per una prenotazione. Per vederla, spostarla o annullarla vai a «Le mie prenotazioni»",
    rx_not_bookable: "Questa ricetta non si può più prenotare: la prestazione risulta già eseguita oppure la ricetta è stata ritirata",
    rx_expired: |d| {
        format!(
            "Questa ricetta è scaduta: con la sua priorità andava prenotata entro {d}. Chiedi al tuo medico una nuova ricetta"
        )
    },
    slots_title: "Scegli data e luogo",
    rx_for: "Ricetta per",
    priority_label: "Priorità",
    priority_names: [
        "U, urgente: entro 72 ore",
        "B, breve: entro 10 giorni",
        "D, differita: entro 30 giorni per le visite, 60 per gli esami",
        "P, programmata: entro 120 giorni",
    ],
    deadline_label: "Da garantire entro",
    filters_legend: "Filtra i posti",
    area_label: "Zona",
    any_area: "Tutta la Toscana",
    town_label: "Comune",
    any_town: "Tutti i comuni",
    from_label: "Dal giorno",
    from_hint: "Per esempio 24/12/2026. Lascia vuoto per partire da oggi.",
    from_invalid: "La data non è valida: scrivila come 24/12/2026",
    filter_button: "Mostra i posti",
    slots_heading: "Posti disponibili, dal primo disponibile",
    within_deadline: "Entro i tempi della tua priorità",
    beyond_deadline: "Oltre i tempi della tua priorità",
    choose_button: "Scegli",
    no_slots: "Nessun posto disponibile con questi filtri. Prova con tutta la Toscana o con un'altra data.",
    next_page: "Posti successivi",
    first_page: "Torna ai primi posti",
    slot_taken: "Il posto che hai scelto è appena stato preso da un'altra persona. Ecco gli altri posti disponibili.",
    slot_unavailable: "Questo posto non si può prenotare con la tua ricetta. Scegline un altro.",
    none_in_time_title: "Nessun posto entro i tempi della tua priorità",
    none_in_time_body: |d| {
        format!(
            "Oggi in tutta la Toscana non c'è un posto libero entro {d}. Le liste non sono mai chiuse: iscriviti alla lista d'attesa e ti offriremo il primo posto che si libera o si apre entro quella data. Puoi anche scegliere qui sotto un posto più avanti."
        )
    },
    guarantee_route: "Se entro la scadenza non si libera nessun posto, hai diritto al percorso di tutela: l'Azienda sanitaria deve garantirti la prestazione in tempo, anche in un'altra struttura o in libera professione, pagando solo il ticket. Chiedilo al CUP o all'Ufficio relazioni con il pubblico (URP) della tua Azienda.",
    join_waitlist: "Iscrivimi alla lista d'attesa",
    already_waiting: |d| {
        format!("Sei già in lista d'attesa: ti offriremo il primo posto che si libera entro {d}.")
    },
    confirm_title: "Conferma la prenotazione",
    held_until: |t| {
        format!(
            "Questo posto è tenuto per te fino alle {t}. Dopo quell'ora torna libero per gli altri."
        )
    },
    offered_until: |t| {
        format!(
            "Dalla lista d'attesa si è liberato questo posto per te. È tenuto per te fino a {t}."
        )
    },
    hold_expired: "Il tempo per confermare è scaduto e il posto è tornato disponibile. Scegli di nuovo un orario.",
    service_label: "Prestazione",
    when_label: "Data e ora",
    where_label: "Struttura",
    address_label: "Indirizzo",
    contacts_legend: "Promemoria (facoltativo)",
    contacts_hint: "Lascia un cellulare o un indirizzo e-mail se vuoi ricevere la conferma e un promemoria. Non è obbligatorio.",
    phone_label: "Cellulare",
    email_label: "E-mail",
    phone_characters: "Il numero di cellulare può contenere solo cifre, spazi e il + iniziale",
    phone_length: "Il numero di cellulare deve avere da 9 a 13 cifre",
    email_malformed: "Scrivi l'indirizzo e-mail con una @ e del testo prima e dopo, come nome@esempio.it",
    email_domain: "Dopo la @ manca il dominio completo, come esempio.it",
    email_long: "L'indirizzo e-mail è troppo lungo",
    confirm_button: "Conferma la prenotazione",
    choose_other: "Scegli un altro orario",
    receipt_new_title: "Prenotazione confermata",
    receipt_title: "La tua prenotazione",
    code_label_booking: "Codice di prenotazione",
    code_keep: "Conservalo: serve per vedere, spostare o annullare la prenotazione.",
    qr_alt: |c| format!("Codice QR del codice di prenotazione {c}"),
    status_label: "Stato",
    status_names: ["Confermata", "Annullata", "Eseguita", "Non presentato"],
    prep_label: "Preparazione",
    access_label: "Come arrivare",
    amount_label: "Ticket",
    amount_text: |a| format!("{a} al massimo, salvo esenzioni; si paga prima della prestazione"),
    amount_unknown: "L'importo del ticket ti sarà comunicato allo sportello",
    booked_on_label: "Prenotata il",
    print_link: "Stampa la ricevuta",
    ics_link: "Aggiungi al calendario (.ics)",
    move_link: "Sposta la prenotazione",
    cancel_link: "Annulla la prenotazione",
    change_until: |d| format!("Puoi spostarla o annullarla online fino a {d}."),
    change_too_late: "Non è più possibile spostarla o annullarla online. Se non puoi presentarti, avvisa la struttura o chiama il CUP.",
    moved_notice: "La prenotazione è stata spostata.",
    cancelled_notice: "La prenotazione è stata annullata. Grazie: il posto ora è libero per un'altra persona.",
    print_title: "Ricevuta di prenotazione",
    print_hint: "Usa il comando Stampa del browser per stampare questa pagina.",
    back_to_booking: "Torna alla prenotazione",
    lookup_intro: "Inserisci il codice fiscale e il codice di prenotazione che trovi sulla ricevuta o nel messaggio di conferma.",
    bc_label: "Codice di prenotazione",
    bc_hint: "10 caratteri, per esempio K7M2P-QX4TA",
    bc_empty: "Inserisci il codice di prenotazione",
    bc_length: |n| {
        format!(
            "Il codice di prenotazione ha 10 caratteri, senza contare il trattino: ne hai inseriti {n}"
        )
    },
    bc_character: |p| {
        format!(
            "Il {p}° carattere che hai scritto non può comparire nei codici di prenotazione, che non usano O, I, L, S, B, Z, 0 e 1: controlla la ricevuta"
        )
    },
    lookup_not_found: "Nessuna prenotazione corrisponde a questo codice fiscale e a questo codice di prenotazione. Controllali entrambi sulla ricevuta",
    lookup_button: "Mostra la prenotazione",
    cancel_title: "Annulla la prenotazione",
    cancel_intro: "Annullando liberi il posto per un'altra persona che aspetta.",
    reason_legend: "Perché annulli?",
    reasons: [
        "Non ho più bisogno della prestazione",
        "Ho un impedimento in quella data",
        "Ho prenotato altrove",
        "Per un altro motivo",
    ],
    reason_required: "Scegli il motivo dell'annullamento",
    reason_details_label: "Vuoi aggiungere qualcosa?",
    cancel_button: "Annulla la prenotazione",
    keep_booking: "Non annullare: torna alla prenotazione",
    too_late: |d| {
        format!(
            "Non è più possibile cambiarla online: il termine era {d}. Se non puoi presentarti, avvisa la struttura o chiama il CUP"
        )
    },
    not_active: "Questa prenotazione non è più attiva.",
    move_title: "Sposta la prenotazione",
    move_intro: |w| {
        format!(
            "Ora è prenotata per {w}. Scegli il nuovo posto: quello attuale resta tuo finché il nuovo non è confermato."
        )
    },
    move_confirm_title: "Conferma lo spostamento",
    move_from: "Prenotazione attuale",
    move_to: "Nuovo posto",
    move_button: "Sposta la prenotazione",
    waitlist_title: "Sei in lista d'attesa",
    waitlist_body: |d| {
        format!(
            "Ti offriremo il primo posto che si libera o si apre entro {d}. Il posto resterà tenuto per te per 24 ore: se ci hai lasciato un contatto ti avviseremo, altrimenti torna qui con il codice fiscale e il numero della ricetta."
        )
    },
    waitlist_since: |d| format!("In lista dal {d}."),
    times_title: "Tempi di attesa",
    times_intro: "La prima data disponibile per ogni prestazione, in ogni struttura della Toscana. Per prenotare serve la ricetta elettronica.",
    first_by_area: "Prima data disponibile per zona",
    first_by_facility: "Prima data disponibile per struttura",
    no_date: "nessun posto libero in calendario",
    updated_at: |t| format!("Dati aggiornati alle {t}."),
    book_cta: "Prenota con la ricetta",
    times_service_link: "Vedi i tempi di attesa",

    reason_too_long: "Il motivo può avere al massimo 500 caratteri",
    stale_notice: |t| {
        format!(
            "Questi dati sono aggiornati alle {t}: in questo momento non riusciamo ad aggiornarli. La situazione reale potrebbe essere diversa."
        )
    },
    area_times_title: |s, a| format!("{s}: primi posti liberi nella zona {a}"),
    first_slots_heading: "Primi posti liberi",
    area_details: "Primi posti",
    no_free_slots: "Nessun posto libero in calendario in questa zona.",
    waiting_room_title: "Sala d'attesa virtuale",
    waiting_room_intro: "In questo momento moltissime persone stanno prenotando. Per non bloccare il servizio, entrate una alla volta, nell'ordine di arrivo. Non chiudere questa pagina: si aggiorna da sola e ti farà entrare quando sarà il tuo turno.",
    waiting_room_position: |n| match n {
        n if n <= 1 => "Sei il prossimo.".to_owned(),
        2 => "Davanti a te c'è 1 persona.".to_owned(),
        n => format!("Davanti a te ci sono {} persone.", n - 1),
    },
    waiting_room_eta: |m| {
        if m <= 1 {
            "Attesa stimata: meno di un minuto.".to_owned()
        } else {
            format!("Attesa stimata: circa {m} minuti.")
        }
    },
    waiting_room_refresh: |s| format!("La pagina si aggiorna ogni {s} secondi."),
    waiting_room_times: "Intanto puoi consultare i tempi di attesa e la prima data libera di ogni prestazione, che non richiedono attesa.",
    waiting_room_joining: "Ti stiamo dando il tuo posto in fila: resta su questa pagina, tra un attimo si aggiorna da sola e ti mostra la tua posizione.",
    waiting_room_line: |n| match n {
        n if n <= 0 => "In questo momento non c'è nessuno in fila.".to_owned(),
        1 => "In questo momento in fila c'è 1 persona.".to_owned(),
        n => format!("In questo momento in fila ci sono {n} persone."),
    },
    waiting_room_limited_title: "Troppe richieste da questa connessione",
    waiting_room_limited: "Da questa connessione sono arrivate, in poco tempo, troppe richieste di entrare nella sala d'attesa. Non serve ricaricare: la pagina riprova da sola.",
    waiting_room_retry: |s| {
        if s <= 1 {
            "Nuovo tentativo tra un secondo.".to_owned()
        } else {
            format!("Nuovo tentativo tra {s} secondi.")
        }
    },
    staff_area: "Area operatori",
    login_title: "Accesso operatori",
    login_intro: "Accesso riservato al personale CUP, delle farmacie e delle Aziende sanitarie.",
    username_label: "Nome utente",
    password_label: "Password",
    login_button: "Accedi",
    login_failed: "Nome utente o password non corretti, oppure account bloccato per troppi tentativi. Riprova più tardi; se hai dimenticato la password rivolgiti al tuo supervisore",
    login_required: "Inserisci nome utente e password",
    logout_button: "Esci",
    signed_in_as: |n, r| format!("{n} ({r})"),
    role_names: ["operatore", "supervisore", "amministratore"],
    console_title: "Console operatore",
    console_slots_title: "Posti liberi",
    console_slots_intro: "Tutti i posti liberi della prestazione, compresi quelli riservati agli operatori e alle urgenze.",
    service_code_label: "Codice o nome della prestazione",
    show_slots_button: "Mostra i posti",
    reserved_for: |w| format!("Riservato: {w}"),
    unknown_service: "Nessuna prestazione con questo codice o nome",
    form_expired: "Il modulo è scaduto: riprova",
    forbidden_title: "Pagina non consentita",
    forbidden_body: "Il tuo ruolo non consente di aprire questa pagina. Se ti serve, chiedi al tuo supervisore.",
    conflict_title: "Qualcosa è cambiato nel frattempo",
    conflict_body: "Mentre compilavi la pagina la situazione è cambiata (per esempio il posto è stato preso o la prenotazione modificata). Non è stato fatto nulla: riparti dalla pagina precedente.",
    unprocessable_title: "Richiesta non possibile",
    unprocessable_body: "Questa richiesta non si può soddisfare così com'è. Non è stato fatto nulla: torna indietro e scegli un'altra opzione.",
    channel_names: ["portale", "app", "chioschi in farmacia", "operatori"],
    priority_reservation: |p| format!("priorità {p}"),
    first_date_column: "Prima data",

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

    // Operator console (issue 5)
    console_nav_label: "Funzioni della console",
    console_home_link: "Menu della console",
    console_home_intro: "Scegli che cosa fare. Ogni accesso ai dati di un cittadino viene registrato con il tuo nome e il motivo.",
    menu_find_citizen: "Trova un cittadino",
    menu_find_citizen_text: "Con il codice fiscale: ricette, prenotazioni e lista d'attesa; prenota, sposta o annulla per suo conto.",
    menu_current_citizen: "Torna alla scheda aperta",
    menu_current_citizen_text: "La scheda del cittadino che stai servendo.",
    menu_slots_text: "Tutti i posti liberi di una prestazione, compresi quelli riservati.",
    menu_audit_text: "Chi ha consultato o modificato i dati dei cittadini, quando e perché.",
    menu_agendas: "Agende",
    menu_agendas_text: "Le agende delle strutture, la generazione dei posti e le sospensioni.",
    citizen_search_title: "Trova un cittadino",
    citizen_search_intro: "Scrivi il codice fiscale e il motivo dell'accesso. L'accesso viene registrato con il tuo nome.",
    access_reason_label: "Motivo dell'accesso",
    access_reason_choose: "Scegli il motivo",
    access_reasons: [
        "Telefonata del cittadino",
        "Cittadino allo sportello",
        "Richiesta dalla farmacia",
        "Richiamata al cittadino",
    ],
    access_note_label: "Note sul motivo",
    access_note_hint: "Al massimo 200 caratteri. Non scrivere dati sanitari.",
    access_reason_required: "Scegli il motivo dell'accesso",
    access_note_too_long: "Le note possono avere al massimo 200 caratteri",
    citizen_not_found: "Nessun assistito con questo codice fiscale: controllalo con il cittadino",
    citizen_search_button: "Apri la scheda",
    citizen_record_title: "Scheda del cittadino",
    citizen_record_reason: |r| format!("Motivo dell'accesso: {r}"),
    citizen_name_label: "Nome e cognome",
    citizen_born_label: "Data di nascita",
    close_record_button: "Chiudi la scheda",
    another_citizen_link: "Cerca un altro cittadino",
    prescriptions_heading: "Ricette",
    no_prescriptions: "Nessuna ricetta per questo cittadino.",
    nre_column: "NRE",
    prescribed_on_column: "Prescritta il",
    rx_status_names: [
        "Da prenotare",
        "Prenotata",
        "Scaduta",
        "Revocata",
        "Già erogata",
        "In lista d'attesa",
    ],
    actions_column: "Azioni",
    book_for_link: "Prenota",
    bookings_heading: "Prenotazioni",
    no_bookings: "Nessuna prenotazione per questo cittadino.",
    open_link: "Apri",
    print_short_link: "Ristampa",
    move_short_link: "Sposta",
    cancel_short_link: "Annulla",
    waiting_heading: "Lista d'attesa",
    no_waiting: "Nessuna richiesta in lista d'attesa.",
    waiting_since_column: "In lista dal",
    waiting_status_names: [
        "In attesa",
        "Posto offerto",
        "Prenotata",
        "Scaduta",
        "Ritirata",
    ],
    console_book_title: "Prenota per il cittadino",
    console_book_intro: "Posti liberi per il canale operatori, compresi quelli riservati, dal primo disponibile. Scelto un posto, lo ricontrolli con il cittadino prima di prenotarlo.",
    console_move_intro: |w| {
        format!("Ora l'appuntamento è {w}. Scegli il nuovo posto: lo spostamento è immediato.")
    },
    book_slot_button: "Prenota questo posto",
    move_slot_button: "Sposta qui",
    console_receipt_title: "Prenotazione",
    console_booked_notice: "Prenotazione fatta. Leggi al cittadino il codice di prenotazione o stampa la ricevuta.",
    console_change_until_start: "Come operatore puoi spostarla o annullarla fino all'inizio dell'appuntamento.",
    console_change_closed: "Questa prenotazione non si può più spostare né annullare.",
    back_to_record: "Torna alla scheda del cittadino",
    console_cancel_legend: "Perché il cittadino annulla?",
    keep_booking_console: "Non annullare: torna alla prenotazione",
    form_expired_body: "Il modulo è scaduto o non viene da questa console, quindi non è stato eseguito niente. Torna alla pagina e riprova.",
    audit_title: "Registro degli accessi",
    audit_intro: "Chi ha consultato o modificato i dati dei cittadini, quando, da quale canale e perché, dal più recente. Anche questa ricerca viene registrata.",
    audit_filters_legend: "Cerca nel registro",
    audit_staff_label: "Nome utente del personale",
    audit_from_label: "Dal giorno",
    audit_to_label: "Al giorno",
    audit_date_hint: "Per esempio 24/12/2026. Facoltativo.",
    audit_date_invalid: "La data non è valida: scrivila come 24/12/2026",
    audit_dates_reversed: "Il giorno finale viene prima di quello iniziale",
    audit_unknown_staff: "Nessun membro del personale con questo nome utente",
    audit_action_label: "Azione",
    audit_any_action: "Tutte le azioni",
    audit_action_names: [
        "Scheda del cittadino consultata",
        "Prenotazione consultata",
        "Prenotazione fatta",
        "Prenotazione annullata",
        "Prenotazione spostata",
        "Ricerca nel registro",
        "Visita eseguita (sportello)",
        "Persona non presentata (sportello)",
        "Messaggio rimesso in coda",
        "Accesso del personale",
        "Accesso del personale non riuscito",
        "Posto offerto dalla lista d'attesa",
        "Agenda creata",
        "Riga del modello aggiunta",
        "Posti generati",
        "Posti aggiuntivi",
        "Agenda sospesa",
    ],
    audit_search_button: "Cerca",
    audit_results_heading: "Voci del registro",
    audit_no_results: "Nessuna voce corrisponde alla ricerca.",
    audit_when_column: "Quando",
    audit_who_column: "Chi",
    audit_channel_column: "Canale",
    audit_action_column: "Azione",
    audit_citizen_column: "Cittadino",
    audit_booking_column: "Prenotazione",
    audit_reason_column: "Motivo",
    audit_actor_citizen: "Il cittadino",
    console_within_deadline: "Entro i tempi della priorità",
    console_beyond_deadline: "Oltre i tempi della priorità",
    audit_actor_system: "Il sistema",
    menu_desk_text: "Le visite del giorno nella struttura: segna chi si è presentato e chi no.",
    desk_title: "Sportello: visite del giorno",
    desk_intro: "Per ogni visita confermata, segna se la persona si è presentata. Si segna dal giorno della visita in poi; una correzione è possibile solo nel giorno in cui la visita è stata segnata.",
    desk_ticket_note: "Chi non si presenta e non ha disdetto in tempo può dover pagare il ticket anche se esente, secondo le regole regionali: la visita resta segnata con «ticket dovuto».",
    desk_facility_label: "Struttura",
    desk_facility_required: "Scegli una struttura",
    desk_day_label: "Giorno",
    desk_day_invalid: "La data non è valida: scrivila come 24/12/2026",
    desk_show_button: "Mostra le visite",
    desk_caption: |day, facility| format!("Visite di {day} presso {facility}"),
    desk_no_visits: "Nessuna visita prenotata in questo giorno.",
    desk_time_column: "Ora",
    desk_code_column: "Codice",
    desk_patient_column: "Persona",
    desk_service_column: "Prestazione",
    desk_status_column: "Stato",
    desk_action_column: "Segna",
    desk_attended_button: "Presente",
    desk_no_show_button: "Non presentato",
    desk_not_yet: "Dal giorno della visita",
    desk_ticket_due: "ticket dovuto",
    desk_marked_notice: "Visita segnata.",
    menu_deliveries_text: "I messaggi ai cittadini: quanti per stato, quelli non consegnati, e rimetterli in coda.",
    dl_title: "Consegna dei messaggi",
    dl_intro: "I messaggi ai cittadini per tipo, canale e stato, e quelli falliti o ancora in attesa. Un messaggio fallito si può rimettere in coda. Destinatari mascherati, testi mai mostrati.",
    dl_channels_heading: "Canali",
    dl_channel_configured: |channel, configured| match configured {
        Some(true) => format!("{channel}: configurato"),
        Some(false) => format!("{channel}: non configurato, i messaggi restano in attesa"),
        None => format!("{channel}: configurazione non nota"),
    },
    dl_oldest_pending: |s| match s {
        None => "Nessun messaggio in attesa.".to_owned(),
        Some(s) if s < 120 => format!("Il messaggio in attesa più vecchio aspetta da {s} secondi."),
        Some(s) if s < 7200 => format!(
            "Il messaggio in attesa più vecchio aspetta da {} minuti.",
            s / 60
        ),
        Some(s) => format!(
            "Il messaggio in attesa più vecchio aspetta da {} ore.",
            s / 3600
        ),
    },
    dl_counts_heading: "Messaggi per stato",
    dl_counts_caption: "Messaggi per tipo, canale e stato",
    dl_no_messages: "Nessun messaggio.",
    dl_list_heading: "Messaggi falliti e in attesa",
    dl_list_caption: "Messaggi falliti e in attesa, dal più recente",
    dl_no_undelivered: "Nessun messaggio fallito o in attesa.",
    dl_id_column: "Numero",
    dl_kind_column: "Tipo",
    dl_channel_column: "Canale",
    dl_recipient_column: "Destinatario",
    dl_state_column: "Stato",
    dl_attempts_column: "Tentativi",
    dl_error_column: "Ultimo errore",
    dl_created_column: "Scritto",
    dl_next_column: "Prossimo tentativo",
    dl_action_column: "Azione",
    dl_retry_button: "Rimetti in coda",
    dl_retried_notice: "Il messaggio è di nuovo in coda.",
    dl_not_retried_notice: "Il messaggio non era fallito: nulla è cambiato.",
    dl_kind_names: [
        "Conferma della prenotazione",
        "Spostamento",
        "Annullamento",
        "Posto offerto",
        "Promemoria",
        "Agenda sospesa",
    ],
    dl_state_names: ["In attesa", "Inviati", "Falliti", "Senza recapito"],
    dl_channel_names: ["SMS", "E-mail", "Nessuno"],
    // Back office (issue 5)
    bo_yes: "sì",
    bo_no: "no",
    bo_choose: "Scegli…",
    bo_agendas_title: "Agende",
    bo_agendas_intro: "Le agende di ogni struttura. Da qui si generano i posti dal modello settimanale, si aggiungono posti straordinari e si sospendono giornate: le liste non vengono mai chiuse.",
    bo_new_agenda_link: "Nuova agenda",
    bo_filters_legend: "Filtra le agende",
    bo_facility_label: "Struttura",
    bo_any_facility: "Tutte le strutture",
    bo_any_service: "Tutte le prestazioni",
    bo_filter_button: "Mostra le agende",
    bo_facilities_caption: "Strutture e numero di agende",
    bo_agendas_count_column: "Agende",
    bo_no_agendas: "Nessuna agenda corrisponde ai filtri scelti.",
    bo_label_label: "Nome dell'agenda",
    bo_label_hint: "Per esempio «Ambulatorio 2» o il nome del medico, al massimo 80 caratteri.",
    bo_slot_minutes_column: "Durata di un posto (minuti)",
    bo_slot_minutes_label: "Durata di un posto, in minuti",
    bo_slot_minutes_hint: "Un numero da 5 a 240.",
    bo_active_column: "Attiva",
    bo_new_agenda_title: "Nuova agenda",
    bo_new_agenda_intro: "Un'agenda è il calendario di una prestazione in una struttura (una sala o un medico). Dopo averla creata, aggiungi il modello settimanale e genera i posti.",
    bo_create_button: "Crea l'agenda",
    bo_back_to_agendas: "Torna all'elenco delle agende",
    bo_agenda_title: |label, facility| format!("Agenda «{label}», {facility}"),
    bo_templates_heading: "Modello settimanale",
    bo_templates_caption: "Fasce orarie settimanali da cui si generano i posti",
    bo_no_templates: "Il modello è vuoto: senza fasce orarie non si possono generare posti.",
    bo_weekday_label: "Giorno della settimana",
    bo_hours_column: "Orario",
    bo_reservation_column: "Posti riservati a",
    bo_validity_column: "Validità",
    bo_validity: |from, to| match to {
        Some(to) => format!("dal {from} al {to}"),
        None => format!("dal {from}, senza scadenza"),
    },
    bo_no_reservation: "tutti",
    bo_no_reservation_choice: "Nessuna riserva: posti per tutti",
    bo_template_legend: "Aggiungi una fascia oraria al modello",
    bo_start_label: "Ora di inizio",
    bo_end_label: "Ora di fine",
    bo_time_hint: "Ore e minuti, per esempio 8:30.",
    bo_reservation_label: "Riserva dei posti",
    bo_valid_from_label: "Valida dal",
    bo_valid_to_label: "Valida fino al",
    bo_valid_to_hint: "Giorno, mese e anno, per esempio 30/6/2026. Lascia vuoto se la fascia non ha una scadenza.",
    bo_date_hint: "Giorno, mese e anno, per esempio 24/12/2026.",
    bo_add_template_button: "Aggiungi la fascia oraria",
    bo_days_heading: "I prossimi 14 giorni",
    bo_days_caption: "Posti di ogni giorno: liberi, prenotati e sospesi",
    bo_no_days: "Nessun posto nei prossimi 14 giorni.",
    bo_day_column: "Giorno",
    bo_free_column: "Liberi",
    bo_booked_column: "Prenotati",
    bo_suspended_column: "Sospesi",
    bo_slots_heading: "Posti",
    bo_generate_legend: "Genera i posti dal modello",
    bo_generate_hint: "Crea i posti del periodo secondo il modello settimanale, al massimo 366 giorni alla volta (i giorni festivi sono esclusi). I posti che esistono già non vengono duplicati; i nuovi vengono offerti prima di tutto a chi è in lista d'attesa.",
    bo_from_label: "Dal giorno",
    bo_to_label: "Al giorno",
    bo_generate_button: "Genera i posti",
    bo_extra_legend: "Aggiungi posti straordinari",
    bo_extra_hint: "Posti in più in un giorno, uno dopo l'altro dall'ora indicata, con la durata dell'agenda. Vengono offerti prima di tutto a chi è in lista d'attesa.",
    bo_count_label: "Numero di posti",
    bo_count_hint: "Da 1 a 48; se lasci vuoto, un posto.",
    bo_extra_button: "Aggiungi i posti",
    bo_suspend_legend: "Sospendi un giorno o un periodo",
    bo_suspend_hint: "I posti del periodo vengono sospesi, mai cancellati. Ogni prenotazione viene spostata al primo posto libero della stessa prestazione entro i tempi della sua priorità (nella stessa struttura, poi nella stessa zona, poi in tutta la regione); se non ce n'è nessuno, viene annullata e la ricetta entra in lista d'attesa. Ogni persona riceve un messaggio con il motivo.",
    bo_suspend_to_hint: "Lascia vuoto per sospendere un solo giorno.",
    bo_reason_label: "Motivo della sospensione",
    bo_reason_hint: "Obbligatorio, al massimo 300 caratteri: viene registrato e comunicato alle persone.",
    bo_suspend_button: "Sospendi",
    bo_facility_required: "Scegli la struttura",
    bo_service_required: "Scegli la prestazione",
    bo_label_required: "Scrivi il nome dell'agenda",
    bo_label_too_long: "Il nome dell'agenda può avere al massimo 80 caratteri",
    bo_label_taken: "Questa struttura ha già un'agenda con questo nome per la stessa prestazione: scegli un altro nome",
    bo_minutes_invalid: "La durata di un posto è un numero di minuti da 5 a 240",
    bo_weekday_required: "Scegli il giorno della settimana",
    bo_time_invalid: "Scrivi l'ora come 8:30, da 0:00 a 24:00",
    bo_end_before_start: |m| {
        format!(
            "L'ora di fine deve venire dopo quella di inizio, lasciando spazio almeno per un posto di {m} minuti"
        )
    },
    bo_reservation_invalid: "Scegli una delle riserve proposte",
    bo_template_overlap: "Questa fascia si sovrappone a un'altra dello stesso giorno della settimana con validità in comune",
    bo_date_required: "Inserisci la data",
    bo_date_invalid: "Scrivi la data come 24/12/2026",
    bo_date_past: "La data non può essere già passata",
    bo_date_far: "La data è troppo lontana: al massimo due anni da oggi",
    bo_to_before_from: "La data di fine non può venire prima di quella di inizio",
    bo_period_too_long: "Il periodo può durare al massimo 366 giorni",
    bo_count_invalid: |n| format!("Il numero di posti è un numero da 1 a {n}"),
    bo_extra_midnight: "I posti devono finire entro la mezzanotte: riduci il numero o anticipa l'ora",
    bo_extra_past: "Il primo posto deve cominciare più tardi di adesso",
    bo_reason_required: "Scrivi il motivo della sospensione",
    bo_reason_too_long: |n| format!("Il motivo può avere al massimo {n} caratteri"),
    bo_created_notice: "Agenda creata. Ora aggiungi il modello settimanale e genera i posti.",
    bo_template_added: "Fascia oraria aggiunta al modello.",
    bo_generated: |created, existing, offered| {
        format!(
            "Posti generati: {created} nuovi, {existing} già presenti (non duplicati), {offered} offerti a chi era in lista d'attesa."
        )
    },
    bo_extra_added: |created, existing, offered| {
        format!(
            "Posti straordinari aggiunti: {created} nuovi, {existing} già presenti o sovrapposti, {offered} offerti a chi era in lista d'attesa."
        )
    },
    bo_suspended_notice: |slots, moved, waitlisted| {
        format!(
            "Sospensione registrata: {slots} posti sospesi, {moved} prenotazioni spostate, {waitlisted} prenotazioni annullate con la ricetta messa in lista d'attesa. Le persone riceveranno un messaggio."
        )
    },
    tr_link: "Dati di trasparenza: tempi di attesa per classe di priorità, con i dati aperti",
    tr_title: |place| format!("Tempi di attesa per classe di priorità: {place}"),
    tr_intro: "Per ogni prestazione e classe di priorità: la prima data disponibile, l'attesa mediana delle prenotazioni degli ultimi 90 giorni (dalla data della ricetta a quella dell'appuntamento) e quante sono state fissate entro i tempi massimi garantiti.",
    tr_law: "Pubblicati ai sensi dell'articolo 41, comma 6, del decreto legislativo 33/2013 e aggiornati ogni 10 minuti.",
    tr_show_button: "Mostra i tempi",
    tr_no_data: "Nessuna prestazione ha dati in questa zona.",
    tr_class_column: "Classe di priorità",
    tr_max_wait_column: "Tempo massimo garantito",
    tr_first_column: "Prima data disponibile",
    tr_median_column: "Attesa mediana (giorni)",
    tr_bookings_column: |d| format!("Prenotazioni degli ultimi {d} giorni"),
    tr_within_column: "Entro il tempo massimo",
    tr_class_names: [
        "U (urgente)",
        "B (breve)",
        "D (differita)",
        "P (programmata)",
    ],
    tr_days: |d| {
        if d == 1 {
            "1 giorno".to_owned()
        } else {
            format!("{d} giorni")
        }
    },
    tr_none: "nessun dato",
    tr_open_data_heading: "Dati aperti",
    tr_open_data_intro: "Gli stessi dati per tutte le zone in formato CSV (UTF-8, separatore virgola, decimali con il punto, celle vuote dove il dato manca) e JSON. Le righe con area_id vuoto riguardano tutta la regione. Le colonne:",
    tr_csv_link: "Scarica il CSV",
    tr_json_link: "Scarica il JSON",
    tr_column_docs: [
        "codice della prestazione nel catalogo nazionale",
        "nome della prestazione",
        "visit (visita) o exam (esame)",
        "identificativo della zona; vuoto per tutta la regione",
        "nome della zona, oppure Toscana",
        "classe di priorità della ricetta: U, B, D o P",
        "attesa massima garantita per la classe, in giorni dalla data della ricetta",
        "primo giorno con un posto libero prenotabile online per la classe (AAAA-MM-GG)",
        "attesa mediana in giorni, dalla ricetta all'appuntamento, delle prenotazioni degli ultimi 90 giorni",
        "numero di prenotazioni fatte negli ultimi 90 giorni (annullate escluse)",
        "percentuale di quelle prenotazioni fissate entro l'attesa massima garantita",
        "visite degli ultimi 90 giorni a cui la persona si è presentata (segnate dallo sportello)",
        "visite degli ultimi 90 giorni a cui la persona non si è presentata senza disdire",
        "percentuale di assenze: non presentate / (presentate + non presentate); vuoto senza visite segnate",
    ],
    tr_no_show_heading: "Visite non disdette",
    tr_no_show_intro: |d| {
        format!(
            "Quante visite degli ultimi {d} giorni sono andate perse perché la persona non si è presentata senza disdire. La percentuale è calcolata sulle visite segnate dallo sportello: non presentate diviso (presentate + non presentate)."
        )
    },
    tr_no_show_caption: "Assenze per prestazione",
    tr_service_column: "Prestazione",
    tr_attended_column: "Presentate",
    tr_no_show_column: "Non presentate",
    tr_no_show_rate_column: "Assenze",
    tr_total_row: "Tutte le prestazioni",
    kiosk_title: "Prenotazioni in farmacia",
    kiosk_intro: "Prenota una visita o un esame con la tua ricetta, oppure ritrova una prenotazione. Tocca una delle due scelte.",
    kiosk_book_text: "Servono il codice fiscale e il numero della ricetta (NRE).",
    kiosk_mine_text: "Servono il codice fiscale e il codice della prenotazione.",
    kiosk_privacy: "Questo è un terminale condiviso: quando hai finito tocca «Termina e cancella i dati». Dopo qualche minuto senza attività la sessione si chiude da sola e su questo terminale non resta nulla di tuo.",
    kiosk_ended: "Sessione terminata: i dati inseriti sono stati cancellati da questo terminale.",
    kiosk_end_button: "Termina e cancella i dati",
    kiosk_idle_title: "Sei ancora qui?",
    kiosk_idle_text: |s| {
        format!(
            "Per proteggere i tuoi dati la sessione si chiuderà tra {s} secondi e quello che hai inserito verrà cancellato."
        )
    },
    kiosk_continue: "Sì, continuo",
    print_now: "Stampa la ricevuta",
    sources_intro: "Da dove vengono le strutture e le prestazioni della regione dimostrativa, con i limiti di ciascun dato. Il documento è in inglese.",

    // issue 14 — journey
    from_past: "La data è già passata: scrivi oggi o un giorno che deve ancora venire, per esempio 24/12/2026",
    order_legend: "Ordine dei posti",
    order_earliest: "Dal primo disponibile",
    order_nearest: "Dal più vicino al tuo comune",
    slots_heading_nearest: "Posti disponibili, dal più vicino al tuo comune",
    home_label: "Il tuo comune",
    home_hint: "Per mostrarti prima la tua zona e la distanza di ogni struttura. Se non l'hai scelto, lo ricaviamo dal comune di nascita del codice fiscale: cambialo se abiti altrove.",
    home_unknown: "Scegli il tuo comune",
    nearest_needs_home: "Per ordinare i posti dal più vicino scegli il tuo comune: intanto li vedi dal primo disponibile",
    town_not_in_area: |town, area| {
        format!(
            "{town} non è nella zona {area}: ti mostriamo i posti di {town}. Per un altro comune scegli prima la zona"
        )
    },
    km_from: |km, town| format!("a circa {km} km da {town}"),
    not_changeable_online: "Una volta prenotato, non potrai spostarlo né annullarlo online",
    late_slots_heading: "Posti entro due giorni lavorativi",
    late_slots_intro: "Questi posti sono più vicini nel tempo, ma una volta prenotati non potrai spostarli né annullarli online: per farlo dovrai chiamare il CUP.",
    help_heading: "Serve aiuto?",
    help_call: "Chiama il CUP (Centro unico di prenotazione):",
    help_hours: |hours| format!("Orari: {hours}"),
    check_heading: "Controlla i dati prima di confermare",
    patient_label: "Paziente",
    date_label: "Data",
    time_label: "Ora",
    online_change_label: "Spostare o annullare online",
    changeable_until: |day| format!("Sì, fino a {day}"),
    change_link: "Cambia",
    hold_renewed: |time| {
        format!(
            "Il tempo per confermare era scaduto, ma il posto era ancora libero: te lo teniamo di nuovo fino alle {time}. Quello che avevi scritto è rimasto."
        )
    },
    extend_button: "Mi serve più tempo",
    extend_refused: "Non è possibile avere altro tempo per questo posto: confermalo ora o scegline un altro.",
    hold_warning: "Mancano circa 2 minuti: poi il posto non sarà più tenuto per te.",
    lost_code_link: "Hai perso il codice di prenotazione?",
    lost_code_title: "Ritrova una prenotazione senza il codice",
    lost_code_intro: "Scrivi il codice fiscale della persona da visitare e il numero della ricetta (NRE) che hai prenotato: li trovi sul promemoria della ricetta. Se quella ricetta ha una prenotazione attiva, ti mostriamo la ricevuta con il codice di prenotazione. Sono gli stessi dati che servono per prenotare: non ti mostriamo nulla che non potresti già vedere prenotando.",
    lost_code_button: "Trova la prenotazione",
    lost_code_not_found: "Nessuna prenotazione attiva corrisponde a questo codice fiscale e a questo numero di ricetta. Controllali entrambi sul promemoria della ricetta.",
    area_empty_widened: |area| {
        format!(
            "Nella zona {area} non ci sono posti liberi per questa prestazione: ti mostriamo quelli di tutta la Toscana."
        )
    },
    // issue 14 — receipt
    receipt_cancelled_title: "Prenotazione annullata",
    receipt_cancelled_on: |d| format!("Annullata il {d}."),
    receipt_cancel_reason_label: "Motivo",
    receipt_cancelled_body: "Questo appuntamento non è più valido: non presentarti. Se ti serve ancora, puoi prenotare di nuovo con la stessa ricetta.",
    receipt_closed_title: "Prenotazione conclusa",
    print_cancelled_title: "Attestazione di annullamento",
    print_button: "Stampa",
    // issue 14 — operator
    console_choose_slot: "Scegli questo posto",
    console_confirm_title: "Controlla e prenota",
    console_confirm_intro: "Non è ancora prenotato. Rileggi al cittadino giorno, ora e luogo, chiedi i contatti per i promemoria, poi prenota.",
    console_back_to_slots: "Torna ai posti",
    console_change_online_until: |d| {
        format!("Il cittadino potrà spostarla o annullarla online fino al {d}.")
    },
    console_change_online_closed: "È troppo vicina: il cittadino non potrà spostarla o annullarla online, solo chiamando il CUP.",
    console_contacts_hint: "Per la conferma e i promemoria. Se l'anagrafe li conosce sono già scritti: verificali con il cittadino.",

    messages: MessageTexts {
        footer: "Messaggio automatico di Cupola, il servizio di prenotazione sanitaria della \
            Toscana. Non rispondere a questo messaggio: le risposte non vengono lette.",
        details_caption: "L'appuntamento",
        label_service: "Prestazione",
        label_when: "Quando",
        label_where: "Dove",
        label_code: "Codice di prenotazione",
        label_prep: "Preparazione",
        label_access: "Come arrivare",
        label_hold_until: "Tenuto per te fino a",
        label_previous: "Appuntamento precedente",
        label_reason: "Motivo",
        label_deadline: "Da eseguire entro",
        actions_heading: "Cosa puoi fare",
        receipt_link: "Apri la ricevuta della prenotazione",
        cancel_link: "Annulla la prenotazione",
        confirm_link: "Conferma che verrai all'appuntamento",
        accept_link: "Accetta il posto offerto",
        change_until: |day| {
            format!("Puoi spostare o annullare la prenotazione online fino a {day}.")
        },
        too_late_online: "Non è più possibile spostare o annullare la prenotazione online: \
            per farlo rivolgiti al CUP o alla struttura.",
        calendar_attached: "In allegato trovi l'appuntamento da aggiungere al tuo calendario.",
        calendar_cancel_attached: "In allegato trovi l'annullamento da applicare al tuo calendario.",

        confirmed_subject: |day| format!("Prenotazione confermata per {day}"),
        confirmed_heading: "La tua prenotazione è confermata",
        confirmed_intro: "Abbiamo registrato la tua prenotazione. Porta con te la ricetta, un \
            documento d'identità e la tessera sanitaria.",
        moved_subject: |day| format!("Prenotazione spostata a {day}"),
        moved_heading: "La tua prenotazione è stata spostata",
        moved_intro: "L'appuntamento ora è questo. Quello precedente non è più valido.",
        cancelled_subject: |day| format!("Prenotazione del {day} annullata"),
        cancelled_heading: "La tua prenotazione è stata annullata",
        cancelled_intro: "L'appuntamento è annullato e il posto è stato liberato per altre \
            persone. Se ti serve ancora la prestazione puoi prenotarla di nuovo con la stessa ricetta.",
        offered_subject: |day| format!("Si è liberato un posto per te: {day}"),
        offered_heading: "Si è liberato un posto per te",
        offered_intro: "Eri in lista d'attesa e si è liberato un posto entro i tempi della tua \
            ricetta. Lo teniamo per te: accettalo con il link qui sotto.",
        offered_until: |until| {
            format!(
                "Se non lo accetti entro {until} il posto passa alla persona successiva e tu resti in lista d'attesa."
            )
        },
        suspended_subject: |day| format!("Cambiamento del tuo appuntamento del {day}"),
        suspended_moved_heading: "Il tuo appuntamento è stato spostato",
        suspended_moved_intro: "L'agenda in cui era il tuo appuntamento è stata sospesa dalla \
            struttura. Lo abbiamo spostato per te al primo posto libero: ecco il nuovo appuntamento.",
        suspended_waitlisted_heading: "Il tuo appuntamento è stato annullato",
        suspended_waitlisted_intro: |deadline| {
            format!(
                "L'agenda in cui era il tuo appuntamento è stata sospesa dalla struttura e non c'era \
             un altro posto libero in tempo. Abbiamo annullato l'appuntamento e messo la tua \
             ricetta in lista d'attesa: appena si libera un posto entro {deadline} te lo offriamo."
            )
        },
        reminder_subject: |days, day| match days {
            1 => format!("Promemoria: il tuo appuntamento è domani, {day}"),
            n => format!("Promemoria: il tuo appuntamento è tra {n} giorni, {day}"),
        },
        reminder_heading: "Promemoria del tuo appuntamento",
        reminder_intro: "Ti ricordiamo l'appuntamento qui sotto. Confermaci se verrai, oppure \
            annullalo: il posto tornerà disponibile per chi aspetta.",
        reminder_answer: |day| {
            format!("Puoi confermare o annullare con i link qui sotto fino a {day}.")
        },
        reminder_missed_visit: "Se non ti presenti e non annulli in tempo potrebbe esserti \
            chiesto il pagamento del ticket, anche se sei esente.",

        sms_confirmed: |f| {
            format!(
                "Prenotazione {} confermata: {} ore {}, {}. Ricevuta: {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_moved: |f| {
            format!(
                "Prenotazione {} spostata a {} ore {}, {}. Ricevuta: {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_cancelled: |f| {
            format!(
                "Prenotazione {} del {} ore {} ({}) annullata. {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_offered: |f| {
            format!(
                "Posto per te: {} ore {}, {}. Accetta entro il {}: {}",
                f.date, f.time, f.place, f.until, f.link
            )
        },
        sms_suspended_moved: |f| {
            format!(
                "Agenda sospesa: prenotazione {} spostata a {} ore {}, {}. {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
        sms_suspended_waitlisted: |f| {
            format!(
                "Agenda sospesa: prenotazione {} del {} ore {} annullata, sei in lista d'attesa. {}",
                f.code, f.date, f.time, f.link
            )
        },
        sms_reminder: |f| {
            format!(
                "Promemoria {}: {} ore {}, {}. Conferma: {} Annulla: {}",
                f.code, f.date, f.time, f.place, f.link, f.link2
            )
        },
        sms_reminder_late: |f| {
            format!(
                "Promemoria {}: {} ore {}, {}. Ricevuta: {}",
                f.code, f.date, f.time, f.place, f.link
            )
        },
    },
};
