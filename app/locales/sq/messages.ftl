# Shqip. Përkthim i asistuar automatikisht: duhet rishikuar nga një folës amtare.
footer = Mesazh automatik nga Cupola, shërbimi i rezervimeve shëndetësore të Toskanës. Ju lutemi mos u përgjigjni: përgjigjet nuk lexohen.
details_caption = Termini
label_service = Shërbimi
label_when = Kur
label_where = Ku
label_code = Kodi i rezervimit
label_prep = Përgatitja
label_access = Si të arrini
label_hold_until = Mbahet për ju deri më
label_previous = Termini i mëparshëm
label_reason = Arsyeja
label_deadline = Për t'u kryer deri më
actions_heading = Çfarë mund të bëni
receipt_link = Hapni vërtetimin e rezervimit
cancel_link = Anuloni rezervimin
confirm_link = Konfirmoni që do të vini
accept_link = Pranoni terminin e ofruar
change_until = Mund ta zhvendosni ose anuloni rezervimin në internet deri më { $day }.
too_late_online = Rezervimi nuk mund të zhvendoset ose anulohet më në internet: për ta bërë këtë, kontaktoni CUP-in (qendrën e rezervimeve) ose strukturën.
calendar_attached = Termini është bashkëngjitur, për ta shtuar në kalendarin tuaj.
calendar_cancel_attached = Anulimi është bashkëngjitur, për ta zbatuar në kalendarin tuaj.
confirmed_subject = Rezervimi u konfirmua për { $day }
confirmed_heading = Rezervimi juaj është konfirmuar
confirmed_intro = E kemi regjistruar rezervimin tuaj. Sillni recetën, një dokument identifikimi dhe kartën shëndetësore.
moved_subject = Rezervimi u zhvendos më { $day }
moved_heading = Rezervimi juaj është zhvendosur
moved_intro = Ky është tani termini juaj. Termini i mëparshëm nuk është më i vlefshëm.
cancelled_subject = Rezervimi i { $day } u anulua
cancelled_heading = Rezervimi juaj është anuluar
cancelled_intro = Termini është anuluar dhe është liruar për të tjerët. Nëse ju nevojitet ende shërbimi, mund ta rezervoni përsëri me të njëjtën recetë.
offered_subject = U lirua një termin për ju: { $day }
offered_heading = U lirua një termin për ju
offered_intro = Ishit në listën e pritjes dhe u lirua një termin brenda afatit të recetës suaj. Po e mbajmë për ju: pranojeni me lidhjen më poshtë.
offered_until = Nëse nuk e pranoni deri më { $until }, termini i kalon personit të radhës dhe ju mbeteni në listën e pritjes.
suspended_subject = Një ndryshim në terminin tuaj të { $day }
suspended_moved_heading = Termini juaj është zhvendosur
suspended_moved_intro = Struktura pezulloi agjendën ku ishte termini juaj. E zhvendosëm për ju në terminin e parë të lirë: ky është termini juaj i ri.
suspended_waitlisted_heading = Termini juaj është anuluar
suspended_waitlisted_intro = Struktura pezulloi agjendën ku ishte termini juaj dhe nuk kishte asnjë termin tjetër të lirë në kohë. E anuluam terminin dhe e vendosëm recetën tuaj në listën e pritjes: sapo të lirohet një termin deri më { $deadline } do t'jua ofrojmë.
reminder_subject =
    { $days ->
        [one] Kujtesë: termini juaj është nesër, { $day }
       *[other] Kujtesë: termini juaj është pas { $days } ditësh, { $day }
    }
reminder_heading = Kujtesë për terminin tuaj
reminder_intro = Kjo është një kujtesë për terminin më poshtë. Ju lutemi konfirmoni që do të vini, ose anulojeni: termini do t'u kthehet personave që presin.
reminder_answer = Mund të konfirmoni ose anuloni me lidhjet më poshtë deri më { $day }.
reminder_missed_visit = Nëse nuk vini dhe nuk anuloni në kohë, mund t'ju kërkohet të paguani ticket-in (pjesën e kostos që paguan pacienti), edhe nëse jeni i përjashtuar.
sms_confirmed = Rezervimi { $code } u konfirmua: { $date } ora { $time }, { $place }. Vërtetimi: { $link }
sms_moved = Rezervimi { $code } u zhvendos: { $date } ora { $time }, { $place }. Vërtetimi: { $link }
sms_cancelled = Rezervimi { $code } i { $date } ora { $time } ({ $place }) u anulua. { $link }
sms_offered = Një termin për ju: { $date } ora { $time }, { $place }. Pranojeni deri më { $until }: { $link }
sms_suspended_moved = Agjenda u pezullua: rezervimi { $code } u zhvendos: { $date } ora { $time }, { $place }. { $link }
sms_suspended_waitlisted = Agjenda u pezullua: rezervimi { $code } i { $date } ora { $time } u anulua, jeni në listën e pritjes. { $link }
sms_reminder = Kujtesë { $code }: { $date } ora { $time }, { $place }. Konfirmo: { $link } Anulo: { $link2 }
sms_reminder_late = Kujtesë { $code }: { $date } ora { $time }, { $place }. Vërtetimi: { $link }

## keepwaiting
offered_move_intro = Jeni në listën e pritjes për një termin më herët se rezervimi juaj i { $current } dhe u lirua një brenda afatit të recetës suaj. Nëse e pranoni me lidhjen më poshtë, rezervimi zhvendoset këtu dhe termini aktual lirohet.
offered_move_until = Nëse nuk e pranoni deri më { $until }, termini i kalon personit të radhës dhe ju e mbani rezervimin aktual.
label_current = Rezervimi aktual
accept_move_link = Zhvendoseni rezervimin në terminin e ofruar
sms_offered_move = Më herët: { $date } { $time }, { $place }. Zhvendosni atë të { $current } deri më { $until }: { $link }
