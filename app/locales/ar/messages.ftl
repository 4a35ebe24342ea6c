# العربية. ترجمة بمساعدة آلية: يجب أن يراجعها متحدث أصلي باللغة.
# المصطلحات: CUP = مركز الحجز الموحد؛ "ticket" = حصة المريض من التكلفة.
footer = رسالة تلقائية من Cupola، خدمة حجز المواعيد الصحية في توسكانا. يُرجى عدم الرد: الردود لا تُقرأ.
details_caption = الموعد
label_service = الخدمة
label_when = متى
label_where = أين
label_code = رمز الحجز
label_prep = التحضير
label_access = كيفية الوصول
label_hold_until = محجوز لكم حتى
label_previous = الموعد السابق
label_reason = السبب
label_deadline = يجب أن يتم قبل
actions_heading = ما يمكنكم فعله
receipt_link = فتح إيصال الحجز
cancel_link = إلغاء الحجز
confirm_link = تأكيد حضوركم
accept_link = قبول الموعد المعروض
change_until = يمكنكم تغيير موعد الحجز أو إلغاؤه عبر الإنترنت حتى { $day }.
too_late_online = لم يعد بالإمكان تغيير موعد الحجز أو إلغاؤه عبر الإنترنت: لذلك، تواصلوا مع مركز الحجز CUP أو مع المنشأة.
calendar_attached = الموعد مرفق، لإضافته إلى تقويمكم.
calendar_cancel_attached = الإلغاء مرفق، لتطبيقه على تقويمكم.
confirmed_subject = تأكيد الحجز ليوم { $day }
confirmed_heading = تم تأكيد حجزكم
confirmed_intro = سجّلنا حجزكم. أحضروا معكم الوصفة الطبية ووثيقة هوية وبطاقتكم الصحية.
moved_subject = تغيير موعد الحجز إلى { $day }
moved_heading = تم تغيير موعد حجزكم
moved_intro = هذا هو موعدكم الآن. الموعد السابق لم يعد صالحًا.
cancelled_subject = إلغاء الحجز ليوم { $day }
cancelled_heading = تم إلغاء حجزكم
cancelled_intro = أُلغي الموعد وأصبح متاحًا للآخرين. إذا كنتم لا تزالون بحاجة إلى الخدمة يمكنكم حجزها من جديد بالوصفة نفسها.
offered_subject = توفر موعد لكم: { $day }
offered_heading = توفر موعد لكم
offered_intro = كنتم في قائمة الانتظار وتوفر موعد ضمن المهلة المحددة في وصفتكم. نحن نحجزه لكم: اقبلوه عبر الرابط أدناه.
offered_until = إذا لم تقبلوه قبل { $until } فسيذهب الموعد إلى الشخص التالي وتبقون في قائمة الانتظار.
suspended_subject = تغيير في موعدكم يوم { $day }
suspended_moved_heading = تم نقل موعدكم
suspended_moved_intro = علّقت المنشأة جدول المواعيد الذي كان فيه موعدكم. نقلناه لكم إلى أول موعد متاح: هذا هو موعدكم الجديد.
suspended_waitlisted_heading = تم إلغاء موعدكم
suspended_waitlisted_intro = علّقت المنشأة جدول المواعيد الذي كان فيه موعدكم ولم يتوفر موعد آخر في الوقت المناسب. ألغينا الموعد ووضعنا وصفتكم في قائمة الانتظار: سنعرض عليكم أي موعد يتوفر قبل { $deadline } فور توفره.
reminder_subject =
    { $days ->
        [one] تذكير: موعدكم غدًا، { $day }
        [two] تذكير: موعدكم بعد يومين، { $day }
        [few] تذكير: موعدكم بعد { $days } أيام، { $day }
       *[other] تذكير: موعدكم بعد { $days } يومًا، { $day }
    }
reminder_heading = تذكير بموعدكم
reminder_intro = هذا تذكير بالموعد المذكور أدناه. يُرجى تأكيد حضوركم، أو إلغاء الموعد: ليعود إلى الأشخاص الذين ينتظرون.
reminder_answer = يمكنكم التأكيد أو الإلغاء عبر الروابط أدناه حتى { $day }.
reminder_missed_visit = إذا لم تحضروا ولم تلغوا في الوقت المناسب فقد يُطلب منكم دفع حصة المريض من التكلفة (ticket)، حتى لو كنتم معفيين.
sms_confirmed = تم تأكيد الحجز { $code }: { $date } الساعة { $time }، { $place }. الإيصال: { $link }
sms_moved = نُقل الحجز { $code } إلى { $date } الساعة { $time }، { $place }. الإيصال: { $link }
sms_cancelled = أُلغي الحجز { $code } بتاريخ { $date } الساعة { $time } ({ $place }). { $link }
sms_offered = موعد متاح لكم: { $date } الساعة { $time }، { $place }. اقبلوه قبل { $until }: { $link }
sms_suspended_moved = عُلّق الجدول: نُقل الحجز { $code } إلى { $date } الساعة { $time }، { $place }. { $link }
sms_suspended_waitlisted = عُلّق الجدول: أُلغي الحجز { $code } بتاريخ { $date } الساعة { $time }، وأنتم في قائمة الانتظار. { $link }
sms_reminder = تذكير { $code }: { $date } الساعة { $time }، { $place }. للتأكيد: { $link } للإلغاء: { $link2 }
sms_reminder_late = تذكير { $code }: { $date } الساعة { $time }، { $place }. الإيصال: { $link }

## keepwaiting
offered_move_intro = أنتم في قائمة الانتظار لموعد أبكر من حجزكم في { $current }، وقد توفر موعد ضمن المهلة المحددة في وصفتكم. إذا قبلتموه عبر الرابط أدناه، يُنقل حجزكم إلى هنا ويُحرَّر الموعد الحالي.
offered_move_until = إذا لم تقبلوه قبل { $until } فسيذهب الموعد إلى الشخص التالي وتحتفظون بحجزكم الحالي.
label_current = الحجز الحالي
accept_move_link = انقلوا حجزي إلى الموعد المقترح
sms_offered_move = موعد أبكر: { $date } الساعة { $time }، { $place }. انقلوا حجزكم في { $current } إلى هنا قبل { $until }: { $link }
