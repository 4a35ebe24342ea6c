# Română. Traducere asistată automat: de revizuit de un vorbitor nativ.
# Termeni: „codice fiscale” = codul fiscal italian; „ricetta elettronica” = rețeta electronică;
# NRE = numărul rețetei electronice; CUP = centrul unic de programări; „ticket” = contribuția
# pacientului la costul prestației.
site_name = Cupola
site_tagline = Programări medicale în Toscana
skip_to_content = Salt la conținutul principal
language_nav_label = Limba
language_name = Română
footer_demo_notice = Cupola este un portal demonstrativ: unitățile și prestațiile sunt reale; agendele, persoanele și programările sunt inventate.
footer_sources = Sursele datelor
home_title = Programează consultații și analize
home_heading = Programează consultații și analize oriunde în Toscana
home_intro = Caută o prestație și găsește primul loc liber în orice spital sau ambulatoriu din regiune.
search_label = Caută o prestație
search_hint = De exemplu: consultație oftalmologică, ecografie abdominală, 89.7A.3
search_button = Caută
catalog_title = Prestații care se pot programa
catalog_intro = Consultații și analize din catalogul regional care se pot programa cu o rețetă electronică (ricetta elettronica).
catalog_results =
    { $n ->
        [one] { $n } prestație găsită pentru „{ $q }”
        [few] { $n } prestații găsite pentru „{ $q }”
       *[other] { $n } de prestații găsite pentru „{ $q }”
    }
catalog_no_results = Nu s-a găsit nicio prestație pentru „{ $q }”. Verifică ortografia sau încearcă alt cuvânt, de exemplu numele specialistului.
catalog_all_link = Vezi toate prestațiile
kind_visit = Consultație
kind_exam = Analiză
code_label = Cod
tariff_label = Tarif
tariff_unknown = indisponibil
not_found_title = Pagina nu a fost găsită
not_found_body = Adresa nu corespunde niciunei pagini. Poate a fost scrisă greșit sau pagina nu mai există.
too_large_title = Cerere prea mare
too_large_body = Datele trimise depășesc dimensiunea permisă pentru această pagină și nu au fost prelucrate: nu s-a programat și nu s-a modificat nimic. Întoarce-te și încearcă din nou.
slow_request_title = Cerere neterminată
slow_request_body = Datele trimise au sosit prea încet și nu au fost prelucrate: nu s-a programat și nu s-a modificat nimic. Verifică conexiunea și încearcă din nou.
back_home = Înapoi la pagina principală
error_title = A apărut o eroare
error_body = Cererea nu a putut fi finalizată. Nu s-a pierdut nimic: încearcă din nou peste câteva clipe.
unavailable_title = Serviciu temporar indisponibil
unavailable_body = Serviciul este temporar indisponibil. Nu s-a programat și nu s-a modificat nimic: încearcă din nou peste câteva minute.
login_outage_notice = Serviciul este temporar indisponibil: autentificarea s-ar putea să nu reușească. Încearcă din nou peste câteva minute.
staff_outage_notice = Baza de date nu răspunde în acest moment: rămâi autentificat, dar paginile care au nevoie de ea nu se pot deschide și nu se poate salva nimic. Încearcă din nou peste câteva minute.
too_many_title = Prea multe încercări nereușite
too_many_body = Au fost prea multe încercări nereușite cu aceste date sau de pe această conexiune. Pentru a proteja datele persoanelor, poți încerca din nou peste { $m ->
        [one] un minut
        [few] { $m } minute
       *[other] { $m } de minute
    }. Între timp verifică ce ai scris (codurile sunt pe foaia rețetei și pe chitanța programării); dacă nu le găsești, sună la CUP (centrul unic de programări).
home_book_title = Programează cu rețeta
home_book_text = Ai o rețetă electronică? Găsește primul loc liber oriunde în Toscana, și pentru un membru al familiei.
home_mine_title = Programările mele
home_mine_text = Vezi, tipărește, mută sau anulează o programare.
home_times_title = Timpi de așteptare
home_times_text = Prima dată disponibilă pentru fiecare prestație, unitate cu unitate.
home_what_heading = Ce poți face aici
error_summary_title = Există o problemă
error_title_prefix = Eroare:{" "}
optional = (opțional)
back = Înapoi
rx_title = Programează cu rețeta electronică
rx_intro = Ai nevoie de codul fiscal italian (codice fiscale) al persoanei care va fi consultată și de numărul rețetei electronice (NRE). Poți programa și pentru un membru al familiei.
fc_label = Cod fiscal (codice fiscale)
fc_hint = Codul fiscal italian: 16 caractere, îl găsești pe cardul de sănătate (tessera sanitaria). Pentru cei veniți din străinătate: codul STP sau ENI.
nre_label = Numărul rețetei electronice (NRE)
nre_hint = 15 caractere, sus pe foaia rețetei. Rețetele din Toscana încep cu 090.
rx_button = Caută locurile disponibile
fc_empty = Introdu codul fiscal
fc_length = Codul fiscal are 16 caractere: ai introdus { $n }
fc_character = Caracterul de pe poziția { $p } din codul fiscal nu poate fi acolo: verifică să nu fi inversat litere și cifre, cum ar fi O și 0
fc_date = Codul fiscal conține o dată de naștere imposibilă: verific-o pe cardul de sănătate
fc_check = Ultimul caracter al codului fiscal nu corespunde celorlalte: probabil este o greșeală de tastare. Verifică-l pe cardul de sănătate
nre_empty = Introdu numărul rețetei (NRE)
nre_length = Numărul rețetei are 15 caractere: ai introdus { $n }
nre_character = Caracterul de pe poziția { $p } din numărul rețetei nu poate fi acolo: după primele 4 poziții urmează numai cifre
nre_region = Numărul rețetei nu începe cu codul unei regiuni: rețetele din Toscana încep cu 090
rx_no_match = Acest cod fiscal și acest număr de rețetă nu corespund unei rețete de programat. Verifică-le pe amândouă pe foaia rețetei: codul fiscal este al persoanei trecute pe rețetă; o rețetă din altă regiune se programează la CUP-ul acelei regiuni
rx_booked = Această rețetă a fost deja folosită pentru o programare. Pentru a o vedea, muta sau anula, mergi la „Programările mele”
rx_not_bookable = Această rețetă nu se mai poate programa: prestația a fost deja efectuată sau rețeta a fost retrasă
rx_expired = Această rețetă a expirat: cu prioritatea ei trebuia programată până la { $d }. Cere medicului tău o rețetă nouă
slots_title = Alege data și locul
rx_for = Rețetă pentru
priority_label = Prioritate
priority_names-0 = U, urgentă: în 72 de ore
priority_names-1 = B, scurtă: în 10 zile
priority_names-2 = D, amânată: în 30 de zile pentru consultații, 60 pentru analize
priority_names-3 = P, programată: în 120 de zile
deadline_label = De garantat până la
filters_legend = Filtrează locurile
area_label = Zona
any_area = Toată Toscana
town_label = Localitatea
any_town = Toate localitățile
from_label = De la data
from_hint = De exemplu 24/12/2026. Lasă gol pentru a începe de azi.
from_invalid = Data nu este validă: scrie-o ca 24/12/2026
filter_button = Arată locurile
slots_heading = Locuri disponibile, cele mai devreme primele
within_deadline = În termenul priorității tale
beyond_deadline = După termenul priorității tale
choose_button = Alege
no_slots = Niciun loc nu corespunde acestor filtre. Încearcă toată Toscana sau altă dată.
next_page = Locuri mai târzii
first_page = Înapoi la primele locuri
slot_taken = Locul ales tocmai a fost luat de altcineva. Iată celelalte locuri disponibile.
slot_unavailable = Acest loc nu se poate programa cu rețeta ta. Alege altul.
none_in_time_title = Niciun loc în termenul priorității tale
none_in_time_body = Astăzi nu există niciun loc liber în toată Toscana până la { $d }. Listele nu sunt niciodată închise: înscrie-te pe lista de așteptare și îți vom oferi primul loc care se eliberează sau se deschide până la acea dată. Poți alege și mai jos un loc mai târziu.
guarantee_route = Dacă nu se eliberează niciun loc la timp, ai dreptul la procedura de garanție (percorso di tutela): autoritatea sanitară trebuie să îți asigure prestația la timp, chiar și la altă unitate sau în regim privat, numai la prețul tichetului (ticket, contribuția pacientului). Întreabă la CUP (centrul unic de programări) sau la biroul de relații cu publicul (URP) al autorității sanitare.
join_waitlist = Înscrie-mă pe lista de așteptare
already_waiting = Ești deja pe lista de așteptare: îți vom oferi primul loc care se eliberează până la { $d }.
confirm_title = Confirmă programarea
held_until = Acest loc este rezervat pentru tine până la { $t }. După aceea redevine liber pentru alții.
offered_until = Un loc de pe lista de așteptare a fost pus deoparte pentru tine. Este rezervat pentru tine până la { $t }.
hold_expired = Timpul pentru confirmare a expirat și locul este din nou liber. Alege din nou o oră.
service_label = Prestația
when_label = Data și ora
where_label = Unitatea
address_label = Adresa
contacts_legend = Mementouri (opțional)
contacts_hint = Lasă un număr de mobil sau o adresă de e-mail pentru a primi confirmarea și un memento. Nu este obligatoriu.
phone_label = Telefon mobil
email_label = E-mail
phone_characters = Un număr de mobil poate conține doar cifre, spații și un + la început
phone_length = Un număr de mobil are între 9 și 13 cifre
email_malformed = Scrie adresa de e-mail cu un @ și text înainte și după, de exemplu nume@exemplu.ro
email_domain = Partea de după @ trebuie să fie un domeniu complet, de exemplu exemplu.ro
email_long = Adresa de e-mail este prea lungă
confirm_button = Confirmă programarea
choose_other = Alege altă oră
receipt_new_title = Programare confirmată
receipt_title = Programarea ta
code_label_booking = Codul programării
code_keep = Păstrează-l: îți trebuie pentru a vedea, muta sau anula programarea.
qr_alt = Cod QR al codului de programare { $c }
status_label = Starea
status_names-0 = Confirmată
status_names-1 = Anulată
status_names-2 = Efectuată
status_names-3 = Neprezentat
prep_label = Pregătirea
access_label = Cum ajungi
amount_label = Ticket (contribuția pacientului)
amount_text = Cel mult { $a }, dacă nu ești scutit; se plătește înainte de programare
amount_unknown = Suma tichetului ți-o vor spune la ghișeu
booked_on_label = Programat pe
print_link = Tipărește chitanța
ics_link = Adaugă în calendar (.ics)
move_link = Mută programarea
cancel_link = Anulează programarea
change_until = O poți muta sau anula online până la { $d }.
change_too_late = Nu mai poate fi mutată sau anulată online. Dacă nu poți veni, anunță unitatea sau sună la CUP.
moved_notice = Programarea a fost mutată.
cancelled_notice = Programarea a fost anulată. Mulțumim: locul este acum liber pentru altcineva.
print_title = Chitanța programării
print_hint = Folosește comanda Tipărire a browserului pentru a tipări această pagină.
back_to_booking = Înapoi la programare
lookup_intro = Introdu codul fiscal și codul programării de pe chitanță sau din mesajul de confirmare.
bc_label = Codul programării
bc_hint = 10 caractere, de exemplu K7M2P-QX4TA
bc_empty = Introdu codul programării
bc_length = Codul programării are 10 caractere, fără liniuță: ai introdus { $n }
bc_character = Caracterul de pe poziția { $p } nu poate apărea în codurile de programare, care nu folosesc O, I, L, S, B, Z, 0 sau 1: verifică chitanța
lookup_not_found = Nicio programare nu corespunde acestui cod fiscal și acestui cod de programare. Verifică-le pe amândouă pe chitanță
lookup_button = Arată programarea
cancel_title = Anulează programarea
cancel_intro = Anulând, eliberezi locul pentru altcineva care așteaptă.
reason_legend = De ce anulezi?
reasons-0 = Nu mai am nevoie de prestație
reasons-1 = Nu pot la acea dată
reasons-2 = M-am programat în altă parte
reasons-3 = Din alt motiv
reason_required = Alege de ce anulezi
reason_details_label = Vrei să adaugi ceva?
cancel_button = Anulează programarea
keep_booking = Nu anula: înapoi la programare
too_late = Nu mai poate fi modificată online: ultima zi a fost { $d }. Dacă nu poți veni, anunță unitatea sau sună la CUP
not_active = Această programare nu mai este activă.
move_title = Mută programarea
move_intro = Acum este programată pentru { $w }. Alege noul loc: cel actual rămâne al tău până la confirmarea celui nou.
move_confirm_title = Confirmă mutarea
move_from = Programarea actuală
move_to = Noul loc
move_button = Mută programarea
waitlist_title = Ești pe lista de așteptare
waitlist_body = Îți vom oferi primul loc care se eliberează sau se deschide până la { $d }. Îl vom ține pentru tine 24 de ore: dacă ai lăsat un contact te anunțăm, altfel revino aici cu codul fiscal și numărul rețetei.
waitlist_since = Pe listă din { $d }.
times_title = Timpi de așteptare
times_intro = Prima dată disponibilă pentru fiecare prestație la fiecare unitate din Toscana. Pentru a programa ai nevoie de o rețetă electronică.
first_by_area = Prima dată disponibilă pe zone
first_by_facility = Prima dată disponibilă pe unități
no_date = niciun loc liber în calendar
updated_at = Date actualizate la { $t }.
book_cta = Programează cu rețeta
times_service_link = Vezi timpii de așteptare
reason_too_long = Motivul poate avea cel mult 500 de caractere
stale_notice = Aceste date sunt din { $t }: momentan nu le putem actualiza. Situația reală poate fi diferită.
area_times_title = { $s }: primele locuri libere în zona { $a }
first_slots_heading = Primele locuri libere
area_details = Primele locuri
no_free_slots = Niciun loc liber în calendar în această zonă.
waiting_room_title = Sală de așteptare virtuală
waiting_room_intro = În acest moment foarte multe persoane fac programări. Pentru a nu bloca serviciul, se intră pe rând, în ordinea sosirii. Nu închide această pagină: se actualizează singură și te lasă să intri când îți vine rândul.
waiting_room_position =
    { $ahead ->
        [0] Urmezi tu.
        [one] În fața ta este { $ahead } persoană.
        [few] În fața ta sunt { $ahead } persoane.
       *[other] În fața ta sunt { $ahead } de persoane.
    }
waiting_room_eta =
    { $m ->
        [0] Așteptare estimată: sub un minut.
        [1] Așteptare estimată: sub un minut.
        [few] Așteptare estimată: aproximativ { $m } minute.
       *[other] Așteptare estimată: aproximativ { $m } de minute.
    }
waiting_room_refresh =
    { $s ->
        [one] Pagina se actualizează în fiecare secundă.
        [few] Pagina se actualizează la fiecare { $s } secunde.
       *[other] Pagina se actualizează la fiecare { $s } de secunde.
    }
waiting_room_times = Între timp poți consulta timpii de așteptare și prima dată liberă a fiecărei prestații, fără așteptare.
waiting_room_joining = Îți dăm locul la rând: rămâi pe această pagină, peste o clipă se actualizează singură și îți arată poziția.
waiting_room_line =
    { $n ->
        [0] În acest moment nu este nimeni la rând.
        [one] În acest moment la rând este { $n } persoană.
        [few] În acest moment la rând sunt { $n } persoane.
       *[other] În acest moment la rând sunt { $n } de persoane.
    }
waiting_room_limited_title = Prea multe cereri de pe această conexiune
waiting_room_limited = De pe această conexiune au sosit, în scurt timp, prea multe cereri de intrare în sala de așteptare. Nu e nevoie să reîncarci: pagina reîncearcă singură.
waiting_room_retry =
    { $s ->
        [one] O nouă încercare peste o secundă.
        [few] O nouă încercare peste { $s } secunde.
       *[other] O nouă încercare peste { $s } de secunde.
    }
staff_area = Zona personalului
login_title = Autentificarea personalului
login_intro = Doar pentru personalul CUP, al farmaciilor și al autorității sanitare.
username_label = Nume de utilizator
password_label = Parolă
login_button = Autentificare
login_failed = Nume de utilizator sau parolă greșite, sau contul este blocat după prea multe încercări. Încearcă mai târziu; dacă ai uitat parola, întreabă-ți superiorul
login_required = Introdu numele de utilizator și parola
logout_button = Ieșire
signed_in_as = { $n } ({ $r })
role_names-0 = operator
role_names-1 = supervizor
role_names-2 = administrator
console_title = Consola operatorului
console_slots_title = Locuri libere
console_slots_intro = Toate locurile libere ale prestației, inclusiv cele rezervate operatorilor și urgențelor.
service_code_label = Codul sau numele prestației
show_slots_button = Arată locurile
reserved_for = Rezervat pentru: { $w }
unknown_service = Nicio prestație cu acest cod sau nume
form_expired = Formularul a expirat: încearcă din nou
forbidden_title = Pagină nepermisă
forbidden_body = Rolul tău nu permite această pagină. Dacă ai nevoie de ea, întreabă-ți superiorul.
conflict_title = Între timp s-a schimbat ceva
conflict_body = În timp ce completai pagina, lucrurile s-au schimbat (de exemplu locul a fost luat sau programarea s-a modificat). Nu s-a făcut nimic: reia de la pagina anterioară.
unprocessable_title = Această cerere nu poate fi îndeplinită
unprocessable_body = Această cerere nu poate fi îndeplinită așa cum este. Nu s-a făcut nimic: întoarce-te și alege altă opțiune.
channel_names-0 = portal
channel_names-1 = aplicație
channel_names-2 = chioșcuri în farmacii
channel_names-3 = operatori
priority_reservation = prioritatea { $p }
first_date_column = Prima dată
weekdays-0 = luni
weekdays-1 = marți
weekdays-2 = miercuri
weekdays-3 = joi
weekdays-4 = vineri
weekdays-5 = sâmbătă
weekdays-6 = duminică
months-0 = ianuarie
months-1 = februarie
months-2 = martie
months-3 = aprilie
months-4 = mai
months-5 = iunie
months-6 = iulie
months-7 = august
months-8 = septembrie
months-9 = octombrie
months-10 = noiembrie
months-11 = decembrie
console_nav_label = Funcțiile consolei
console_home_link = Meniul consolei
console_home_intro = Alege ce vrei să faci. Fiecare acces la datele unui cetățean este înregistrat cu numele tău și motivul.
menu_find_citizen = Caută un cetățean
menu_find_citizen_text = După codul fiscal: rețete, programări și lista de așteptare; programează, mută sau anulează pentru el.
menu_current_citizen = Înapoi la fișa deschisă
menu_current_citizen_text = Fișa cetățeanului pe care îl servești.
menu_slots_text = Toate locurile libere ale unei prestații, inclusiv cele rezervate.
menu_audit_text = Cine a consultat sau a modificat datele cetățenilor, când și de ce.
menu_agendas = Agende
menu_agendas_text = Agendele unităților, generarea locurilor și suspendările.
citizen_search_title = Caută un cetățean
citizen_search_intro = Introdu codul fiscal și motivul pentru care ai nevoie de fișă. Accesul este înregistrat cu numele tău.
access_reason_label = Motivul accesului
access_reason_choose = Alege motivul
access_reasons-0 = Apel telefonic al cetățeanului
access_reasons-1 = Cetățean la ghișeu
access_reasons-2 = Cerere din partea unei farmacii
access_reasons-3 = Apel înapoi către cetățean
access_note_label = Note despre motiv
access_note_hint = Cel mult 200 de caractere. Nu scrie date de sănătate.
access_reason_required = Alege motivul accesului
access_note_too_long = Notele pot avea cel mult 200 de caractere
citizen_not_found = Niciun pacient cu acest cod fiscal: verifică-l cu cetățeanul
citizen_search_button = Deschide fișa
citizen_record_title = Fișa cetățeanului
citizen_record_reason = Motivul accesului: { $r }
citizen_name_label = Nume
citizen_born_label = Data nașterii
close_record_button = Închide fișa
another_citizen_link = Caută alt cetățean
prescriptions_heading = Rețete
no_prescriptions = Nicio rețetă pentru acest cetățean.
nre_column = NRE
prescribed_on_column = Prescrisă pe
rx_status_names-0 = De programat
rx_status_names-1 = Programată
rx_status_names-2 = Expirată
rx_status_names-3 = Retrasă
rx_status_names-4 = Deja efectuată
rx_status_names-5 = Pe lista de așteptare
actions_column = Acțiuni
book_for_link = Programează
bookings_heading = Programări
no_bookings = Nicio programare pentru acest cetățean.
open_link = Deschide
print_short_link = Retipărește
move_short_link = Mută
cancel_short_link = Anulează
waiting_heading = Lista de așteptare
no_waiting = Nicio cerere pe lista de așteptare.
waiting_since_column = În așteptare din
waiting_status_names-0 = În așteptare
waiting_status_names-1 = Loc oferit
waiting_status_names-2 = Programată
waiting_status_names-3 = Expirată
waiting_status_names-4 = Retrasă
console_book_title = Programează pentru cetățean
console_book_intro = Locuri libere pentru canalul operatorilor, inclusiv cele rezervate, cele mai devreme primele. După ce alegi un loc, verifică-l cu cetățeanul înainte de a-l programa.
console_move_intro = Programarea este acum { $w }. Alege noul loc: mutarea este imediată.
book_slot_button = Programează acest loc
move_slot_button = Mută aici
console_receipt_title = Programare
console_booked_notice = Programat. Citește cetățeanului codul programării sau tipărește chitanța.
console_change_until_start = Ca operator o poți muta sau anula până la începutul programării.
console_change_closed = Această programare nu mai poate fi mutată sau anulată.
back_to_record = Înapoi la fișa cetățeanului
console_cancel_legend = De ce anulează cetățeanul?
keep_booking_console = Nu anula: înapoi la programare
form_expired_body = Formularul a expirat sau nu provine din această consolă, așa că nu s-a făcut nimic. Întoarce-te la pagină și încearcă din nou.
audit_title = Registrul acceselor
audit_intro = Cine a consultat sau a modificat datele cetățenilor, când, prin ce canal și de ce, cele mai recente primele. Și această căutare este înregistrată.
audit_filters_legend = Caută în registru
audit_staff_label = Numele de utilizator al angajatului
audit_from_label = De la
audit_to_label = Până la
audit_date_hint = De exemplu 24/12/2026. Opțional.
audit_date_invalid = Data nu este validă: scrie-o ca 24/12/2026
audit_dates_reversed = Ziua de sfârșit este înaintea zilei de început
audit_unknown_staff = Niciun angajat nu are acest nume de utilizator
audit_action_label = Acțiunea
audit_any_action = Toate acțiunile
audit_action_names-0 = Fișa cetățeanului consultată
audit_action_names-1 = Programare consultată
audit_action_names-2 = Programare făcută
audit_action_names-3 = Programare anulată
audit_action_names-4 = Programare mutată
audit_action_names-5 = Căutare în registru
audit_action_names-6 = Prezentare la consultație (ghișeu)
audit_action_names-7 = Neprezentare (ghișeu)
audit_action_names-8 = Mesaj repus la coadă
audit_action_names-9 = Autentificarea personalului
audit_action_names-10 = Autentificare eșuată a personalului
audit_action_names-11 = Loc oferit de pe lista de așteptare
audit_action_names-12 = Agendă creată
audit_action_names-13 = Rând adăugat în model
audit_action_names-14 = Locuri generate
audit_action_names-15 = Locuri suplimentare
audit_action_names-16 = Agendă suspendată
audit_search_button = Caută
audit_results_heading = Înregistrări
audit_export_fhir = Descarcă aceste rezultate ca FHIR AuditEvent (JSON)
audit_no_results = Nicio înregistrare nu corespunde căutării.
audit_when_column = Când
audit_who_column = Cine
audit_channel_column = Canal
audit_action_column = Acțiune
audit_citizen_column = Cetățean
audit_booking_column = Programare
audit_reason_column = Motiv
audit_actor_citizen = Cetățeanul
console_within_deadline = În termenul priorității
console_beyond_deadline = După termenul priorității
audit_actor_system = Sistemul
menu_desk_text = Consultațiile zilei la unitate: marchează cine a venit și cine nu.
desk_title = Ghișeu: consultațiile zilei
desk_intro = Pentru fiecare consultație confirmată, marchează dacă persoana a venit. Consultațiile se marchează începând din ziua lor; un marcaj se poate corecta doar în ziua în care a fost făcut.
desk_ticket_note = Cine nu vine și nu a anulat la timp poate fi nevoit să plătească tichetul (ticket) chiar dacă este scutit, conform regulilor regionale: consultația rămâne marcată „ticket datorat”.
desk_facility_label = Unitatea
desk_facility_required = Alege o unitate
desk_day_label = Ziua
desk_day_invalid = Data nu este validă: scrie-o ca 24/12/2026
desk_show_button = Arată consultațiile
desk_caption = Consultațiile din { $day } la { $facility }
desk_no_visits = Nicio consultație programată în această zi.
desk_time_column = Ora
desk_code_column = Cod
desk_patient_column = Persoana
desk_service_column = Prestația
desk_status_column = Starea
desk_action_column = Marchează
desk_attended_button = Prezent
desk_no_show_button = Absent
desk_not_yet = Din ziua consultației
desk_ticket_due = ticket datorat
desk_marked_notice = Consultație marcată.
menu_deliveries_text = Mesajele către cetățeni: câte în fiecare stare, cele nelivrate și repunerea lor la coadă.
dl_title = Livrarea mesajelor
dl_intro = Mesajele către cetățeni pe tip, canal și stare, și cele eșuate sau încă în așteptare. Un mesaj eșuat poate fi repus la coadă. Destinatarii sunt mascați; textele nu sunt afișate niciodată.
dl_channels_heading = Canale
dl_channel_configured =
    { $configured ->
        [yes] { $channel }: configurat
        [no] { $channel }: neconfigurat, mesajele rămân în așteptare
       *[unknown] { $channel }: configurație necunoscută
    }
dl_oldest_pending =
    { $unit ->
        [seconds] Cel mai vechi mesaj în așteptare așteaptă de { $amount } secunde.
        [minutes] Cel mai vechi mesaj în așteptare așteaptă de { $amount } minute.
        [hours] Cel mai vechi mesaj în așteptare așteaptă de { $amount } ore.
       *[none] Niciun mesaj în așteptare.
    }
dl_counts_heading = Mesaje pe stare
dl_counts_caption = Mesaje pe tip, canal și stare
dl_no_messages = Niciun mesaj.
dl_list_heading = Mesaje eșuate și în așteptare
dl_list_caption = Mesaje eșuate și în așteptare, cele mai recente primele
dl_no_undelivered = Niciun mesaj eșuat sau în așteptare.
dl_id_column = Număr
dl_kind_column = Tip
dl_channel_column = Canal
dl_recipient_column = Destinatar
dl_state_column = Stare
dl_attempts_column = Încercări
dl_error_column = Ultima eroare
dl_created_column = Scris
dl_next_column = Următoarea încercare
dl_action_column = Acțiune
dl_retry_button = Repune la coadă
dl_retried_notice = Mesajul a fost repus la coadă.
dl_not_retried_notice = Mesajul nu eșuase: nu s-a schimbat nimic.
dl_kind_names-0 = Confirmarea programării
dl_kind_names-1 = Mutare
dl_kind_names-2 = Anulare
dl_kind_names-3 = Loc oferit
dl_kind_names-4 = Memento
dl_kind_names-5 = Agendă suspendată
dl_state_names-0 = În așteptare
dl_state_names-1 = Trimise
dl_state_names-2 = Eșuate
dl_state_names-3 = Fără contact
dl_channel_names-0 = SMS
dl_channel_names-1 = E-mail
dl_channel_names-2 = Niciunul
bo_yes = da
bo_no = nu
bo_choose = Alege…
bo_agendas_title = Agende
bo_agendas_intro = Agendele fiecărei unități. Aici se generează locurile din modelul săptămânal, se adaugă locuri suplimentare și se suspendă zile: listele nu sunt niciodată închise.
bo_new_agenda_link = Agendă nouă
bo_filters_legend = Filtrează agendele
bo_facility_label = Unitatea
bo_any_facility = Toate unitățile
bo_any_service = Toate prestațiile
bo_filter_button = Arată agendele
bo_facilities_caption = Unitățile și numărul lor de agende
bo_agendas_count_column = Agende
bo_no_agendas = Nicio agendă nu corespunde acestor filtre.
bo_label_label = Numele agendei
bo_label_hint = De exemplu „Cabinet 2” sau numele medicului, cel mult 80 de caractere.
bo_slot_minutes_column = Durata locului (minute)
bo_slot_minutes_label = Durata unui loc, în minute
bo_slot_minutes_hint = Un număr de la 5 la 240.
bo_active_column = Activă
bo_new_agenda_title = Agendă nouă
bo_new_agenda_intro = O agendă este programul unei prestații la o unitate (o sală sau un medic). După creare, adaugă modelul săptămânal și generează locurile.
bo_create_button = Creează agenda
bo_back_to_agendas = Înapoi la lista agendelor
bo_agenda_title = Agenda „{ $label }”, { $facility }
bo_templates_heading = Modelul săptămânal
bo_templates_caption = Orele săptămânale din care se generează locurile
bo_no_templates = Modelul este gol: fără ore de program nu se pot genera locuri.
bo_weekday_label = Ziua săptămânii
bo_hours_column = Orar
bo_reservation_column = Locuri rezervate pentru
bo_validity_column = Valabilitate
bo_validity =
    { $to ->
        [none] de la { $from }, fără sfârșit
       *[other] de la { $from } până la { $to }
    }
bo_no_reservation = toți
bo_no_reservation_choice = Fără rezervare: locuri pentru toți
bo_template_legend = Adaugă un interval orar în model
bo_start_label = Ora de început
bo_end_label = Ora de sfârșit
bo_time_hint = Ore și minute, de exemplu 8:30.
bo_reservation_label = Rezervarea locurilor
bo_valid_from_label = Valabil de la
bo_valid_to_label = Valabil până la
bo_valid_to_hint = Zi, lună și an, de exemplu 30/6/2026. Lasă gol dacă orarul nu are sfârșit.
bo_date_hint = Zi, lună și an, de exemplu 24/12/2026.
bo_add_template_button = Adaugă intervalul orar
bo_days_heading = Următoarele 14 zile
bo_days_caption = Locurile fiecărei zile: libere, programate și suspendate
bo_no_days = Niciun loc în următoarele 14 zile.
bo_day_column = Ziua
bo_free_column = Libere
bo_booked_column = Programate
bo_suspended_column = Suspendate
bo_slots_heading = Locuri
bo_generate_legend = Generează locuri din model
bo_generate_hint = Creează locurile perioadei din modelul săptămânal, cel mult 366 de zile odată (fără sărbătorile legale). Locurile existente nu se dublează; cele noi sunt oferite întâi persoanelor de pe lista de așteptare.
bo_from_label = De la
bo_to_label = Până la
bo_generate_button = Generează locurile
bo_extra_legend = Adaugă locuri suplimentare
bo_extra_hint = Locuri suplimentare într-o zi, unul după altul de la ora dată, cu durata locurilor agendei. Sunt oferite întâi persoanelor de pe lista de așteptare.
bo_count_label = Numărul de locuri
bo_count_hint = De la 1 la 48; gol înseamnă un loc.
bo_extra_button = Adaugă locurile
bo_suspend_legend = Suspendă o zi sau o perioadă
bo_suspend_hint = Locurile perioadei sunt suspendate, niciodată șterse. Fiecare programare este mutată la primul loc liber al aceleiași prestații în termenul priorității sale (la aceeași unitate, apoi în aceeași zonă, apoi oriunde în regiune); dacă nu există, este anulată și rețeta intră pe lista de așteptare. Fiecare persoană afectată primește un mesaj cu motivul.
bo_suspend_to_hint = Lasă gol pentru a suspenda o singură zi.
bo_reason_label = Motivul suspendării
bo_reason_hint = Obligatoriu, cel mult 160 de caractere, fără date personale: apare pe pagina publică a suspendărilor și în mesajul către persoanele afectate.
bo_suspend_button = Suspendă
bo_facility_required = Alege unitatea
bo_service_required = Alege prestația
bo_label_required = Introdu numele agendei
bo_label_too_long = Numele agendei poate avea cel mult 80 de caractere
bo_label_taken = Această unitate are deja o agendă cu acest nume pentru aceeași prestație: alege alt nume
bo_minutes_invalid = Durata locului este un număr de minute de la 5 la 240
bo_weekday_required = Alege ziua săptămânii
bo_time_invalid = Introdu ora ca 8:30, de la 0:00 la 24:00
bo_end_before_start = Ora de sfârșit trebuie să fie după ora de început, lăsând loc pentru cel puțin un loc de { $m } minute
bo_reservation_invalid = Alege una dintre rezervările propuse
bo_template_overlap = Acest orar se suprapune cu alt orar din aceeași zi a săptămânii, cu o valabilitate comună
bo_date_required = Introdu data
bo_date_invalid = Introdu data ca 24/12/2026
bo_date_past = Data nu poate fi în trecut
bo_date_far = Data este prea îndepărtată: cel mult doi ani de azi
bo_to_before_from = Data de sfârșit nu poate fi înaintea celei de început
bo_period_too_long = Perioada poate dura cel mult 366 de zile
bo_count_invalid = Numărul de locuri este un număr de la 1 la { $n }
bo_extra_midnight = Locurile trebuie să se termine până la miezul nopții: adaugă mai puține sau începe mai devreme
bo_extra_past = Primul loc trebuie să înceapă mai târziu decât acum
bo_reason_required = Introdu motivul suspendării
bo_reason_too_long = Motivul poate avea cel mult { $n } caractere
bo_created_notice = Agendă creată. Acum adaugă modelul săptămânal și generează locurile.
bo_template_added = Interval orar adăugat în model.
bo_generated = Locuri generate: { $created } noi, { $existing } existau deja (nedublate), { $offered } oferite persoanelor de pe lista de așteptare.
bo_extra_added = Locuri suplimentare adăugate: { $created } noi, { $existing } existente sau suprapuse, { $offered } oferite persoanelor de pe lista de așteptare.
bo_suspended_notice = Suspendare înregistrată: { $slots } locuri suspendate, { $moved } programări mutate, { $waitlisted } programări anulate cu rețeta pusă pe lista de așteptare. Persoanele afectate vor primi un mesaj.
tr_link = Date de transparență: timpii de așteptare pe clase de prioritate, cu date deschise
tr_title = Timpi de așteptare pe clase de prioritate: { $place }
tr_intro = Pentru fiecare prestație și clasă de prioritate: prima dată disponibilă, așteptarea mediană a programărilor din ultimele 90 de zile (de la data rețetei la cea a programării) și câte au fost programate în timpul maxim garantat.
tr_law = Publicat conform art. 41 alin. 6 din Decretul legislativ italian 33/2013 și actualizat la fiecare 10 minute.
tr_show_button = Arată timpii de așteptare
tr_no_data = Nicio prestație nu are date în această zonă.
tr_class_column = Clasa de prioritate
tr_max_wait_column = Așteptare maximă garantată
tr_first_column = Prima dată disponibilă
tr_median_column = Așteptare mediană (zile)
tr_bookings_column = Programările din ultimele { $d } zile
tr_within_column = În timpul maxim
tr_class_names-0 = U (urgentă)
tr_class_names-1 = B (scurtă)
tr_class_names-2 = D (amânată)
tr_class_names-3 = P (programată)
tr_days =
    { $d ->
        [one] { $d } zi
        [few] { $d } zile
       *[other] { $d } de zile
    }
tr_none = fără date
tr_open_data_heading = Date deschise
tr_open_data_intro = Aceleași date pentru fiecare zonă în CSV (UTF-8, separat prin virgulă, zecimale cu punct, celule goale unde o valoare nu există) și JSON. Rândurile cu area_id gol privesc întreaga regiune. Coloanele:
tr_open_data_short = Aceleași date pentru toate zonele, de descărcat:
tr_columns_link = Ce conține fiecare coloană
tr_columns_title = Date deschise despre timpii de așteptare: coloanele
tr_csv_link = Descarcă CSV
tr_json_link = Descarcă JSON
tr_column_docs-0 = codul prestației în catalogul național
tr_column_docs-1 = numele prestației (în italiană)
tr_column_docs-2 = consultație sau analiză
tr_column_docs-3 = identificatorul zonei; gol pentru întreaga regiune
tr_column_docs-4 = numele zonei, sau Toscana
tr_column_docs-5 = clasa de prioritate a rețetei: U, B, D sau P
tr_column_docs-6 = așteptarea maximă garantată a clasei, în zile de la data rețetei
tr_column_docs-7 = prima zi cu un loc liber pe care clasa îl poate programa online (AAAA-LL-ZZ)
tr_column_docs-8 = așteptarea mediană în zile, de la rețetă la programare, a programărilor din ultimele 90 de zile
tr_column_docs-9 = numărul programărilor făcute în ultimele 90 de zile (fără cele anulate)
tr_column_docs-10 = procentul acestor programări stabilite în timpul maxim garantat
tr_column_docs-11 = consultațiile din ultimele 90 de zile la care persoana a venit (marcate de ghișeu)
tr_column_docs-12 = consultațiile din ultimele 90 de zile ratate fără anulare
tr_column_docs-13 = rata de neprezentare în procente: ratate / (prezente + ratate); goală fără consultații marcate
tr_no_show_heading = Consultații ratate fără anulare
tr_no_show_intro = Câte consultații din ultimele { $d } zile s-au pierdut pentru că persoana nici nu a venit, nici nu a anulat. Rata se calculează pe consultațiile marcate de ghișeu: ratate împărțit la (prezente + ratate).
tr_no_show_caption = Neprezentări pe prestație
tr_service_column = Prestația
tr_attended_column = Prezente
tr_no_show_column = Ratate
tr_no_show_rate_column = Rata de neprezentare
tr_total_row = Toate prestațiile
kiosk_title = Programare la farmacie
kiosk_intro = Programează o consultație sau o analiză cu rețeta ta, sau găsește o programare. Atinge una dintre cele două opțiuni.
kiosk_book_text = Ai nevoie de codul fiscal (codice fiscale) și de numărul rețetei (NRE).
kiosk_mine_text = Ai nevoie de codul fiscal (codice fiscale) și de codul programării.
kiosk_privacy = Acesta este un terminal comun: când termini, atinge „Termină și șterge datele mele”. După câteva minute fără activitate sesiunea se încheie singură și nimic de-al tău nu rămâne pe acest terminal.
kiosk_ended = Sesiune încheiată: ce ai introdus a fost șters de pe acest terminal.
kiosk_end_button = Termină și șterge datele mele
kiosk_idle_title = Mai ești aici?
kiosk_idle_text = Pentru a-ți proteja datele, sesiunea se va încheia în { $s } secunde și ce ai introdus va fi șters.
kiosk_continue = Da, continui
print_now = Tipărește chitanța
sources_intro = De unde provin unitățile și prestațiile regiunii demonstrative, cu limitele fiecărei date. Documentul este în engleză.
sources_parts = Părțile documentului
sources_part_names-0 = Prezentare și limite
sources_part_names-1 = Unități sanitare
sources_part_names-2 = Prestații

## Date și sume: ziua scrisă în litere, o zi și o oră, o sumă în euro.
long_date = { $weekday }, { $day } { $month } { $year }
date_time = { $date }, ora { $time }
money = { $euros },{ $cents } €

# Issue 14: the journey (where first, help, back links, lost code, hold), the receipt, the operator console.
from_past = Data a trecut deja: scrie data de azi sau o zi care urmează, de exemplu 24/12/2026
order_legend = Ordinea locurilor
order_earliest = Cele mai devreme primele
order_nearest = Cele mai apropiate de localitatea ta primele
slots_heading_nearest = Locuri disponibile, cele mai apropiate de localitatea ta primele
home_label = Localitatea ta
home_hint = Pentru a-ți arăta întâi zona ta și distanța până la fiecare unitate. Dacă nu ai ales-o, o luăm din localitatea de naștere din codul fiscal: schimb-o dacă locuiești în altă parte.
home_unknown = Alege localitatea ta
nearest_needs_home = Pentru a vedea întâi locurile cele mai apropiate, alege localitatea ta: între timp sunt afișate cele mai devreme primele
town_not_in_area = { $town } nu este în zona { $area }: îți arătăm locurile din { $town }. Pentru altă localitate, alege întâi zona ei
km_from = la aproximativ { $km } km de { $town }
not_changeable_online = Odată programat, locul nu mai poate fi mutat sau anulat online
late_slots_heading = Locuri în cel mult două zile lucrătoare
late_slots_intro = Aceste locuri sunt mai apropiate în timp, dar odată programate nu mai pot fi mutate sau anulate online: pentru asta va trebui să suni la CUP (centrul unic de programări).
help_heading = Ai nevoie de ajutor?
help_call = Sună la CUP (centrul unic de programări):
help_hours = Program: { $hours }
check_heading = Verifică datele înainte de a confirma
patient_label = Pacient
date_label = Data
time_label = Ora
online_change_label = Mutare sau anulare online
changeable_until = Da, până la { $day }
change_link = Modifică
hold_renewed = Timpul pentru confirmare expirase, dar locul era încă liber: îl păstrăm din nou pentru tine până la ora { $time }. Ce ai scris a rămas.
extend_button = Am nevoie de mai mult timp
extend_refused = Nu se mai poate acorda timp pentru acest loc: confirmă-l acum sau alege altul.
hold_warning = Au mai rămas aproximativ 2 minute: apoi locul nu va mai fi păstrat pentru tine.
lost_code_link = Ai pierdut codul programării?
lost_code_title = Găsește o programare fără cod
lost_code_intro = Scrie codul fiscal al persoanei care va fi consultată și numărul rețetei (NRE) cu care ai programat: le găsești pe foaia rețetei. Dacă acea rețetă are o programare activă, îți arătăm chitanța cu codul programării. Sunt aceleași date care trebuie pentru a programa: nu îți arătăm nimic ce nu ai vedea deja programând.
lost_code_button = Găsește programarea
lost_code_not_found = Nicio programare activă nu corespunde acestui cod fiscal și acestui număr de rețetă. Verifică-le pe amândouă pe foaia rețetei.
area_empty_widened = În zona { $area } nu sunt locuri libere pentru această prestație: îți arătăm locurile din toată Toscana.
receipt_cancelled_title = Programare anulată
receipt_cancelled_on = Anulată pe { $d }.
receipt_cancel_reason_label = Motiv
receipt_cancelled_body = Această programare nu mai este valabilă: nu te prezenta. Dacă încă ai nevoie de ea, poți face o nouă programare cu aceeași rețetă.
receipt_closed_title = Programare încheiată
print_cancelled_title = Dovadă de anulare
print_button = Tipărește
console_choose_slot = Alege acest loc
console_confirm_title = Verifică și programează
console_confirm_intro = Nu este încă programat. Citește-i cetățeanului ziua, ora și locul, cere-i datele de contact pentru mementouri, apoi programează.
console_back_to_slots = Înapoi la locuri
console_change_online_until = Cetățeanul o va putea muta sau anula online până la { $d }.
console_change_online_closed = Este prea aproape: cetățeanul nu o va putea muta sau anula online, ci doar sunând la CUP.
console_contacts_hint = Pentru confirmare și mementouri. Dacă sunt cunoscute în registrul de evidență a populației, sunt deja completate: verifică-le cu cetățeanul.

## guarantee
gt_ask_button = Cere procedura de garanție
gt_title = Procedura de garanție (percorso di tutela)
gt_what = Dacă nicio programare nu respectă termenul rețetei tale, autoritatea sanitară trebuie totuși să îți asigure prestația până la { $d }: la altă unitate, la alt furnizor sau în regim privat cu un medic al spitalului (intramoenia). Plătești doar ticketul, ca întotdeauna.
gt_how = Trimite-ne cererea: un operator CUP caută o soluție și te contactează.
gt_where_legend = Unde ai prefera să mergi
gt_where_hint = Opțional: lasă gol dacă îți convine oriunde.
gt_contacts_hint = Cum te contactăm. Dacă lași gol, folosim datele de contact pe care registrul sanitar le are deja.
gt_send_button = Trimite cererea
gt_slot_in_time = Există încă o programare în termen, de la { $d }: rezerv-o. Procedura de garanție se cere doar când nicio programare nu respectă termenul.
gt_to_slots = Vezi programările libere
gt_not_possible = Pentru această rețetă nu se poate cere procedura de garanție: este deja programată, nu mai este valabilă sau termenul a trecut.
gt_filed_title = Cerere trimisă
gt_reference = Referința cererii: { $r }
gt_next = Un operator CUP te va contacta în { $n ->
        [one] { $n } zi lucrătoare
        [few] { $n } zile lucrătoare
       *[other] { $n } de zile lucrătoare
    }, și oricum înainte de { $d }, pentru a-ți propune cum să faci prestația la timp. Plătești doar ticketul.
gt_keep_reference = Păstrează referința: îți trebuie dacă suni la CUP.
gt_console_link = Procedura de garanție
gt_console_intro = Nicio programare nu respectă termenul: cere procedura de garanție pentru cetățean. Întreabă-l unde ar prefera să meargă și cum să fie contactat.
gt_console_filed = Procedura de garanție cerută: referința { $r }. Comunic-o cetățeanului.
gt_list_title = Proceduri de garanție
gt_list_intro = Cererile celor care nu au găsit programare în termen, de la termenul cel mai apropiat. Deschide o cerere pentru datele de contact ale cetățeanului (citirea este înregistrată) și pentru a înregistra cum s-a încheiat.
gt_states-0 = Deschise
gt_states-1 = Închise
gt_reference_column = Referință
gt_time_column = Timp
gt_where_column = Unde
gt_filed_column = Cerută
gt_outcome_column = Rezultat
gt_days_left =
    { $n ->
        [one] mai este { $n } zi
        [few] mai sunt { $n } zile
       *[other] mai sunt { $n } de zile
    }
gt_due_today = expiră azi
gt_overdue =
    { $n ->
        [one] DEPĂȘITĂ cu { $n } zi
        [few] DEPĂȘITĂ cu { $n } zile
       *[other] DEPĂȘITĂ cu { $n } de zile
    }
gt_anywhere = oriunde
gt_via-0 = online
gt_via-1 = de un operator
gt_none_open = Nicio cerere deschisă.
gt_none_closed = Nicio cerere închisă.
gt_open_link = Deschide
gt_detail_title = Cererea { $r }
gt_citizen_label = Cetățean
gt_contact_label = Contacte
gt_contact_registry = din registru
gt_no_contact = niciun contact
gt_outcome_legend = Cum s-a încheiat
gt_outcomes-0 = S-a găsit o programare la timp (rezervată)
gt_outcomes-1 = În regim privat (intramoenia) la prețul ticketului
gt_outcomes-2 = La alt furnizor
gt_outcomes-3 = Retrasă de cetățean
gt_booking_code_label = Codul programării
gt_booking_code_hint = Doar dacă s-a găsit o programare: codul programării făcute cu această rețetă.
gt_note_label = Notă
gt_note_hint = Opțională, cel mult { $n } caractere. Fără date medicale.
gt_record_button = Înregistrează rezultatul
gt_outcome_missing = Alege cum s-a încheiat.
gt_booking_missing = Scrie codul programării găsite.
gt_booking_unknown = Nicio programare activă a acestei rețete nu are acest cod.
gt_note_long = Nota este prea lungă: cel mult { $n } caractere.
gt_already_closed = Această cerere este deja închisă.
gt_recorded = Rezultat înregistrat pentru cererea { $r }.
gt_decided = Închisă de { $who } pe { $d }.
gt_tr_heading = Proceduri de garanție
gt_tr_intro = Cererile celor care nu au găsit programare în termen: cerute și închise în ultimele { $days } zile, deschise azi (toată Toscana).
gt_tr_count_column = Cereri
gt_tr_rows-0 = Cerute
gt_tr_rows-1 = Închise cu o programare la timp
gt_tr_rows-2 = Închise cu intramoenia
gt_tr_rows-3 = Închise la alt furnizor
gt_tr_rows-4 = Retrase
gt_tr_rows-5 = Deschise
gt_tr_rows-6 = Deschise după termen
gt_menu_text = Cererile deschise, de la termenul cel mai apropiat, și rezultatul lor.
## suspensions
su_reason_kind_label = Tipul motivului
su_reason_kind_required = Alegeți tipul motivului suspendării
su_reason_names-0 = Aparatură defectă sau în întreținere
su_reason_names-1 = Personal absent
su_reason_names-2 = Spații indisponibile
su_reason_names-3 = Altul
su_period = de la { $from } până la { $to }
su_menu_text = Agendele suspendate, motivul și ce s-a întâmplat cu fiecare programare.
su_report_title = Suspendările agendelor
su_report_intro = Fiecare suspendare, de la cea mai recentă: agenda, perioada, motivul, cine a decis-o și când, și ce s-a întâmplat cu programările.
su_report_caption = Suspendări, de la cea mai recentă
su_none_report = Nicio suspendare înregistrată.
su_agenda_column = Agendă
su_period_column = Perioadă
su_reason_column = Motiv
su_by_column = Cine și când
su_slots_column = Locuri suspendate
su_moved_column = Programări mutate
su_waitlisted_column = Puse pe lista de așteptare
su_rebooked_column = Reprogramate ulterior
su_count_column = Suspendări
su_detail_title = Suspendarea agendei { $agenda }, { $facility }
su_detail_intro = Ce s-a întâmplat cu fiecare programare de pe locurile suspendate. Se afișează codurile programărilor, nu nume sau coduri fiscale; această consultare este înregistrată.
su_counts_label = În total
su_counts = { $slots } locuri suspendate, { $moved } programări mutate, { $waitlisted } puse pe lista de așteptare, dintre care { $rebooked } reprogramate ulterior.
su_audit_column = Registru
su_audit_button = Căutați în registru
su_audit_gone = Înregistrare care nu mai este păstrată
su_no_bookings = Nicio programare nu era pe locurile suspendate.
su_bookings_heading = Programările
su_bookings_caption = Programări pe locurile suspendate, după programarea inițială
su_booking_column = Programare
su_previous_column = Programarea inițială
su_outcome_column = Rezultat
su_message_column = Mesaj
su_outcome_moved = Mutată pe { $when }, { $place }
su_outcome_waitlisted = Anulată, rețeta pe lista de așteptare
su_since_rebooked = reprogramată ulterior
su_since_unknown = stare indisponibilă
su_no_message = Niciun mesaj
su_back_to_report = Înapoi la suspendări
su_public_title = Agende suspendate
su_public_area_title = Agende suspendate: { $area }
su_public_intro = Când o agendă este suspendată (o defecțiune, un medic absent), listele nu se închid: fiecare programare este mutată pe primul loc liber în termenul priorității sale sau, dacă nu există, rețeta revine pe lista de așteptare. Fără date personale.
su_public_areas_caption = Suspendările din ultimele { $days } zile, pe zone
su_public_list_caption = Suspendările din ultimele { $days } zile
su_public_none = Nicio suspendare în ultimele { $days } zile.
su_public_all_areas = Toate zonele
su_public_updated = Actualizat la { $at }.
## keepwaiting
keep_waiting_label = Ține-mă pe lista de așteptare pentru un loc mai devreme
keep_waiting_hint = Dacă în termenul rețetei se eliberează un loc mai devreme, în aceeași zonă, ți-l oferim: dacă îl accepți, programarea se mută acolo și locul actual se eliberează; dacă nu faci nimic, păstrezi această programare.
earlier_heading = Un loc mai devreme
earlier_join_button = Ține-mă pe listă pentru un loc mai devreme
earlier_leave_button = Ieși de pe lista pentru un loc mai devreme
earlier_waiting = Ești pe lista de așteptare pentru un loc mai devreme din { $d }. Programarea rămâne valabilă.
earlier_offered = S-a eliberat un loc mai devreme: { $when }. Este rezervat pentru tine până la { $until }; dacă îl accepți, această programare se mută acolo.
earlier_offer_link = Vezi locul oferit
earlier_left_notice = Nu mai ești pe lista pentru un loc mai devreme. Programarea rămâne valabilă.
## citizen
ci_sign_in_title = Autentificare cu SPID sau CIE
ci_sign_in_intro = Cu SPID sau cu cartea de identitate electronică (CIE) vedeți rețetele, programările, listele de așteptare și mesajele primite fără să tastați coduri, și de acolo programați, mutați sau anulați. Autentificarea este opțională: puteți programa oricând cu codul fiscal și numărul rețetei.
ci_sign_in_with = Intrați cu { $name }
ci_sign_in_none = Autentificarea cu SPID sau CIE nu este activă pe acest portal. Puteți programa și găsi programările cu codul fiscal și codurile.
ci_sign_in_kiosk = La punctele self-service nu vă puteți autentifica cu SPID sau CIE: folosiți codul fiscal și numărul rețetei.
ci_sign_in_link = Autentificare cu SPID sau CIE
ci_sign_in_or_codes = Aveți SPID sau carte de identitate electronică? Autentificați-vă și vedeți totul fără să tastați coduri.
ci_failed_title = Autentificare nereușită
ci_failed_refused = Furnizorul de identitate nu a confirmat autentificarea, sau cererea a expirat ori nu era validă. Nu a fost afișată nicio dată. Încercați din nou.
ci_failed_unavailable = Furnizorul de identitate nu răspunde. Încercați din nou peste câteva minute sau programați cu codul fiscal și numărul rețetei.
ci_failed_no_fiscal_code = Furnizorul de identitate nu a transmis un cod fiscal valid, așa că nu vă putem arăta datele. Puteți folosi codul fiscal și codurile.
ci_failed_cancelled = Ați anulat autentificarea. Nu a fost afișată nicio dată.
ci_expired = Sesiunea a expirat: din motive de siguranță, autentificați-vă din nou.
ci_signed_out = V-ați deconectat. Pe un calculator folosit de mai multe persoane, închideți și browserul.
ci_signed_in_as = Sunteți autentificat ca { $name }.
ci_idle_note = { $minutes ->
    [one] Din motive de siguranță, sesiunea se închide după un minut de inactivitate.
    [few] Din motive de siguranță, sesiunea se închide după { $minutes } minute de inactivitate.
   *[other] Din motive de siguranță, sesiunea se închide după { $minutes } de minute de inactivitate.
}
ci_prescriptions_none = Nu există rețete pe numele dumneavoastră.
ci_bookings_none = Nu există programări pe numele dumneavoastră.
ci_waiting_none = Nu sunteți în nicio listă de așteptare.
ci_deadline = De efectuat până la { $d }
ci_messages_heading = Mesaje trimise
ci_sign_out_button = Ieșire
ci_sign_out_everywhere_button = Ieșire de pe toate dispozitivele
ci_sign_out_everywhere_hint = Închide sesiunea și pe celelalte calculatoare și telefoane unde v-ați autentificat.
ci_not_yours = Această rețetă nu este pe numele dumneavoastră.
## legal
lg_privacy = Confidențialitate
lg_accessibility = Declarație de accesibilitate
lg_cookies = Cookie-uri
lg_source = Cod sursă
lg_privacy_title = Informare privind confidențialitatea
lg_english_only = Acest text există doar în italiană și engleză: iată versiunea în engleză.
fb_title = Semnalați o problemă de accesibilitate
fb_intro = Dacă o pagină se citește sau se folosește greu (cu un cititor de ecran, doar cu tastatura, mărită…), spuneți-ne. Semnalarea ajunge la responsabili, care răspund în cel mult { $days } de zile.
fb_page_label = Ce pagină (opțional)
fb_page_hint = Adresa sau numele paginii.
fb_text_label = Problema
fb_text_hint = Ce nu funcționează și cum foloseați pagina. Cel mult { $n } de caractere.
fb_email_label = E-mail pentru răspuns (opțional)
fb_email_hint = Îl folosim doar ca să vă răspundem. Fără el semnalarea ajunge oricum, dar nu vă putem răspunde.
fb_send_button = Trimiteți semnalarea
fb_text_missing = Scrieți care este problema
fb_too_long = Textul este prea lung: cel mult { $n } de caractere
fb_sent_title = Semnalare primită
fb_sent_body = Semnalarea { $r } a ajuns la responsabili. Dacă ați lăsat o adresă de e-mail, vă răspund în cel mult { $days } de zile.
fb_back = Înapoi la declarația de accesibilitate
af_title = Semnalări de accesibilitate
af_intro = Semnalările trimise din declarația de accesibilitate. Fiecăreia i se răspunde în cel mult { $days } de zile: întâi cele care expiră mai devreme.
af_menu_text = Semnalările despre accesibilitatea site-ului, cu răspuns în cel mult 30 de zile.
af_states-0 = De răspuns
af_states-1 = Cu răspuns
af_reference_column = Semnalare
af_received_column = Primită
af_due_column = Răspuns până la
af_page_column = Pagina
af_state_column = Stare
af_days_left =
    { $n ->
        [one] mai este { $n } zi
        [few] mai sunt { $n } zile
       *[other] mai sunt { $n } de zile
    }
af_due_today = expiră azi
af_overdue =
    { $n ->
        [one] DEPĂȘITĂ cu { $n } zi
        [few] DEPĂȘITĂ cu { $n } zile
       *[other] DEPĂȘITĂ cu { $n } de zile
    }
af_answered_on = Răspuns înregistrat de { $who } pe { $d }
af_none_open = Nicio semnalare de răspuns.
af_none_answered = Nicio semnalare cu răspuns.
af_open_link = Deschide
af_detail_title = Semnalarea { $r }
af_no_page = Neindicată
af_email_label = E-mail pentru răspuns
af_no_email = Nicio adresă: nu se poate răspunde direct.
af_lang_label = Limba
af_answer_label = Ce s-a răspuns sau ce s-a făcut
af_answer_hint = Cel mult { $n } de caractere. Se înregistrează și cine și când.
af_answer_missing = Scrieți ce s-a răspuns sau ce s-a făcut
af_record_button = Înregistrați răspunsul
af_recorded = Răspunsul la semnalarea { $r } a fost înregistrat.
af_already_answered = La această semnalare a fost deja înregistrat un răspuns.
af_back = Înapoi la semnalări
ci_for_heading = În numele lui { $name }
ci_delegations_heading = Delegări
ci_delegations_intro = Puteți delega o rudă sau o persoană majoră de încredere să vadă și să gestioneze rețetele și programările dumneavoastră, când se autentifică cu propriul SPID sau CIE. Delegarea este valabilă până la data aleasă și o puteți revoca oricând. Tot ce face pentru dumneavoastră rămâne înregistrat și apare aici.
ci_delegate_label = Codul fiscal al persoanei delegate
ci_until_label = Valabilă până la
ci_until_hint = O dată în următoarele 24 de luni, de exemplu 31/12/2027.
ci_grant_button = Înregistrați delegarea
ci_minor_heading = Copii minori sau persoane sub tutelă
ci_minor_intro = Dacă sunteți părintele sau tutorele unui minor, declarați acest lucru pentru a-i vedea și gestiona programările. Declarația este valabilă până în ziua dinaintea împlinirii vârstei de 18 ani și este înregistrată: declarația falsă este infracțiune.
ci_minor_label = Codul fiscal al minorului
ci_minor_button = Declar că sunt părinte sau tutore
ci_given_heading = Delegări date de dumneavoastră
ci_held_heading = Delegări primite
ci_none = Niciuna.
ci_delegation_line = { $who } ({ $kind }), până la { $until }
ci_revoked_on = revocată la { $d }
ci_kind_names-0 = delegare
ci_kind_names-1 = părinte sau tutore
ci_kind_names-2 = delegare pe hârtie
ci_revoke_button = Revocați
ci_renounce_button = Renunțați
ci_done_for_heading = Făcute pentru dumneavoastră de persoanele delegate
ci_done_line = { $when }: { $what }, de { $who }
ci_action_names-0 = programare
ci_action_names-1 = mutare
ci_action_names-2 = anulare
ci_action_names-3 = înscriere pe lista de așteptare
ci_action_names-4 = altă operațiune
ci_granted_notice = Delegare înregistrată.
ci_revoked_notice = Delegare revocată.
ci_err_oneself = Nu vă puteți delega pe dumneavoastră.
ci_err_delegate_minor = Persoana delegată trebuie să fie majoră.
ci_err_delegator_minor = Un minor nu poate delega: o face părintele sau tutorele prin declarația sa.
ci_err_not_minor = Această persoană este majoră: vă poate delega ea însăși, cu SPID sau CIE ori cu un formular pe hârtie la ghișeu.
ci_err_period = Alegeți o dată de azi până peste 24 de luni.
ci_err_document = Indicați referința formularului de delegare semnat (cel mult 100 de caractere).
ci_err_date = Scrieți data ca zi/lună/an, de exemplu 31/12/2027.
ci_acted_by = { $what } făcută de { $who } prin delegare, la { $when }
ci_paper_heading = Delegare pe hârtie
ci_paper_intro = Înregistrați o delegare prezentată pe hârtie de acest cetățean: cine este delegat, până când și referința formularului semnat (număr de înregistrare sau de dosar). Înregistrarea rămâne în registrul de acces.
ci_document_label = Referința formularului semnat
ci_paper_button = Înregistrați delegarea pe hârtie
