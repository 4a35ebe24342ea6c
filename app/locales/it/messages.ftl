footer = Messaggio automatico di Cupola, il servizio di prenotazione sanitaria della Toscana. Non rispondere a questo messaggio: le risposte non vengono lette.
details_caption = L'appuntamento
label_service = Prestazione
label_when = Quando
label_where = Dove
label_code = Codice di prenotazione
label_prep = Preparazione
label_access = Come arrivare
label_hold_until = Tenuto per te fino a
label_previous = Appuntamento precedente
label_reason = Motivo
label_deadline = Da eseguire entro
actions_heading = Cosa puoi fare
receipt_link = Apri la ricevuta della prenotazione
cancel_link = Annulla la prenotazione
confirm_link = Conferma che verrai all'appuntamento
accept_link = Accetta il posto offerto
change_until = Puoi spostare o annullare la prenotazione online fino a { $day }.
too_late_online = Non è più possibile spostare o annullare la prenotazione online: per farlo rivolgiti al CUP o alla struttura.
calendar_attached = In allegato trovi l'appuntamento da aggiungere al tuo calendario.
calendar_cancel_attached = In allegato trovi l'annullamento da applicare al tuo calendario.
confirmed_subject = Prenotazione confermata per { $day }
confirmed_heading = La tua prenotazione è confermata
confirmed_intro = Abbiamo registrato la tua prenotazione. Porta con te la ricetta, un documento d'identità e la tessera sanitaria.
moved_subject = Prenotazione spostata a { $day }
moved_heading = La tua prenotazione è stata spostata
moved_intro = L'appuntamento ora è questo. Quello precedente non è più valido.
cancelled_subject = Prenotazione del { $day } annullata
cancelled_heading = La tua prenotazione è stata annullata
cancelled_intro = L'appuntamento è annullato e il posto è stato liberato per altre persone. Se ti serve ancora la prestazione puoi prenotarla di nuovo con la stessa ricetta.
offered_subject = Si è liberato un posto per te: { $day }
offered_heading = Si è liberato un posto per te
offered_intro = Eri in lista d'attesa e si è liberato un posto entro i tempi della tua ricetta. Lo teniamo per te: accettalo con il link qui sotto.
offered_until = Se non lo accetti entro { $until } il posto passa alla persona successiva e tu resti in lista d'attesa.
suspended_subject = Cambiamento del tuo appuntamento del { $day }
suspended_moved_heading = Il tuo appuntamento è stato spostato
suspended_moved_intro = L'agenda in cui era il tuo appuntamento è stata sospesa dalla struttura. Lo abbiamo spostato per te al primo posto libero: ecco il nuovo appuntamento.
suspended_waitlisted_heading = Il tuo appuntamento è stato annullato
suspended_waitlisted_intro = L'agenda in cui era il tuo appuntamento è stata sospesa dalla struttura e non c'era un altro posto libero in tempo. Abbiamo annullato l'appuntamento e messo la tua ricetta in lista d'attesa: appena si libera un posto entro { $deadline } te lo offriamo.
reminder_subject =
    { $days ->
        [one] Promemoria: il tuo appuntamento è domani, { $day }
       *[other] Promemoria: il tuo appuntamento è tra { $days } giorni, { $day }
    }
reminder_heading = Promemoria del tuo appuntamento
reminder_intro = Ti ricordiamo l'appuntamento qui sotto. Confermaci se verrai, oppure annullalo: il posto tornerà disponibile per chi aspetta.
reminder_answer = Puoi confermare o annullare con i link qui sotto fino a { $day }.
reminder_missed_visit = Se non ti presenti e non annulli in tempo potrebbe esserti chiesto il pagamento del ticket, anche se sei esente.
sms_confirmed = Prenotazione { $code } confermata: { $date } ore { $time }, { $place }. Ricevuta: { $link }
sms_moved = Prenotazione { $code } spostata a { $date } ore { $time }, { $place }. Ricevuta: { $link }
sms_cancelled = Prenotazione { $code } del { $date } ore { $time } ({ $place }) annullata. { $link }
sms_offered = Posto per te: { $date } ore { $time }, { $place }. Accetta entro il { $until }: { $link }
sms_suspended_moved = Agenda sospesa: prenotazione { $code } spostata a { $date } ore { $time }, { $place }. { $link }
sms_suspended_waitlisted = Agenda sospesa: prenotazione { $code } del { $date } ore { $time } annullata, sei in lista d'attesa. { $link }
sms_reminder = Promemoria { $code }: { $date } ore { $time }, { $place }. Conferma: { $link } Annulla: { $link2 }
sms_reminder_late = Promemoria { $code }: { $date } ore { $time }, { $place }. Ricevuta: { $link }

## keepwaiting
offered_move_intro = Sei in lista d'attesa per un posto prima della tua prenotazione del { $current } e se n'è liberato uno entro i tempi della tua ricetta. Se lo accetti con il link qui sotto, la prenotazione si sposta qui e il posto attuale viene liberato.
offered_move_until = Se non lo accetti entro { $until } il posto passa alla persona successiva e tu mantieni la prenotazione attuale.
label_current = Prenotazione attuale
accept_move_link = Sposta la prenotazione al posto offerto
sms_offered_move = Posto prima: { $date } { $time }, { $place }. Sposta il tuo del { $current } entro { $until }: { $link }
