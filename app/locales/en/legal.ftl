# The legal documents (issue 16): privacy notice (GDPR art. 13), accessibility statement (Law
# 4/2004, AgID model), cookies, source code (AGPL-3.0). They exist in Italian and English; the
# other languages show the English text. Controller, DPO, source address and the statement's
# date are settings (see README, "Legal pages").

## privacy
pv_intro = This notice (art. 13 of EU Regulation 2016/679, GDPR) explains who processes your data when you use Cupola, why, for how long, who receives it and what your rights are.
pv_controller_heading = Controller and data protection officer
pv_controller = The data controller is { $controller }.
pv_dpo = The data protection officer (DPO) can be reached at: { $dpo }.
pv_data_heading = What data we process
pv_data-0 = To book: your fiscal code and the electronic prescription number (NRE), with the prescription's details that come from the regional prescription system (service, priority class, date).
pv_data-1 = The booking's details: facility, date and time, booking code, channel (web, kiosk, operator, app) and, if you cancel or move it, the reason; whether you attended.
pv_data-2 = Phone and e-mail, only if you give them, for confirmations, reminders and slots offered from the waiting list; the language you chose.
pv_data-3 = If an operator helps you: who looked at or changed your data, when and why (the access log).
pv_data-4 = Accessibility reports: the text you write and, if you give it, the e-mail for the answer.
pv_data-5 = Technical data: your IP address, kept in memory only to limit guessing and excessive traffic, and technical cookies (see the cookies page). The server's logs hold no fiscal code, NRE, booking code, IP address or contact.
pv_purposes_heading = Why we process it, and on what legal basis
pv_purposes-0 = Booking, moving and cancelling visits and exams, running the waiting list and the guarantee route: a task in the public interest and health care (GDPR art. 6.1.e and art. 9.2.h; Legislative Decree 196/2003 art. 2-sexies).
pv_purposes-1 = Sending you confirmations, reminders and offered slots, if you left a contact: the same basis (Decree-Law 73/2024 on waiting lists).
pv_purposes-2 = Logging staff access to your data, for security and oversight: a legal obligation and a task in the public interest (GDPR art. 6.1.c and e, art. 32).
pv_purposes-3 = Answering accessibility reports: a legal obligation (Law 4/2004 and the AgID guidelines).
pv_purposes-4 = Publishing waiting times: aggregated, anonymous data only (Legislative Decree 33/2013 art. 41).
pv_required = The fiscal code and the NRE are needed to book: without them you cannot book online (you can by phone or at a desk). Phone and e-mail are optional. There is no automated decision-making or profiling: the waiting list follows the order of arrival.
pv_retention_heading = For how long
pv_retention_audit = The log of staff access: { $months } months, then it is deleted automatically, every day.
pv_retention-0 = Bookings, prescriptions and messages sent: for the time the rules on health and administrative records require, set by the controller; Cupola does not delete them by itself.
pv_retention-1 = Accessibility reports: for as long as needed to answer and to document the answer, as set by the controller.
pv_retention-2 = IP addresses: in memory only, for 15 minutes at most.
pv_retention-3 = Cookies: for the durations given on the cookies page (from 10 minutes to a year).
pv_recipients_heading = Who receives it
pv_recipients-0 = Authorised staff of the CUP and of the facilities where you book, each for their own role.
pv_recipients-1 = Those who run technical services for the controller (hosting, sending e-mail and SMS), appointed as processors (GDPR art. 28).
pv_recipients-2 = The Region and the Ministry of Health for monitoring waiting times, and the authorities entitled to it by law.
pv_recipients-3 = The data is not published, nor transferred outside the European Economic Area.
pv_rights_heading = Your rights
pv_rights = You may ask for access to your data, its correction, its erasure within the limits of the law and the restriction of its processing, and you may object to the processing (GDPR arts. 15–21), by writing to the controller or the DPO.
pv_complaint = You may also lodge a complaint with the Italian data protection authority (Garante per la protezione dei dati personali):
pv_updated = Last updated: { $d }.

## accessibility
ac_intro = { $controller } is committed to making Cupola, this site's booking portal, accessible, under Law no. 4 of 9 January 2004 and the AgID guidelines on the accessibility of IT tools.
ac_status_heading = Compliance status
ac_status = This site is partially compliant with the requirements of standard UNI CEI EN 301 549 and with WCAG 2.1 (level AA), because of the limits listed below.
ac_limits_heading = Non-accessible content and known limits
ac_limits-0 = At peak times the virtual waiting room reloads itself (after 2 seconds, then every 15 seconds at most) to show the place in line without JavaScript: this fails criteria 2.2.1, 2.2.4 and 3.2.5 (failure F41). The page says how often it refreshes.
ac_limits-1 = The chosen slot is held for 8 minutes and can be extended twice, not ten times as criterion 2.2.1 asks: other people are waiting for the slot, and we consider the limit essential. With JavaScript a warning comes 2 minutes before the end.
ac_limits-2 = The staff area ends its session after 30 minutes without activity, with no warning (criterion 2.2.1).
ac_limits-3 = The Romanian, Albanian, Chinese, Arabic and Ukrainian texts are machine-assisted translations awaiting review by native speakers.
ac_limits-4 = The legal pages exist in Italian and English only; the other languages show the English text, marked as such.
ac_limits-5 = Service names and preparation notes exist in Italian and English only.
ac_evidence_heading = How it was checked
ac_evidence-0 = Self-assessment, with automated tests run on every change of the code.
ac_evidence-1 = axe-core (WCAG 2.0, 2.1 and 2.2 rules, levels A and AA) on every public, citizen, kiosk and staff page, in all seven languages (Arabic, right to left, included), and on the e-mails: no violation.
ac_evidence-2 = Lighthouse (mobile) on the home page, a booking's free slots and the booking's confirmation: 100 in accessibility.
ac_evidence-3 = Browser tests: no horizontal scrolling at 320 and 360 px (1.4.10), 200% zoom and 200% text size (1.4.4), booking and an operator's call with the keyboard alone (2.1.1), everything also without JavaScript.
ac_evidence-4 = Checks of the pages' code: one main heading, landmarks, form errors tied to their fields (aria-describedby) and an error summary, the language of every page and of every part in another language.
ac_prepared = Statement prepared on { $d } and reviewed at every release.
ac_feedback_heading = Feedback mechanism
ac_feedback = If you find content you cannot use, or an accessibility problem, report it with the form below: the report reaches the people in charge, who answer within { $days } days.
ac_enforcement_heading = Enforcement procedure
ac_enforcement = If no answer comes within { $days } days, or it does not satisfy you, you can turn to AgID's Digital Ombudsman (Difensore civico per il digitale) with the form:

## cookies
ck_intro = Cupola uses technical cookies only, needed for the service you ask for: no profiling, statistics or third-party cookies. That is why your consent is not needed (Legislative Decree 196/2003 art. 122; the Italian data protection authority's guidelines of 10 June 2021).
ck_caption = The cookies Cupola may set
ck_name_column = Name
ck_purpose_column = What it is for
ck_duration_column = Duration
ck_purposes-0 = Remembers the language you chose.
ck_purposes-1 = The browser's encrypted pass: the prescription you proved, the slot held for you and the bookings you may see, with no account.
ck_purposes-2 = At peak times only: the virtual waiting room's ticket, your place in line (signed).
ck_purposes-3 = At peak times only: the permission to enter the booking pages after the line (signed).
ck_purposes-4 = On pharmacy kiosks only: marks the terminal as a kiosk (signed, nothing personal).
ck_purposes-5 = Only for people who sign in with SPID or CIE: the reference to the session, kept on the server.
ck_purposes-6 = Staff only: the operator's session, kept on the server.
ck_durations-0 = 1 year
ck_durations-1 = 1 hour (10 minutes on kiosks), renewed at every step
ck_durations-2 = up to 3 hours
ck_durations-3 = 20 minutes, 1 hour at most
ck_durations-4 = 1 year
ck_durations-5 = 15 minutes without activity, 8 hours at most
ck_durations-6 = 30 minutes without activity
ck_secure_name = { $name } over HTTPS
ck_flags = None can be read by scripts (HttpOnly); all of them are for this site only (SameSite) and, over HTTPS, travel encrypted only (Secure).
ck_storage = The service worker keeps a copy of the pages you visited on your device, to show them without a network (your receipts too); not on kiosks, nor for the booking steps and the staff pages.
ck_manage = You can delete cookies and site data in your browser's settings: the language will be your browser's again, and a booking in progress will have to start over.

## source
sc_intro = Cupola is free software: you may use, study, change and share it under the GNU Affero General Public License, version 3 or later (AGPL-3.0-or-later).
sc_where = The source code of the version running on this site:
sc_demo_url = This is the demo's address: whoever runs the service must give the address of their own code.
sc_version = Version running: { $v }
sc_revision = Revision: { $r }
sc_rights = Whoever offers a modified version over a network must offer its source code to its users (section 13 of the licence).
sc_license_link = The licence's text
