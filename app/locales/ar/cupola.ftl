# العربية. ترجمة بمساعدة آلية: يجب أن يراجعها متحدث أصلي باللغة.
# المصطلحات: "codice fiscale" = الرمز الضريبي الإيطالي؛ "ricetta elettronica" = الوصفة الطبية الإلكترونية؛
# NRE = رقم الوصفة الإلكترونية؛ CUP = مركز الحجز الموحد؛ "ticket" = حصة المريض من التكلفة؛
# URP = مكتب العلاقات العامة.
site_name = Cupola
site_tagline = حجوزات الخدمات الصحية في توسكانا
skip_to_content = الانتقال إلى المحتوى الرئيسي
language_nav_label = اللغة
language_name = العربية
footer_demo_notice = Cupola بوابة تجريبية: المنشآت والخدمات حقيقية، أما المواعيد والأشخاص والحجوزات فهي غير حقيقية.
footer_sources = مصادر البيانات
home_title = حجز الزيارات الطبية والفحوصات
home_heading = احجزوا الزيارات الطبية والفحوصات في أي مكان في توسكانا
home_intro = ابحثوا عن خدمة واعثروا على أول موعد متاح في أي مستشفى أو عيادة في الإقليم.
search_label = البحث عن خدمة
search_hint = مثلًا: زيارة طبيب العيون، تصوير البطن بالموجات فوق الصوتية، 89.7A.3
search_button = بحث
catalog_title = الخدمات المتاحة للحجز
catalog_intro = الزيارات الطبية والفحوصات الواردة في الدليل الإقليمي التي يمكن حجزها بوصفة طبية إلكترونية.
catalog_results =
    { $n ->
        [zero] لم يُعثر على أي خدمة لـ «{ $q }»
        [one] عُثر على خدمة واحدة لـ «{ $q }»
        [two] عُثر على خدمتين لـ «{ $q }»
        [few] عُثر على { $n } خدمات لـ «{ $q }»
        [many] عُثر على { $n } خدمة لـ «{ $q }»
       *[other] عُثر على { $n } خدمة لـ «{ $q }»
    }
catalog_no_results = لم يُعثر على أي خدمة لـ «{ $q }». يُرجى التحقق من الكتابة أو تجربة كلمة أخرى، مثل اسم التخصص الطبي.
catalog_all_link = عرض جميع الخدمات
kind_visit = زيارة طبية
kind_exam = فحص
code_label = الرمز
tariff_label = التعرفة
tariff_unknown = غير متوفرة
not_found_title = الصفحة غير موجودة
not_found_body = هذا العنوان لا يطابق أي صفحة. ربما كُتب بشكل خاطئ، أو لم تعد الصفحة موجودة.
too_large_title = الطلب كبير جدًا
too_large_body = البيانات المُرسلة أكبر مما تقبله هذه الصفحة ولم تتم معالجتها: لم يُحجز أو يُغيَّر أي شيء. يُرجى الرجوع والمحاولة مرة أخرى.
slow_request_title = لم يكتمل الطلب
slow_request_body = وصلت البيانات المُرسلة ببطء شديد ولم تتم معالجتها: لم يُحجز أو يُغيَّر أي شيء. يُرجى التحقق من الاتصال والمحاولة مرة أخرى.
back_home = العودة إلى الصفحة الرئيسية
error_title = حدث خطأ ما
error_body = تعذّر إتمام طلبكم. لم يُفقد أي شيء: يُرجى المحاولة مرة أخرى بعد قليل.
unavailable_title = الخدمة غير متاحة مؤقتًا
unavailable_body = الخدمة غير متاحة مؤقتًا. لم يُحجز أو يُغيَّر أي شيء: يُرجى المحاولة مرة أخرى بعد بضع دقائق.
login_outage_notice = الخدمة غير متاحة مؤقتًا: قد لا يعمل تسجيل الدخول الآن. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
staff_outage_notice = قاعدة البيانات لا تستجيب الآن: ما زلتم مسجّلي الدخول، لكن لا يمكن فتح الصفحات التي تحتاج إليها ولا حفظ أي شيء. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
too_many_title = محاولات فاشلة كثيرة جدًا
too_many_body = حدثت محاولات فاشلة كثيرة جدًا بهذه البيانات أو من هذا الاتصال. لحماية بيانات الأشخاص يمكنكم المحاولة مرة أخرى بعد { $m ->
        [zero] أقل من دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $m } دقائق
       *[other] { $m } دقيقة
    }. وفي الأثناء تحققوا مما كتبتموه (الرموز موجودة على ورقة الوصفة وعلى إيصال الحجز)؛ وإن لم تجدوها، اتصلوا بمركز الحجز CUP.
home_book_title = الحجز بوصفة طبية
home_book_text = هل لديكم وصفة طبية إلكترونية؟ اعثروا على أول موعد متاح في أي مكان في توسكانا، لأنفسكم أو لأحد أقاربكم.
home_mine_title = حجوزاتي
home_mine_text = عرض الحجز أو طباعته أو تغيير موعده أو إلغاؤه.
home_times_title = أوقات الانتظار
home_times_text = أول تاريخ متاح لكل خدمة، منشأةً تلو الأخرى.
home_what_heading = ما يمكنكم فعله هنا
error_summary_title = توجد مشكلة
error_title_prefix = خطأ:{" "}
optional = (اختياري)
back = رجوع
rx_title = الحجز بالوصفة الطبية الإلكترونية
rx_intro = تحتاجون إلى الرمز الضريبي الإيطالي (codice fiscale) للشخص المراد فحصه ورقم الوصفة الطبية الإلكترونية (NRE). يمكنكم الحجز لأحد أقاربكم أيضًا.
fc_label = الرمز الضريبي (codice fiscale)
fc_hint = 16 حرفًا ورقمًا، مطبوع على البطاقة الصحية. للزوار من الخارج: رمز STP أو ENI.
nre_label = رقم الوصفة الطبية الإلكترونية (NRE)
nre_hint = 15 حرفًا ورقمًا، في أعلى ورقة الوصفة. أرقام توسكانا تبدأ بـ 090.
rx_button = البحث عن المواعيد المتاحة
fc_empty = يُرجى إدخال الرمز الضريبي
fc_length = يتكون الرمز الضريبي من 16 خانة: أدخلتم { $n }
fc_character = الحرف الموجود في الموضع رقم { $p } من الرمز الضريبي لا يمكن أن يكون في هذا الموضع: تأكدوا من عدم الخلط بين الحروف والأرقام، مثل O و 0
fc_date = يتضمن الرمز الضريبي تاريخ ميلاد مستحيلًا: تحققوا منه على البطاقة الصحية
fc_check = الخانة الأخيرة من الرمز الضريبي لا تتوافق مع الخانات الأخرى: على الأرجح يوجد خطأ في الكتابة. تحققوا منه على البطاقة الصحية
nre_empty = يُرجى إدخال رقم الوصفة (NRE)
nre_length = يتكون رقم الوصفة من 15 خانة: أدخلتم { $n }
nre_character = الحرف الموجود في الموضع رقم { $p } من رقم الوصفة لا يمكن أن يكون في هذا الموضع: بعد المواضع الأربعة الأولى لا توجد إلا أرقام
nre_region = رقم الوصفة لا يبدأ برمز إقليم: أرقام توسكانا تبدأ بـ 090
rx_no_match = هذا الرمز الضريبي ورقم الوصفة هذا لا يطابقان وصفة قابلة للحجز. تحققوا من كليهما على ورقة الوصفة: الرمز الضريبي هو رمز الشخص المذكور اسمه في الوصفة؛ والوصفة الصادرة من إقليم آخر تُحجز لدى مركز الحجز CUP في ذلك الإقليم
rx_booked = استُخدمت هذه الوصفة بالفعل في حجز. لعرضه أو تغيير موعده أو إلغائه، انتقلوا إلى «حجوزاتي»
rx_not_bookable = لم يعد بالإمكان حجز هذه الوصفة: إما أن الخدمة قُدِّمت بالفعل أو أن الوصفة سُحبت
rx_expired = انتهت صلاحية هذه الوصفة: بحسب أولويتها كان يجب حجزها قبل { $d }. اطلبوا وصفة جديدة من طبيبكم
slots_title = اختيار التاريخ والمكان
rx_for = وصفة لـ
priority_label = الأولوية
priority_names-0 = U، عاجلة: خلال 72 ساعة
priority_names-1 = B، قصيرة: خلال 10 أيام
priority_names-2 = D، مؤجلة: خلال 30 يومًا للزيارات، و60 يومًا للفحوصات
priority_names-3 = P، مبرمجة: خلال 120 يومًا
deadline_label = يجب تقديمها قبل
filters_legend = تصفية المواعيد
area_label = المنطقة
any_area = توسكانا كلها
town_label = البلدة
any_town = جميع البلدات
from_label = من
from_hint = مثلًا 24/12/2026. اتركوا الحقل فارغًا للبدء من اليوم.
from_invalid = التاريخ غير صالح: اكتبوه بالشكل 24/12/2026
filter_button = عرض المواعيد
slots_heading = المواعيد المتاحة، الأبكر أولًا
within_deadline = ضمن المهلة المحددة لأولويتكم
beyond_deadline = بعد المهلة المحددة لأولويتكم
choose_button = اختيار
no_slots = لا يوجد موعد يطابق عوامل التصفية هذه. جرّبوا توسكانا كلها أو تاريخًا آخر.
next_page = مواعيد لاحقة
first_page = العودة إلى أقرب المواعيد
slot_taken = الموعد الذي اخترتموه حجزه شخص آخر للتو. إليكم المواعيد الأخرى المتاحة.
slot_unavailable = لا يمكن حجز هذا الموعد بوصفتكم. يُرجى اختيار موعد آخر.
none_in_time_title = لا يوجد موعد ضمن المهلة المحددة لأولويتكم
none_in_time_body = لا يوجد اليوم أي موعد متاح في أي مكان في توسكانا قبل { $d }. القوائم لا تُغلق أبدًا: انضموا إلى قائمة الانتظار وسنعرض عليكم أول موعد يتحرر أو يُفتح قبل ذلك التاريخ. يمكنكم أيضًا اختيار موعد لاحق أدناه.
guarantee_route = إذا لم يتحرر أي موعد في الوقت المناسب، يحق لكم الاستفادة من «مسار الضمان»: يجب على الهيئة الصحية تقديم الخدمة في الوقت المحدد، ولو في منشأة أخرى أو في القطاع الخاص، مقابل دفع حصة المريض من التكلفة (ticket) فقط. اسألوا مركز الحجز CUP أو مكتب العلاقات العامة (URP) في هيئتكم الصحية.
join_waitlist = أضيفوني إلى قائمة الانتظار
already_waiting = أنتم مسجلون بالفعل في قائمة الانتظار: سنعرض عليكم أول موعد يتحرر قبل { $d }.
confirm_title = تأكيد الحجز
held_until = هذا الموعد محجوز لكم حتى { $t }. بعد ذلك يصبح متاحًا للآخرين من جديد.
offered_until = خُصص لكم موعد من قائمة الانتظار. وهو محجوز لكم حتى { $t }.
hold_expired = انتهى وقت التأكيد وأصبح الموعد متاحًا من جديد. يُرجى اختيار موعد مرة أخرى.
service_label = الخدمة
when_label = التاريخ والوقت
where_label = المنشأة
address_label = العنوان
contacts_legend = التذكيرات (اختياري)
contacts_hint = اتركوا رقم هاتف محمول أو عنوان بريد إلكتروني لتلقي التأكيد وتذكير بالموعد. هذا ليس إلزاميًا.
phone_label = الهاتف المحمول
email_label = البريد الإلكتروني
phone_characters = لا يمكن أن يحتوي رقم الهاتف المحمول إلا على أرقام ومسافات وعلامة + في البداية
phone_length = يتكون رقم الهاتف المحمول من 9 إلى 13 رقمًا
email_malformed = اكتبوا عنوان البريد الإلكتروني مع علامة @ ونص قبلها وبعدها، مثل name@example.com
email_domain = الجزء الذي بعد @ يحتاج إلى نطاق كامل، مثل example.com
email_long = عنوان البريد الإلكتروني طويل جدًا
confirm_button = تأكيد الحجز
choose_other = اختيار موعد آخر
receipt_new_title = تم تأكيد الحجز
receipt_title = حجزكم
code_label_booking = رمز الحجز
code_keep = احتفظوا به: تحتاجون إليه لعرض الحجز أو تغيير موعده أو إلغائه.
qr_alt = رمز QR لرمز الحجز { $c }
status_label = الحالة
status_names-0 = مؤكد
status_names-1 = ملغى
status_names-2 = تم الحضور
status_names-3 = لم يحضر
prep_label = التحضير
access_label = كيفية الوصول
amount_label = حصة المريض من التكلفة (ticket)
amount_text = { $a } كحد أقصى، ما لم تكونوا معفيين؛ تُدفع قبل الموعد
amount_unknown = سيُبلغكم الشباك بمبلغ حصة المريض من التكلفة (ticket)
booked_on_label = تاريخ الحجز
print_link = طباعة الإيصال
ics_link = إضافة إلى التقويم (.ics)
move_link = تغيير موعد الحجز
cancel_link = إلغاء الحجز
change_until = يمكنكم تغيير موعد الحجز أو إلغاؤه عبر الإنترنت حتى { $d }.
change_too_late = لم يعد بالإمكان تغيير موعده أو إلغاؤه عبر الإنترنت. إذا لم تتمكنوا من الحضور، أبلغوا المنشأة أو اتصلوا بمركز الحجز CUP.
moved_notice = تم تغيير موعد الحجز.
cancelled_notice = تم إلغاء الحجز. شكرًا لكم: أصبح الموعد متاحًا لشخص آخر.
print_title = إيصال الحجز
print_hint = استخدموا أمر «طباعة» في المتصفح لطباعة هذه الصفحة.
back_to_booking = العودة إلى الحجز
lookup_intro = أدخلوا الرمز الضريبي ورمز الحجز الموجودين في الإيصال أو في رسالة التأكيد.
bc_label = رمز الحجز
bc_hint = 10 خانات، مثلًا K7M2P-QX4TA
bc_empty = يُرجى إدخال رمز الحجز
bc_length = يتكون رمز الحجز من 10 خانات، دون احتساب الشرطة: أدخلتم { $n }
bc_character = الحرف الموجود في الموضع رقم { $p } لا يمكن أن يرد في رموز الحجز، فهي لا تستخدم O أو I أو L أو S أو B أو Z أو 0 أو 1: تحققوا من الإيصال
lookup_not_found = لا يوجد حجز يطابق هذا الرمز الضريبي ورمز الحجز هذا. تحققوا من كليهما على الإيصال
lookup_button = عرض الحجز
cancel_title = إلغاء الحجز
cancel_intro = بإلغاء الحجز تُتيحون الموعد لشخص آخر ينتظر.
reason_legend = لماذا تلغون الحجز؟
reasons-0 = لم أعد بحاجة إلى الخدمة
reasons-1 = لا أستطيع الحضور في ذلك التاريخ
reasons-2 = حجزت في مكان آخر
reasons-3 = لسبب آخر
reason_required = يُرجى اختيار سبب الإلغاء
reason_details_label = هل تودون إضافة شيء؟
cancel_button = إلغاء الحجز
keep_booking = عدم الإلغاء: العودة إلى الحجز
too_late = لم يعد بالإمكان التغيير عبر الإنترنت: كان آخر يوم هو { $d }. إذا لم تتمكنوا من الحضور، أبلغوا المنشأة أو اتصلوا بمركز الحجز CUP
not_active = هذا الحجز لم يعد ساريًا.
move_title = تغيير موعد الحجز
move_intro = الحجز الحالي في { $w }. اختاروا الموعد الجديد: يبقى الموعد الحالي لكم حتى يتم تأكيد الموعد الجديد.
move_confirm_title = تأكيد تغيير الموعد
move_from = الحجز الحالي
move_to = الموعد الجديد
move_button = تغيير موعد الحجز
waitlist_title = أنتم في قائمة الانتظار
waitlist_body = سنعرض عليكم أول موعد يتحرر أو يُفتح قبل { $d }. سيُحجز لكم لمدة 24 ساعة: إذا تركتم وسيلة اتصال فسنبلغكم، وإلا فعودوا إلى هنا بالرمز الضريبي ورقم الوصفة.
waitlist_since = في القائمة منذ { $d }.
times_title = أوقات الانتظار
times_intro = أول تاريخ متاح لكل خدمة في كل منشأة في توسكانا. للحجز تحتاجون إلى وصفة طبية إلكترونية.
first_by_area = أول تاريخ متاح حسب المنطقة
first_by_facility = أول تاريخ متاح حسب المنشأة
no_date = لا يوجد موعد متاح في التقويم
updated_at = البيانات محدّثة حتى { $t }.
book_cta = الحجز بالوصفة الطبية
times_service_link = عرض أوقات الانتظار
reason_too_long = لا يمكن أن يتجاوز السبب 500 حرف
stale_notice = هذه البيانات تعود إلى { $t }: لا يمكننا تحديثها الآن. قد يختلف الوضع الفعلي.
area_times_title = { $s }: أول المواعيد المتاحة في منطقة { $a }
first_slots_heading = أول المواعيد المتاحة
area_details = أول المواعيد
no_free_slots = لا يوجد موعد متاح في التقويم في هذه المنطقة.
waiting_room_title = غرفة الانتظار الافتراضية
waiting_room_intro = يقوم عدد كبير جدًا من الأشخاص بالحجز الآن. لكي تستمر الخدمة في العمل، يدخل الأشخاص واحدًا تلو الآخر حسب ترتيب الوصول. أبقوا هذه الصفحة مفتوحة: فهي تتحدّث تلقائيًا وتُدخلكم عندما يحين دوركم.
waiting_room_position =
    { $ahead ->
        [0] أنتم التالون.
        [one] يوجد شخص واحد قبلكم.
        [two] يوجد شخصان قبلكم.
        [few] يوجد { $ahead } أشخاص قبلكم.
        [many] يوجد { $ahead } شخصًا قبلكم.
       *[other] يوجد { $ahead } شخص قبلكم.
    }
waiting_room_eta =
    { $m ->
        [0] وقت الانتظار المتوقع: أقل من دقيقة.
        [1] وقت الانتظار المتوقع: أقل من دقيقة.
        [two] وقت الانتظار المتوقع: نحو دقيقتين.
        [few] وقت الانتظار المتوقع: نحو { $m } دقائق.
        [many] وقت الانتظار المتوقع: نحو { $m } دقيقة.
       *[other] وقت الانتظار المتوقع: نحو { $m } دقيقة.
    }
waiting_room_refresh =
    { $s ->
        [one] تتحدّث هذه الصفحة كل ثانية.
        [two] تتحدّث هذه الصفحة كل ثانيتين.
        [few] تتحدّث هذه الصفحة كل { $s } ثوانٍ.
        [many] تتحدّث هذه الصفحة كل { $s } ثانية.
       *[other] تتحدّث هذه الصفحة كل { $s } ثانية.
    }
waiting_room_times = في الأثناء يمكنكم الاطلاع على أوقات الانتظار وأول تاريخ متاح لكل خدمة، دون انتظار.
waiting_room_joining = نحن نحجز لكم مكانكم في الدور: ابقوا في هذه الصفحة، فبعد لحظة ستتحدّث تلقائيًا وتعرض ترتيبكم.
waiting_room_line =
    { $n ->
        [0] لا أحد في الدور الآن.
        [one] يوجد شخص واحد في الدور الآن.
        [two] يوجد شخصان في الدور الآن.
        [few] يوجد { $n } أشخاص في الدور الآن.
        [many] يوجد { $n } شخصًا في الدور الآن.
       *[other] يوجد { $n } شخص في الدور الآن.
    }
waiting_room_limited_title = طلبات كثيرة جدًا من هذا الاتصال
waiting_room_limited = وصلت من هذا الاتصال طلبات كثيرة جدًا لدخول غرفة الانتظار في وقت قصير. لا حاجة لإعادة تحميل الصفحة: ستعيد هذه الصفحة المحاولة تلقائيًا.
waiting_room_retry =
    { $s ->
        [one] إعادة المحاولة بعد ثانية.
        [two] إعادة المحاولة بعد ثانيتين.
        [few] إعادة المحاولة بعد { $s } ثوانٍ.
        [many] إعادة المحاولة بعد { $s } ثانية.
       *[other] إعادة المحاولة بعد { $s } ثانية.
    }
staff_area = منطقة الموظفين
login_title = تسجيل دخول الموظفين
login_intro = مخصص فقط لموظفي مركز الحجز CUP والصيدليات والهيئات الصحية.
username_label = اسم المستخدم
password_label = كلمة المرور
login_button = تسجيل الدخول
login_failed = اسم المستخدم أو كلمة المرور غير صحيحة، أو أن الحساب مقفل بعد محاولات كثيرة جدًا. حاولوا مرة أخرى لاحقًا؛ وإذا نسيتم كلمة المرور، اسألوا مسؤولكم
login_required = يُرجى إدخال اسم المستخدم وكلمة المرور
logout_button = تسجيل الخروج
signed_in_as = { $n } ({ $r })
role_names-0 = موظف تشغيل
role_names-1 = مشرف
role_names-2 = مدير النظام
console_title = لوحة الموظف
console_slots_title = المواعيد المتاحة
console_slots_intro = جميع المواعيد المتاحة للخدمة، بما فيها المخصصة للموظفين وللحالات العاجلة.
service_code_label = رمز الخدمة أو اسمها
show_slots_button = عرض المواعيد
reserved_for = مخصص لـ: { $w }
unknown_service = لا توجد خدمة بهذا الرمز أو الاسم
form_expired = انتهت صلاحية النموذج: يُرجى المحاولة مرة أخرى
forbidden_title = صفحة غير مسموح بها
forbidden_body = دوركم لا يسمح بالوصول إلى هذه الصفحة. إذا كنتم بحاجة إليها، اسألوا مسؤولكم.
conflict_title = تغيّر شيء ما في الأثناء
conflict_body = أثناء ملئكم للصفحة، تغيّرت بعض الأمور (مثلًا حُجز الموعد أو تغيّر الحجز). لم يتم تنفيذ أي شيء: ابدؤوا من جديد من الصفحة السابقة.
unprocessable_title = لا يمكن تلبية هذا الطلب
unprocessable_body = لا يمكن تلبية هذا الطلب بصيغته الحالية. لم يتم تنفيذ أي شيء: ارجعوا واختاروا خيارًا آخر.
channel_names-0 = البوابة الإلكترونية
channel_names-1 = التطبيق
channel_names-2 = أجهزة الخدمة الذاتية في الصيدليات
channel_names-3 = الموظفون
priority_reservation = الأولوية { $p }
first_date_column = أول تاريخ
weekdays-0 = الاثنين
weekdays-1 = الثلاثاء
weekdays-2 = الأربعاء
weekdays-3 = الخميس
weekdays-4 = الجمعة
weekdays-5 = السبت
weekdays-6 = الأحد
months-0 = يناير
months-1 = فبراير
months-2 = مارس
months-3 = أبريل
months-4 = مايو
months-5 = يونيو
months-6 = يوليو
months-7 = أغسطس
months-8 = سبتمبر
months-9 = أكتوبر
months-10 = نوفمبر
months-11 = ديسمبر
console_nav_label = وظائف اللوحة
console_home_link = قائمة اللوحة
console_home_intro = اختاروا ما تريدون فعله. يُسجَّل كل وصول إلى بيانات المواطن مع اسمكم والسبب.
menu_find_citizen = البحث عن مواطن
menu_find_citizen_text = بواسطة الرمز الضريبي: الوصفات والحجوزات وقائمة الانتظار؛ الحجز أو تغيير الموعد أو الإلغاء نيابةً عنه.
menu_current_citizen = العودة إلى الملف المفتوح
menu_current_citizen_text = ملف المواطن الذي تخدمونه.
menu_slots_text = جميع المواعيد المتاحة لخدمة ما، بما فيها المخصصة.
menu_audit_text = من اطّلع على بيانات المواطنين أو غيّرها، ومتى ولماذا.
menu_agendas = الجداول
menu_agendas_text = جداول المنشآت، وإنشاء المواعيد، وتعليقها.
citizen_search_title = البحث عن مواطن
citizen_search_intro = أدخلوا الرمز الضريبي وسبب حاجتكم إلى الملف. يُسجَّل الوصول مع اسمكم.
access_reason_label = سبب الوصول
access_reason_choose = اختاروا السبب
access_reasons-0 = مكالمة هاتفية من المواطن
access_reasons-1 = المواطن حاضر عند الشباك
access_reasons-2 = طلب من صيدلية
access_reasons-3 = معاودة الاتصال بالمواطن
access_note_label = ملاحظات حول السبب
access_note_hint = 200 حرف كحد أقصى. لا تكتبوا بيانات صحية.
access_reason_required = يُرجى اختيار سبب الوصول
access_note_too_long = لا يمكن أن تتجاوز الملاحظات 200 حرف
citizen_not_found = لا يوجد مريض بهذا الرمز الضريبي: تحققوا منه مع المواطن
citizen_search_button = فتح الملف
citizen_record_title = ملف المواطن
citizen_record_reason = سبب الوصول: { $r }
citizen_name_label = الاسم
citizen_born_label = تاريخ الميلاد
close_record_button = إغلاق الملف
another_citizen_link = البحث عن مواطن آخر
prescriptions_heading = الوصفات الطبية
no_prescriptions = لا توجد وصفات لهذا المواطن.
nre_column = NRE
prescribed_on_column = تاريخ الوصفة
rx_status_names-0 = للحجز
rx_status_names-1 = محجوزة
rx_status_names-2 = منتهية الصلاحية
rx_status_names-3 = مسحوبة
rx_status_names-4 = قُدِّمت بالفعل
rx_status_names-5 = في قائمة الانتظار
actions_column = الإجراءات
book_for_link = حجز
bookings_heading = الحجوزات
no_bookings = لا توجد حجوزات لهذا المواطن.
open_link = فتح
print_short_link = إعادة الطباعة
move_short_link = تغيير الموعد
cancel_short_link = إلغاء
waiting_heading = قائمة الانتظار
no_waiting = لا توجد طلبات في قائمة الانتظار.
waiting_since_column = في الانتظار منذ
waiting_status_names-0 = في الانتظار
waiting_status_names-1 = عُرض موعد
waiting_status_names-2 = محجوز
waiting_status_names-3 = منتهي الصلاحية
waiting_status_names-4 = مسحوب
console_book_title = الحجز للمواطن
console_book_intro = المواعيد الشاغرة لقناة الموظفين، بما فيها المواعيد المخصصة، الأبكر أولًا. بعد اختيار موعد، تحققوا منه مع المواطن قبل حجزه.
console_move_intro = الموعد الحالي هو { $w }. اختاروا الموعد الجديد: تغيير الموعد فوري.
book_slot_button = حجز هذا الموعد
move_slot_button = النقل إلى هنا
console_receipt_title = الحجز
console_booked_notice = تم الحجز. اقرؤوا رمز الحجز للمواطن أو اطبعوا الإيصال.
console_change_until_start = بصفتكم موظفين يمكنكم تغيير موعد الحجز أو إلغاؤه حتى بدء الموعد.
console_change_closed = لم يعد بالإمكان تغيير موعد هذا الحجز أو إلغاؤه.
back_to_record = العودة إلى ملف المواطن
console_cancel_legend = لماذا يلغي المواطن الحجز؟
keep_booking_console = عدم الإلغاء: العودة إلى الحجز
form_expired_body = انتهت صلاحية النموذج أو لم يصدر من هذه اللوحة، لذلك لم يتم تنفيذ أي شيء. ارجعوا إلى الصفحة وحاولوا مرة أخرى.
audit_title = سجل الوصول
audit_intro = من اطّلع على بيانات المواطنين أو غيّرها، ومتى، وعبر أي قناة ولماذا، الأحدث أولًا. هذا البحث يُسجَّل أيضًا.
audit_filters_legend = البحث في السجل
audit_staff_label = اسم مستخدم الموظف
audit_from_label = من
audit_to_label = إلى
audit_date_hint = مثلًا 24/12/2026. اختياري.
audit_date_invalid = التاريخ غير صالح: اكتبوه بالشكل 24/12/2026
audit_dates_reversed = يوم النهاية يسبق يوم البداية
audit_unknown_staff = لا يوجد موظف بهذا الاسم المستخدم
audit_action_label = الإجراء
audit_any_action = جميع الإجراءات
audit_action_names-0 = عرض ملف مواطن
audit_action_names-1 = عرض حجز
audit_action_names-2 = إجراء حجز
audit_action_names-3 = إلغاء حجز
audit_action_names-4 = تغيير موعد حجز
audit_action_names-5 = بحث في السجل
audit_action_names-6 = تم الحضور (الشباك)
audit_action_names-7 = لم يحضر (الشباك)
audit_action_names-8 = إعادة رسالة إلى قائمة الإرسال
audit_action_names-9 = تسجيل دخول موظف
audit_action_names-10 = فشل تسجيل دخول موظف
audit_action_names-11 = عرض موعد من قائمة الانتظار
audit_action_names-12 = إنشاء جدول
audit_action_names-13 = إضافة سطر إلى النموذج
audit_action_names-14 = إنشاء مواعيد
audit_action_names-15 = مواعيد إضافية
audit_action_names-16 = تعليق جدول
audit_search_button = بحث
audit_results_heading = قيود السجل
audit_no_results = لا يوجد قيد يطابق البحث.
audit_when_column = متى
audit_who_column = من
audit_channel_column = القناة
audit_action_column = الإجراء
audit_citizen_column = المواطن
audit_booking_column = الحجز
audit_reason_column = السبب
audit_actor_citizen = المواطن
console_within_deadline = ضمن المهلة المحددة للأولوية
console_beyond_deadline = بعد المهلة المحددة للأولوية
audit_actor_system = النظام
menu_desk_text = زيارات اليوم في المنشأة: تسجيل من حضر ومن لم يحضر.
desk_title = الشباك: زيارات اليوم
desk_intro = لكل زيارة مؤكدة، سجّلوا ما إذا كان الشخص قد حضر. تُسجَّل الزيارات ابتداءً من يومها؛ ولا يمكن تصحيح التسجيل إلا في اليوم الذي تم فيه.
desk_ticket_note = الشخص الذي لا يحضر ولم يُلغِ في الوقت المناسب قد يُطلب منه دفع حصة المريض من التكلفة (ticket) حتى لو كان معفيًا، وفقًا للقواعد الإقليمية: تبقى الزيارة مسجلة بعبارة «ticket مستحق».
desk_facility_label = المنشأة
desk_facility_required = يُرجى اختيار منشأة
desk_day_label = اليوم
desk_day_invalid = التاريخ غير صالح: اكتبوه بالشكل 24/12/2026
desk_show_button = عرض الزيارات
desk_caption = الزيارات يوم { $day } في { $facility }
desk_no_visits = لا توجد زيارات محجوزة في هذا اليوم.
desk_time_column = الوقت
desk_code_column = الرمز
desk_patient_column = الشخص
desk_service_column = الخدمة
desk_status_column = الحالة
desk_action_column = التسجيل
desk_attended_button = حضر
desk_no_show_button = لم يحضر
desk_not_yet = ابتداءً من يوم الزيارة
desk_ticket_due = ticket مستحق
desk_marked_notice = تم تسجيل الزيارة.
menu_deliveries_text = الرسائل إلى المواطنين: عددها في كل حالة، والرسائل التي لم تُسلَّم، وإعادتها إلى قائمة الإرسال.
dl_title = تسليم الرسائل
dl_intro = الرسائل إلى المواطنين حسب النوع والقناة والحالة، والرسائل التي فشلت أو ما زالت معلقة. يمكن إعادة الرسالة الفاشلة إلى قائمة الإرسال. المستلمون مخفيون جزئيًا؛ ولا تُعرض النصوص أبدًا.
dl_channels_heading = القنوات
dl_channel_configured =
    { $configured ->
        [yes] { $channel }: مُهيأة
        [no] { $channel }: غير مُهيأة، تبقى الرسائل معلقة
       *[unknown] { $channel }: التهيئة غير معروفة
    }
dl_oldest_pending =
    { $unit ->
        [seconds] انتظرت أقدم رسالة معلقة { $amount } ثانية.
        [minutes] انتظرت أقدم رسالة معلقة { $amount } دقيقة.
        [hours] انتظرت أقدم رسالة معلقة { $amount } ساعة.
       *[none] لا توجد رسائل معلقة.
    }
dl_counts_heading = الرسائل حسب الحالة
dl_counts_caption = الرسائل حسب النوع والقناة والحالة
dl_no_messages = لا توجد رسائل.
dl_list_heading = الرسائل الفاشلة والمعلقة
dl_list_caption = الرسائل الفاشلة والمعلقة، الأحدث أولًا
dl_no_undelivered = لا توجد رسائل فاشلة أو معلقة.
dl_id_column = الرقم
dl_kind_column = النوع
dl_channel_column = القناة
dl_recipient_column = المستلم
dl_state_column = الحالة
dl_attempts_column = المحاولات
dl_error_column = آخر خطأ
dl_created_column = تاريخ الكتابة
dl_next_column = المحاولة التالية
dl_action_column = الإجراء
dl_retry_button = إعادة إلى قائمة الإرسال
dl_retried_notice = أُعيدت الرسالة إلى قائمة الإرسال.
dl_not_retried_notice = لم تكن الرسالة فاشلة: لم يتغير شيء.
dl_kind_names-0 = تأكيد الحجز
dl_kind_names-1 = تغيير الموعد
dl_kind_names-2 = الإلغاء
dl_kind_names-3 = عرض موعد
dl_kind_names-4 = تذكير
dl_kind_names-5 = تعليق جدول
dl_state_names-0 = معلقة
dl_state_names-1 = مُرسلة
dl_state_names-2 = فاشلة
dl_state_names-3 = لا توجد وسيلة اتصال
dl_channel_names-0 = SMS
dl_channel_names-1 = البريد الإلكتروني
dl_channel_names-2 = لا شيء
bo_yes = نعم
bo_no = لا
bo_choose = اختاروا…
bo_agendas_title = جداول المواعيد
bo_agendas_intro = جداول المواعيد في كل منشأة. هنا تُنشأ المواعيد من النموذج الأسبوعي، وتُضاف مواعيد إضافية، وتُعلَّق أيام: القوائم لا تُغلق أبدًا.
bo_new_agenda_link = جدول جديد
bo_filters_legend = تصفية الجداول
bo_facility_label = المنشأة
bo_any_facility = جميع المنشآت
bo_any_service = جميع الخدمات
bo_filter_button = عرض الجداول
bo_facilities_caption = المنشآت وعدد جداولها
bo_agendas_count_column = الجداول
bo_no_agendas = لا يوجد جدول يطابق عوامل التصفية هذه.
bo_label_label = اسم الجدول
bo_label_hint = مثلًا "العيادة 2" أو اسم الطبيب، 80 حرفًا كحد أقصى.
bo_slot_minutes_column = مدة الموعد (بالدقائق)
bo_slot_minutes_label = مدة الموعد الواحد، بالدقائق
bo_slot_minutes_hint = رقم من 5 إلى 240.
bo_active_column = نشط
bo_new_agenda_title = جدول جديد
bo_new_agenda_intro = الجدول هو مواعيد خدمة واحدة في منشأة واحدة (غرفة أو طبيب). بعد إنشائه، أضيفوا نموذجه الأسبوعي وأنشئوا مواعيده.
bo_create_button = إنشاء الجدول
bo_back_to_agendas = العودة إلى قائمة الجداول
bo_agenda_title = الجدول "{ $label }"، { $facility }
bo_templates_heading = النموذج الأسبوعي
bo_templates_caption = ساعات العمل الأسبوعية التي تُنشأ منها المواعيد
bo_no_templates = النموذج فارغ: دون ساعات عمل لا يمكن إنشاء مواعيد.
bo_weekday_label = يوم الأسبوع
bo_hours_column = الساعات
bo_reservation_column = مواعيد مخصصة لـ
bo_validity_column = السريان
bo_validity =
    { $to ->
        [none] من { $from }، دون تاريخ انتهاء
       *[other] من { $from } إلى { $to }
    }
bo_no_reservation = الجميع
bo_no_reservation_choice = دون تخصيص: مواعيد للجميع
bo_template_legend = إضافة ساعات عمل إلى النموذج
bo_start_label = وقت البداية
bo_end_label = وقت النهاية
bo_time_hint = الساعات والدقائق، مثلًا 8:30.
bo_reservation_label = تخصيص المواعيد
bo_valid_from_label = ساري من
bo_valid_to_label = ساري حتى
bo_valid_to_hint = اليوم والشهر والسنة، مثلًا 30/6/2026. اتركوا الحقل فارغًا إذا لم يكن لساعات العمل تاريخ انتهاء.
bo_date_hint = اليوم والشهر والسنة، مثلًا 24/12/2026.
bo_add_template_button = إضافة ساعات العمل
bo_days_heading = الأيام الـ 14 القادمة
bo_days_caption = مواعيد كل يوم: المتاحة والمحجوزة والمعلقة
bo_no_days = لا توجد مواعيد في الأيام الـ 14 القادمة.
bo_day_column = اليوم
bo_free_column = متاحة
bo_booked_column = محجوزة
bo_suspended_column = معلقة
bo_slots_heading = المواعيد
bo_generate_legend = إنشاء المواعيد من النموذج
bo_generate_hint = يُنشئ مواعيد الفترة من النموذج الأسبوعي، 366 يومًا كحد أقصى في كل مرة (باستثناء العطل الرسمية). المواعيد الموجودة مسبقًا لا تتكرر؛ وتُعرض المواعيد الجديدة أولًا على الأشخاص في قائمة الانتظار.
bo_from_label = من
bo_to_label = إلى
bo_generate_button = إنشاء المواعيد
bo_extra_legend = إضافة مواعيد إضافية
bo_extra_hint = مواعيد إضافية في يوم واحد، متتالية ابتداءً من الوقت المحدد، بمدة الموعد المعتمدة في الجدول. تُعرض أولًا على الأشخاص في قائمة الانتظار.
bo_count_label = عدد المواعيد
bo_count_hint = من 1 إلى 48؛ الحقل الفارغ يعني موعدًا واحدًا.
bo_extra_button = إضافة المواعيد
bo_suspend_legend = تعليق يوم أو فترة
bo_suspend_hint = تُعلَّق مواعيد الفترة ولا تُحذف أبدًا. يُنقل كل حجز إلى أقرب موعد متاح للخدمة نفسها ضمن المهلة المحددة لأولويته (في المنشأة نفسها، ثم في المنطقة نفسها، ثم في أي مكان في الإقليم)؛ وإذا لم يوجد، يُلغى الحجز وتنضم الوصفة إلى قائمة الانتظار. يتلقى كل المعنيين رسالة تتضمن السبب.
bo_suspend_to_hint = اتركوا الحقل فارغًا لتعليق يوم واحد.
bo_reason_label = سبب التعليق
bo_reason_hint = إلزامي، 160 حرفًا كحد أقصى، دون بيانات شخصية: يظهر في الصفحة العامة لحالات التعليق وفي الرسالة إلى الأشخاص المعنيين.
bo_suspend_button = تعليق
bo_facility_required = يُرجى اختيار المنشأة
bo_service_required = يُرجى اختيار الخدمة
bo_label_required = يُرجى إدخال اسم الجدول
bo_label_too_long = لا يمكن أن يتجاوز اسم الجدول 80 حرفًا
bo_label_taken = لدى هذه المنشأة بالفعل جدول بهذا الاسم للخدمة نفسها: اختاروا اسمًا آخر
bo_minutes_invalid = مدة الموعد عدد من الدقائق من 5 إلى 240
bo_weekday_required = يُرجى اختيار يوم الأسبوع
bo_time_invalid = أدخلوا الوقت بالشكل 8:30، من 0:00 إلى 24:00
bo_end_before_start = يجب أن يكون وقت النهاية بعد وقت البداية، مع ترك مجال لموعد واحد على الأقل مدته { $m } دقيقة
bo_reservation_invalid = اختاروا أحد أنواع التخصيص المعروضة
bo_template_overlap = تتداخل هذه الساعات مع ساعات أخرى في يوم الأسبوع نفسه ذات فترة سريان مشتركة
bo_date_required = يُرجى إدخال التاريخ
bo_date_invalid = أدخلوا التاريخ بالشكل 24/12/2026
bo_date_past = لا يمكن أن يكون التاريخ في الماضي
bo_date_far = التاريخ بعيد جدًا: سنتان من اليوم كحد أقصى
bo_to_before_from = لا يمكن أن يسبق تاريخ النهاية تاريخ البداية
bo_period_too_long = لا يمكن أن تتجاوز الفترة 366 يومًا
bo_count_invalid = عدد المواعيد رقم من 1 إلى { $n }
bo_extra_midnight = يجب أن تنتهي المواعيد قبل منتصف الليل: أضيفوا عددًا أقل أو ابدؤوا أبكر
bo_extra_past = يجب أن يبدأ الموعد الأول في وقت لاحق للآن
bo_reason_required = يُرجى إدخال سبب التعليق
bo_reason_too_long = لا يمكن أن يتجاوز السبب { $n } حرفًا
bo_created_notice = تم إنشاء الجدول. أضيفوا الآن نموذجه الأسبوعي وأنشئوا مواعيده.
bo_template_added = أُضيفت ساعات العمل إلى النموذج.
bo_generated = تم إنشاء المواعيد: { $created } جديدة، و{ $existing } موجودة مسبقًا (لم تتكرر)، و{ $offered } عُرضت على أشخاص في قائمة الانتظار.
bo_extra_added = أُضيفت مواعيد إضافية: { $created } جديدة، و{ $existing } موجودة مسبقًا أو متداخلة، و{ $offered } عُرضت على أشخاص في قائمة الانتظار.
bo_suspended_notice = تم تسجيل التعليق: عدد المواعيد المعلقة { $slots }، وعدد الحجوزات المنقولة { $moved }، وعدد الحجوزات الملغاة مع إدراج وصفاتها في قائمة الانتظار { $waitlisted }. سيتلقى الأشخاص المعنيون رسالة.
tr_link = بيانات الشفافية: أوقات الانتظار حسب فئة الأولوية، مع البيانات المفتوحة
tr_title = أوقات الانتظار حسب فئة الأولوية: { $place }
tr_intro = لكل خدمة وكل فئة أولوية: أول تاريخ متاح، ووسيط مدة الانتظار للحجوزات في آخر 90 يومًا (من تاريخ الوصفة إلى تاريخ الموعد)، وعدد الحجوزات التي تمت ضمن الحد الأقصى المضمون للانتظار.
tr_law = منشور بموجب المادة 41، الفقرة 6، من المرسوم التشريعي الإيطالي رقم 33/2013، ويُحدَّث كل 10 دقائق.
tr_show_button = عرض أوقات الانتظار
tr_no_data = لا توجد بيانات لأي خدمة في هذه المنطقة.
tr_class_column = فئة الأولوية
tr_max_wait_column = الحد الأقصى المضمون للانتظار
tr_first_column = أول تاريخ متاح
tr_median_column = وسيط مدة الانتظار (بالأيام)
tr_bookings_column =
    { $d ->
        [one] حجوزات آخر يوم
        [two] حجوزات آخر يومين
        [few] حجوزات آخر { $d } أيام
       *[other] حجوزات آخر { $d } يومًا
    }
tr_within_column = ضمن الحد الأقصى للانتظار
tr_class_names-0 = U (عاجلة)
tr_class_names-1 = B (قصيرة)
tr_class_names-2 = D (مؤجلة)
tr_class_names-3 = P (مبرمجة)
tr_days =
    { $d ->
        [zero] { $d } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $d } أيام
        [many] { $d } يومًا
       *[other] { $d } يوم
    }
tr_none = لا توجد بيانات
tr_open_data_heading = البيانات المفتوحة
tr_open_data_intro = البيانات نفسها لكل منطقة بصيغة CSV (ترميز UTF-8، مفصولة بفواصل، الكسور العشرية بنقطة، والخلايا فارغة حيث لا توجد قيمة) وبصيغة JSON. الصفوف التي يكون فيها area_id فارغًا تخص الإقليم كله. الأعمدة:
tr_csv_link = تنزيل ملف CSV
tr_json_link = تنزيل ملف JSON
tr_column_docs-0 = رمز الخدمة في الدليل الوطني
tr_column_docs-1 = اسم الخدمة (بالإيطالية)
tr_column_docs-2 = زيارة طبية أو فحص
tr_column_docs-3 = معرّف المنطقة؛ فارغ للإقليم كله
tr_column_docs-4 = اسم المنطقة، أو Toscana
tr_column_docs-5 = فئة أولوية الوصفة: U أو B أو D أو P
tr_column_docs-6 = الحد الأقصى المضمون للانتظار لهذه الفئة، بالأيام من تاريخ الوصفة
tr_column_docs-7 = أول يوم فيه موعد متاح يمكن لهذه الفئة حجزه عبر الإنترنت (YYYY-MM-DD)
tr_column_docs-8 = وسيط مدة الانتظار بالأيام، من الوصفة إلى الموعد، للحجوزات في آخر 90 يومًا
tr_column_docs-9 = عدد الحجوزات التي تمت في آخر 90 يومًا (باستثناء الملغاة)
tr_column_docs-10 = النسبة المئوية من تلك الحجوزات التي حُدد موعدها ضمن الحد الأقصى المضمون للانتظار
tr_column_docs-11 = زيارات آخر 90 يومًا التي حضرها الشخص (بحسب تسجيل الشباك)
tr_column_docs-12 = زيارات آخر 90 يومًا التي تغيّب عنها الشخص دون إلغاء
tr_column_docs-13 = نسبة التغيّب بالمئة: المتغيَّب عنها / (المحضورة + المتغيَّب عنها)؛ فارغة في حال عدم وجود زيارات مسجلة
tr_no_show_heading = الزيارات التي تغيّب عنها أصحابها دون إلغاء
tr_no_show_intro = عدد زيارات آخر { $d } يومًا التي ضاعت لأن الشخص لم يحضر ولم يُلغِ. تُحسب النسبة على الزيارات التي سجلها الشباك: المتغيَّب عنها مقسومة على (المحضورة + المتغيَّب عنها).
tr_no_show_caption = التغيّب حسب الخدمة
tr_service_column = الخدمة
tr_attended_column = تم الحضور
tr_no_show_column = تغيّب
tr_no_show_rate_column = نسبة التغيّب
tr_total_row = جميع الخدمات
kiosk_title = الحجز في الصيدلية
kiosk_intro = احجزوا زيارة طبية أو فحصًا بوصفتكم، أو ابحثوا عن حجز. المسوا أحد الخيارين.
kiosk_book_text = تحتاجون إلى رمزكم الضريبي (codice fiscale) ورقم الوصفة (NRE).
kiosk_mine_text = تحتاجون إلى رمزكم الضريبي (codice fiscale) ورمز الحجز.
kiosk_privacy = هذا جهاز مشترك: عند الانتهاء، المسوا «إنهاء ومسح بياناتي». بعد بضع دقائق دون نشاط تنتهي الجلسة تلقائيًا ولا يبقى أي شيء من بياناتكم على هذا الجهاز.
kiosk_ended = انتهت الجلسة: تم مسح ما كتبتموه من هذا الجهاز.
kiosk_end_button = إنهاء ومسح بياناتي
kiosk_idle_title = هل ما زلتم هنا؟
kiosk_idle_text =
    { $s ->
        [one] لحماية بياناتكم، ستنتهي الجلسة بعد ثانية وسيُمسح ما كتبتموه.
        [two] لحماية بياناتكم، ستنتهي الجلسة بعد ثانيتين وسيُمسح ما كتبتموه.
        [few] لحماية بياناتكم، ستنتهي الجلسة بعد { $s } ثوانٍ وسيُمسح ما كتبتموه.
       *[other] لحماية بياناتكم، ستنتهي الجلسة بعد { $s } ثانية وسيُمسح ما كتبتموه.
    }
kiosk_continue = نعم، متابعة
print_now = طباعة الإيصال
sources_intro = من أين تأتي منشآت وخدمات الإقليم التجريبي، مع التحفظات الخاصة بكل قيمة.

## التواريخ والمبالغ: اليوم مكتوبًا بالكامل، يوم ووقت، مبلغ باليورو.
long_date = { $weekday }، { $day } { $month } { $year }
date_time = { $date }، الساعة { $time }
money = { $euros }.{ $cents } يورو

# Issue 14: the journey (where first, help, back links, lost code, hold), the receipt, the operator console.
from_past = هذا التاريخ قد مضى: اكتبوا تاريخ اليوم أو يومًا قادمًا، مثل 24/12/2026
order_legend = ترتيب المواعيد
order_earliest = الأبكر أولًا
order_nearest = الأقرب إلى بلدتكم أولًا
slots_heading_nearest = المواعيد المتاحة، الأقرب إلى بلدتكم أولًا
home_label = بلدتكم
home_hint = لنعرض لكم منطقتكم أولًا والمسافة إلى كل منشأة. إذا لم تختاروها، نأخذ بلدة الميلاد من رمزكم الضريبي: غيّروها إذا كنتم تقيمون في مكان آخر.
home_unknown = اختاروا بلدتكم
nearest_needs_home = لعرض المواعيد الأقرب مسافةً أولًا، اختاروا بلدتكم: وحتى ذلك الحين تُعرض المواعيد الأبكر أولًا
town_not_in_area = { $town } ليست ضمن منطقة { $area }: هذه هي المواعيد في { $town }. لاختيار بلدة أخرى، اختاروا منطقتها أولًا
km_from = على بعد نحو { $km } كم من { $town }
not_changeable_online = بعد الحجز، لا يمكن تغيير الموعد أو إلغاؤه عبر الإنترنت
late_slots_heading = مواعيد خلال يومَي عمل
late_slots_intro = هذه المواعيد أقرب زمنيًا، لكن بعد حجزها لا يمكن تغييرها أو إلغاؤها عبر الإنترنت: لفعل ذلك عليكم الاتصال بـ CUP (مركز الحجز الموحد).
help_heading = هل تحتاجون إلى مساعدة؟
help_call = اتصلوا بـ CUP (مركز الحجز الموحد في الإقليم):
help_hours = ساعات العمل: { $hours }
check_heading = تحققوا من البيانات قبل التأكيد
patient_label = المريض
date_label = التاريخ
time_label = الوقت
online_change_label = التغيير أو الإلغاء عبر الإنترنت
changeable_until = نعم، حتى { $day }
change_link = تغيير
hold_renewed = انتهى وقت التأكيد، لكن الموعد كان لا يزال شاغرًا: نحتفظ به لكم مجددًا حتى الساعة { $time }. ما كتبتموه لا يزال موجودًا.
extend_button = أحتاج إلى وقت إضافي
extend_refused = لا يمكن منح وقت إضافي لهذا الموعد: أكّدوه الآن أو اختاروا موعدًا آخر.
hold_warning = بقيت دقيقتان تقريبًا: بعدها لن يبقى الموعد محجوزًا لكم.
lost_code_link = هل فقدتم رمز الحجز؟
lost_code_title = العثور على حجز بدون رمزه
lost_code_intro = اكتبوا الرمز الضريبي للشخص المراد فحصه ورقم الوصفة (NRE) التي حجزتم بها: تجدونهما على ورقة الوصفة. إذا كان لهذه الوصفة حجز ساري المفعول، نعرض لكم إيصاله مع رمز الحجز. هذه هي البيانات نفسها المطلوبة للحجز: لا نعرض شيئًا لا يعرضه الحجز نفسه.
lost_code_button = البحث عن الحجز
lost_code_not_found = لا يوجد حجز ساري المفعول يطابق هذا الرمز الضريبي ورقم الوصفة هذا. تحققوا من كليهما على ورقة الوصفة.
area_empty_widened = لا توجد مواعيد شاغرة لهذه الخدمة في منطقة { $area }: هذه هي المواعيد في توسكانا كلها.
receipt_cancelled_title = تم إلغاء الحجز
receipt_cancelled_on = أُلغي في { $d }.
receipt_cancel_reason_label = السبب
receipt_cancelled_body = هذا الموعد لم يعد صالحًا: لا تحضروا. إذا كنتم لا تزالون بحاجة إليه، يمكنكم الحجز مجددًا بالوصفة نفسها.
receipt_closed_title = الحجز مكتمل
print_cancelled_title = إثبات الإلغاء
print_button = طباعة
console_choose_slot = اختيار هذا الموعد
console_confirm_title = التحقق والحجز
console_confirm_intro = لم يُحجز الموعد بعد. اقرؤوا للمواطن اليوم والوقت والمكان، واطلبوا بيانات الاتصال للتذكيرات، ثم احجزوا.
console_back_to_slots = العودة إلى المواعيد
console_change_online_until = يمكن للمواطن تغيير الموعد أو إلغاؤه عبر الإنترنت حتى { $d }.
console_change_online_closed = الموعد قريب جدًا: لا يمكن للمواطن تغييره أو إلغاؤه عبر الإنترنت، بل بالاتصال بـ CUP فقط.
console_contacts_hint = للتأكيد والتذكيرات. إذا كانت معروفة في سجل السكان فهي مكتوبة مسبقًا: تحققوا منها مع المواطن.

## suspensions
su_reason_kind_label = نوع السبب
su_reason_kind_required = اختر نوع سبب التعليق
su_reason_names-0 = جهاز معطّل أو قيد الصيانة
su_reason_names-1 = غياب الموظفين
su_reason_names-2 = المبنى غير متاح
su_reason_names-3 = أخرى
su_period = من { $from } إلى { $to }
su_menu_text = الجداول المعلّقة وسبب تعليقها وما حدث لكل حجز.
su_report_title = تعليق الجداول
su_report_intro = كل تعليق، من الأحدث: الجدول والفترة والسبب ومن قرّره ومتى، وما حدث للحجوزات.
su_report_caption = حالات التعليق، من الأحدث
su_none_report = لا يوجد أي تعليق مسجّل.
su_agenda_column = الجدول
su_period_column = الفترة
su_reason_column = السبب
su_by_column = من ومتى
su_slots_column = المواعيد المعلّقة
su_moved_column = الحجوزات المنقولة
su_waitlisted_column = الموضوعة على قائمة الانتظار
su_rebooked_column = حُجزت من جديد لاحقًا
su_count_column = حالات التعليق
su_detail_title = تعليق { $agenda }، { $facility }
su_detail_intro = ما حدث لكل حجز كان على المواعيد المعلّقة. تظهر رموز الحجوزات، لا الأسماء ولا الرموز الضريبية؛ هذا الاطلاع مسجّل.
su_counts_label = المجموع
su_counts = { $slots } مواعيد معلّقة، { $moved } حجوزات منقولة، { $waitlisted } موضوعة على قائمة الانتظار، منها { $rebooked } حُجزت من جديد لاحقًا.
su_audit_column = السجل
su_audit_button = ابحث في السجل
su_audit_gone = قيد لم يعد محفوظًا
su_no_bookings = لم يكن أي حجز على المواعيد المعلّقة.
su_bookings_heading = الحجوزات
su_bookings_caption = الحجوزات على المواعيد المعلّقة، حسب الموعد الأصلي
su_booking_column = الحجز
su_previous_column = الموعد الأصلي
su_outcome_column = النتيجة
su_message_column = الرسالة
su_outcome_moved = نُقل إلى { $when }، { $place }
su_outcome_waitlisted = أُلغي، والوصفة على قائمة الانتظار
su_since_rebooked = حُجز من جديد لاحقًا
su_since_unknown = الحالة غير متاحة
su_no_message = لا توجد رسالة
su_back_to_report = العودة إلى حالات التعليق
su_public_title = الجداول المعلّقة
su_public_area_title = الجداول المعلّقة: { $area }
su_public_intro = عندما يُعلَّق جدول (عطل أو غياب طبيب) لا تُغلق القوائم: يُنقل كل حجز إلى أول موعد شاغر ضمن مهلة أولويته، وإن لم يوجد تعود الوصفة إلى قائمة الانتظار. لا توجد بيانات شخصية.
su_public_areas_caption = حالات التعليق في آخر { $days } يومًا، حسب المنطقة
su_public_list_caption = حالات التعليق في آخر { $days } يومًا
su_public_none = لا يوجد أي تعليق في آخر { $days } يومًا.
su_public_all_areas = كل المناطق
su_public_updated = آخر تحديث { $at }.
