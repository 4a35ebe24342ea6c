# I documenti legali (issue 16): informativa privacy (art. 13 GDPR), dichiarazione di
# accessibilità (Legge 4/2004, modello AgID), cookie, codice sorgente (AGPL-3.0). Esistono in
# italiano e in inglese; le altre lingue mostrano il testo inglese. Titolare, RPD, indirizzo del
# codice e data della dichiarazione sono impostazioni (vedi README, "Legal pages").

## privacy
pv_intro = Questa informativa (art. 13 del Regolamento UE 2016/679, GDPR) spiega chi tratta i tuoi dati quando usi Cupola, perché, per quanto tempo, a chi li comunica e quali diritti hai.
pv_controller_heading = Titolare del trattamento e RPD
pv_controller = Il titolare del trattamento è { $controller }.
pv_dpo = Il responsabile della protezione dei dati (RPD/DPO) si contatta a: { $dpo }.
pv_data_heading = Quali dati trattiamo
pv_data-0 = Per prenotare: il codice fiscale e il numero della ricetta elettronica (NRE), con i dati della prescrizione che arrivano dal sistema regionale delle ricette (prestazione, classe di priorità, data).
pv_data-1 = I dati della prenotazione: struttura, data e ora, codice di prenotazione, canale (web, chiosco, operatore, app) e, se cancelli o sposti, il motivo; se ti presenti o no.
pv_data-2 = Telefono ed e-mail, solo se li dai, per conferme, promemoria e posti offerti dalla lista d'attesa; la lingua che hai scelto.
pv_data-3 = Se un operatore ti assiste: chi ha consultato o modificato i tuoi dati, quando e perché (registro degli accessi).
pv_data-4 = Le segnalazioni di accessibilità: il testo che scrivi e, se la dai, l'e-mail per la risposta.
pv_data-5 = Dati tecnici: l'indirizzo IP, tenuto solo in memoria per limitare i tentativi e il traffico eccessivo, e i cookie tecnici (vedi la pagina sui cookie). I registri del server non contengono codici fiscali, NRE, codici di prenotazione, indirizzi IP né contatti.
pv_purposes_heading = Perché li trattiamo e su quale base giuridica
pv_purposes-0 = Prenotare, spostare e disdire visite ed esami, gestire la lista d'attesa e il percorso di tutela: compito di interesse pubblico e finalità di cura (art. 6.1.e e art. 9.2.h GDPR; art. 2-sexies del D.Lgs. 196/2003).
pv_purposes-1 = Inviarti conferme, promemoria e offerte di posti, se hai lasciato un contatto: stessa base (D.L. 73/2024 sulle liste d'attesa).
pv_purposes-2 = Registrare gli accessi del personale ai tuoi dati, per sicurezza e controllo: obbligo di legge e compito di interesse pubblico (art. 6.1.c ed e, art. 32 GDPR).
pv_purposes-3 = Rispondere alle segnalazioni di accessibilità: obbligo di legge (Legge 4/2004 e Linee guida AgID).
pv_purposes-4 = Pubblicare i tempi di attesa: solo dati aggregati e anonimi (art. 41 del D.Lgs. 33/2013).
pv_required = Codice fiscale e NRE servono per prenotare: senza, non si prenota online (si può al telefono o allo sportello). Telefono ed e-mail sono facoltativi. Non ci sono decisioni automatizzate né profilazione: la lista d'attesa segue l'ordine di arrivo.
pv_retention_heading = Per quanto tempo
pv_retention_audit = Il registro degli accessi del personale: { $months } mesi, poi è cancellato automaticamente, ogni giorno.
pv_retention-0 = Prenotazioni, prescrizioni e messaggi inviati: per il tempo previsto dalle norme sulla documentazione sanitaria e amministrativa, fissato dal titolare; Cupola non li cancella da sé.
pv_retention-1 = Le segnalazioni di accessibilità: per il tempo necessario a rispondere e a documentare la risposta, fissato dal titolare.
pv_retention-2 = Gli indirizzi IP: solo in memoria, per al massimo 15 minuti.
pv_retention-3 = I cookie: per le durate indicate nella pagina sui cookie (da 10 minuti a un anno).
pv_recipients_heading = A chi li comunichiamo
pv_recipients-0 = Al personale autorizzato del CUP e delle strutture in cui prenoti, ciascuno per il proprio ruolo.
pv_recipients-1 = A chi gestisce per conto del titolare i servizi tecnici (hosting, invio di e-mail e SMS), nominato responsabile del trattamento (art. 28 GDPR).
pv_recipients-2 = Alla Regione e al Ministero della Salute per il monitoraggio dei tempi di attesa, e alle autorità che ne hanno diritto per legge.
pv_recipients-3 = I dati non sono diffusi né trasferiti fuori dallo Spazio economico europeo.
pv_rights_heading = I tuoi diritti
pv_rights = Puoi chiedere l'accesso ai tuoi dati, la rettifica, la cancellazione nei limiti di legge e la limitazione, e opporti al trattamento (artt. 15–21 GDPR), scrivendo al titolare o al RPD.
pv_complaint = Puoi anche proporre reclamo al Garante per la protezione dei dati personali:
pv_updated = Ultimo aggiornamento: { $d }.

## accessibility
ac_intro = { $controller } si impegna a rendere accessibile Cupola, il portale di prenotazione di questo sito, secondo la Legge 9 gennaio 2004, n. 4 e le Linee guida AgID sull'accessibilità degli strumenti informatici.
ac_status_heading = Stato di conformità
ac_status = Il sito è parzialmente conforme ai requisiti della norma UNI CEI EN 301 549 e alle WCAG 2.1 (livello AA), per i limiti elencati qui sotto.
ac_limits_heading = Contenuti non accessibili e limiti noti
ac_limits-0 = Nei momenti di punta la sala d'attesa virtuale si ricarica da sola (dopo 2 secondi, poi ogni 15 secondi al massimo) per mostrare il posto in fila senza JavaScript: è contrario ai criteri 2.2.1, 2.2.4 e 3.2.5 (fallimento F41). La pagina dice ogni quanto si aggiorna.
ac_limits-1 = Il posto scelto è tenuto per 8 minuti e si può prolungare due volte, non dieci come chiede il criterio 2.2.1: il posto è conteso da altri, e lo consideriamo un limite essenziale. Con JavaScript un avviso arriva 2 minuti prima.
ac_limits-2 = L'area del personale chiude la sessione dopo 30 minuti di inattività, senza avviso (criterio 2.2.1).
ac_limits-3 = I testi in rumeno, albanese, cinese, arabo e ucraino sono tradotti con l'aiuto di strumenti automatici e attendono la revisione di madrelingua.
ac_limits-4 = Le pagine legali esistono solo in italiano e in inglese; nelle altre lingue si mostra il testo inglese, marcato come tale.
ac_limits-5 = I nomi delle prestazioni e le indicazioni di preparazione esistono solo in italiano e in inglese.
ac_evidence_heading = Come è stata verificata
ac_evidence-0 = Autovalutazione, con prove automatiche ripetute a ogni modifica del codice.
ac_evidence-1 = axe-core (regole WCAG 2.0, 2.1 e 2.2, livelli A e AA) su ogni pagina pubblica, del cittadino, del chiosco e del personale, in tutte e sette le lingue (arabo da destra a sinistra compreso), e sulle e-mail: nessuna violazione.
ac_evidence-2 = Lighthouse (mobile) sulla pagina iniziale, sui posti liberi di una prenotazione e sulla conferma della prenotazione: 100 in accessibilità.
ac_evidence-3 = Prove nel browser: nessuno scorrimento orizzontale a 320 e 360 px (1.4.10), zoom al 200% e testo ingrandito al 200% (1.4.4), la prenotazione e la chiamata dell'operatore con la sola tastiera (2.1.1), tutto anche senza JavaScript.
ac_evidence-4 = Verifiche sul codice delle pagine: un solo titolo principale, punti di riferimento, errori dei moduli legati ai campi (aria-describedby) e riepilogo degli errori, lingua di ogni pagina e di ogni parte in altra lingua.
ac_prepared = Dichiarazione redatta il { $d } e riesaminata a ogni rilascio.
ac_feedback_heading = Meccanismo di feedback
ac_feedback = Se trovi un contenuto che non riesci a usare, o un problema di accessibilità, segnalacelo con il modulo qui sotto: la segnalazione arriva ai responsabili, che rispondono entro { $days } giorni.
ac_enforcement_heading = Procedura di attuazione
ac_enforcement = Se la risposta non arriva entro { $days } giorni, o non ti soddisfa, puoi rivolgerti al Difensore civico per il digitale dell'AgID con il modulo:

## cookies
ck_intro = Cupola usa solo cookie tecnici, necessari al servizio che chiedi: nessun cookie di profilazione, di statistica o di terze parti. Per questo non serve il tuo consenso (art. 122 del D.Lgs. 196/2003; Linee guida del Garante del 10 giugno 2021).
ck_caption = I cookie che Cupola può impostare
ck_name_column = Nome
ck_purpose_column = A cosa serve
ck_duration_column = Durata
ck_purposes-0 = Ricorda la lingua che hai scelto.
ck_purposes-1 = Il lasciapassare cifrato del browser: la ricetta che hai verificato, il posto tenuto per te e le prenotazioni che puoi vedere, senza account.
ck_purposes-2 = Solo nei momenti di punta: il biglietto della sala d'attesa virtuale, cioè il tuo posto in fila (firmato).
ck_purposes-3 = Solo nei momenti di punta: il permesso di entrare nelle pagine di prenotazione dopo la fila (firmato).
ck_purposes-4 = Solo sui chioschi delle farmacie: segna il terminale come chiosco (firmato, nulla di personale).
ck_purposes-5 = Solo per chi accede con SPID o CIE: il riferimento alla sessione, tenuta sul server.
ck_purposes-6 = Solo per il personale: la sessione dell'operatore, tenuta sul server.
ck_durations-0 = 1 anno
ck_durations-1 = 1 ora (10 minuti sui chioschi), rinnovata a ogni passo
ck_durations-2 = fino a 3 ore
ck_durations-3 = 20 minuti, al massimo 1 ora
ck_durations-4 = 1 anno
ck_durations-5 = 15 minuti di inattività, al massimo 8 ore
ck_durations-6 = 30 minuti di inattività
ck_secure_name = { $name } con HTTPS
ck_flags = Nessuno è leggibile dagli script (HttpOnly); tutti valgono solo per questo sito (SameSite) e, con HTTPS, viaggiano solo cifrati (Secure).
ck_storage = Il service worker conserva sul dispositivo una copia delle pagine visitate, per mostrarle anche senza rete (anche le tue ricevute); non sui chioschi, né per i passi della prenotazione e le pagine del personale.
ck_manage = Puoi cancellare cookie e dati del sito dalle impostazioni del browser: la lingua tornerà quella del browser e una prenotazione in corso andrà ricominciata.

## source
sc_intro = Cupola è software libero: lo puoi usare, studiare, modificare e ridistribuire secondo la GNU Affero General Public License, versione 3 o successiva (AGPL-3.0-or-later).
sc_where = Il codice sorgente della versione in funzione su questo sito:
sc_demo_url = Questo è l'indirizzo dimostrativo: chi gestisce il servizio deve indicare quello del proprio codice.
sc_version = Versione in funzione: { $v }
sc_revision = Revisione: { $r }
sc_rights = Chi offre in rete una versione modificata deve offrirne il codice sorgente ai suoi utenti (sezione 13 della licenza).
sc_license_link = Il testo della licenza
