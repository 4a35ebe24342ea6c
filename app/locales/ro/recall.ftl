# Română. Traducere asistată automat: de revizuit de un vorbitor nativ.
confirm_title = Confirmă că vei veni
confirm_intro = Confirmă că te vei prezenta la această programare. Dacă nu poți veni, anuleaz-o: locul va merge la cineva care așteaptă.
confirm_button = Confirm că voi veni
cancel_title = Anulează programarea
cancel_intro = Locul va fi din nou liber și va fi oferit persoanelor de pe lista de așteptare. O anulare nu mai poate fi retrasă.
cancel_button = Anulează programarea
accept_title = Programează locul care ți-a fost oferit
accept_intro = Locul este rezervat pentru tine până la { $until }. Dacă îl programezi, ieși de pe lista de așteptare.
accept_button = Programează acest loc
visit_legend = Programarea
expired_title = Linkul a expirat
expired_text = Linkul din mesaj nu mai este valabil. Poți găsi programarea în „Programările mele” cu codul fiscal (codice fiscale) și codul programării sau poți suna la CUP (centrul unic de programări).
invalid_title = Link nevalid
invalid_text = Acest link nu este valid. Verifică dacă l-ai deschis întreg din mesaj sau găsește programarea în „Programările mele”.
not_possible_title = Nu mai este posibil
already_cancelled = Această programare a fost deja anulată.
too_late = Nu mai poate fi anulată online: ultima zi a fost { $d }. Dacă nu poți veni, anunță unitatea sau sună la CUP.
visit_passed = Programarea a trecut deja sau nu mai este activă.
no_reply_recorded = Termenul pentru a răspunde la memento a trecut. Dacă nu poți veni, anunță unitatea sau sună la CUP.
offer_lapsed = Oferta pentru acest loc a expirat sau locul nu mai este disponibil. Cererea ta rămâne pe lista de așteptare dacă termenul ei o permite.
offer_already_booked = Ai deja o programare pentru această rețetă.
slot_taken = Locul nu mai este disponibil.
receipt_link = Vezi programarea
my_bookings_link = Programările mele
waitlist_link = Programează cu rețeta
attendance_confirmed_notice = Mulțumim: prezența ta este confirmată.
recall_column = Memento
reminded_on = Memento din { $d } ({ $n ->
        [one] cu { $n } zi lucrătoare înainte
        [few] cu { $n } zile lucrătoare înainte
       *[other] cu { $n } de zile lucrătoare înainte
    })
confirmed_on = Prezență confirmată pe { $d }
no_reply_on = Niciun răspuns (înregistrat pe { $d })
messages_label = Mesaje
no_messages = Niciun mesaj
message_kinds-0 = confirmare
message_kinds-1 = mutare
message_kinds-2 = anulare
message_kinds-3 = ofertă de loc
message_kinds-4 = memento
message_kinds-5 = suspendarea agendei
channel_names-0 = e-mail
channel_names-1 = SMS
channel_names-2 = niciun contact
delivery_states-0 = în așteptare
delivery_states-1 = trimis
delivery_states-2 = eșuat
delivery_states-3 = niciun contact

## keepwaiting
accept_move_title = Mută programarea la locul oferit
accept_move_intro = Locul este rezervat pentru tine până la { $until }. Dacă îl accepți, programarea ta din { $current } se mută aici și acel loc se eliberează. Dacă nu faci nimic, îți păstrezi programarea actuală.
accept_move_button = Mută programarea aici
offer_booking_gone = Programarea pe care acest loc trebuia să o înlocuiască a fost anulată sau schimbată ori nu mai poate fi mutată online: locul oferit a fost eliberat.
earlier_offer_lapsed = Oferta pentru acest loc a expirat sau locul nu mai este disponibil. Îți păstrezi programarea actuală.
