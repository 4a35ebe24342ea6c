# Română. Traducere asistată automat: de revizuit de un vorbitor nativ.
footer = Mesaj automat de la Cupola, serviciul de programări medicale al Toscanei. Nu răspunde la acest mesaj: răspunsurile nu sunt citite.
details_caption = Programarea
label_service = Prestația
label_when = Când
label_where = Unde
label_code = Codul programării
label_prep = Pregătirea
label_access = Cum ajungi
label_hold_until = Rezervat pentru tine până la
label_previous = Programarea anterioară
label_reason = Motivul
label_deadline = De efectuat până la
actions_heading = Ce poți face
receipt_link = Deschide chitanța programării
cancel_link = Anulează programarea
confirm_link = Confirmă că vei veni la programare
accept_link = Acceptă locul oferit
change_until = Poți muta sau anula programarea online până la { $day }.
too_late_online = Programarea nu mai poate fi mutată sau anulată online: pentru aceasta adresează-te la CUP (centrul unic de programări) sau la unitate.
calendar_attached = Programarea este atașată, ca să o adaugi în calendarul tău.
calendar_cancel_attached = Anularea este atașată, ca să o aplici în calendarul tău.
confirmed_subject = Programare confirmată pentru { $day }
confirmed_heading = Programarea ta este confirmată
confirmed_intro = Am înregistrat programarea ta. Adu cu tine rețeta, un act de identitate și cardul de sănătate (tessera sanitaria).
moved_subject = Programare mutată pe { $day }
moved_heading = Programarea ta a fost mutată
moved_intro = Aceasta este acum programarea ta. Cea anterioară nu mai este valabilă.
cancelled_subject = Programarea din { $day } a fost anulată
cancelled_heading = Programarea ta a fost anulată
cancelled_intro = Programarea este anulată și locul a fost eliberat pentru alte persoane. Dacă mai ai nevoie de prestație, o poți programa din nou cu aceeași rețetă.
offered_subject = S-a eliberat un loc pentru tine: { $day }
offered_heading = S-a eliberat un loc pentru tine
offered_intro = Erai pe lista de așteptare și s-a eliberat un loc în termenul rețetei tale. Îl ținem pentru tine: acceptă-l cu linkul de mai jos.
offered_until = Dacă nu îl accepți până la { $until }, locul trece la următoarea persoană, iar tu rămâi pe lista de așteptare.
suspended_subject = O schimbare la programarea ta din { $day }
suspended_moved_heading = Programarea ta a fost mutată
suspended_moved_intro = Unitatea a suspendat agenda în care era programarea ta. Am mutat-o pentru tine la primul loc liber: aceasta este noua ta programare.
suspended_waitlisted_heading = Programarea ta a fost anulată
suspended_waitlisted_intro = Unitatea a suspendat agenda în care era programarea ta și nu a existat alt loc liber la timp. Am anulat programarea și am pus rețeta ta pe lista de așteptare: de îndată ce se eliberează un loc până la { $deadline }, ți-l oferim.
reminder_subject =
    { $days ->
        [one] Memento: programarea ta este mâine, { $day }
        [few] Memento: programarea ta este peste { $days } zile, { $day }
       *[other] Memento: programarea ta este peste { $days } de zile, { $day }
    }
reminder_heading = Memento pentru programarea ta
reminder_intro = Îți amintim programarea de mai jos. Te rugăm să confirmi că vei veni sau să o anulezi: locul va reveni celor care așteaptă.
reminder_answer = Poți confirma sau anula cu linkurile de mai jos până la { $day }.
reminder_missed_visit = Dacă nu vii și nu anulezi la timp, ți se poate cere plata tichetului (ticket, contribuția pacientului), chiar dacă ești scutit.
sms_confirmed = Programarea { $code } confirmată: { $date }, ora { $time }, { $place }. Chitanța: { $link }
sms_moved = Programarea { $code } mutată pe { $date }, ora { $time }, { $place }. Chitanța: { $link }
sms_cancelled = Programarea { $code } din { $date }, ora { $time } ({ $place }) a fost anulată. { $link }
sms_offered = Un loc pentru tine: { $date }, ora { $time }, { $place }. Acceptă până la { $until }: { $link }
sms_suspended_moved = Agendă suspendată: programarea { $code } mutată pe { $date }, ora { $time }, { $place }. { $link }
sms_suspended_waitlisted = Agendă suspendată: programarea { $code }, { $date }, ora { $time }, anulată. Ești pe lista de așteptare. { $link }
sms_reminder = Memento { $code }: { $date }, ora { $time }, { $place }. Confirmă: { $link } Anulează: { $link2 }
sms_reminder_late = Memento { $code }: { $date }, ora { $time }, { $place }. Chitanța: { $link }

## keepwaiting
offered_move_intro = Ești pe lista de așteptare pentru un loc mai devreme decât programarea ta din { $current } și s-a eliberat unul în termenul rețetei tale. Dacă îl accepți cu linkul de mai jos, programarea se mută aici și locul actual se eliberează.
offered_move_until = Dacă nu îl accepți până la { $until }, locul trece la următoarea persoană, iar tu îți păstrezi programarea actuală.
label_current = Programarea actuală
accept_move_link = Mută programarea la locul oferit
sms_offered_move = Mai devreme: { $date } { $time }, { $place }. Mută-o pe cea din { $current } până la { $until }: { $link }
