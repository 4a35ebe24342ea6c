// axe-core on every page, in every language (Arabic right to left included): zero WCAG 2.2 A/AA
// violations. Also: no
// horizontal scrolling at 320 px (WCAG 1.4.10 reflow, the 400 % zoom case) nor at 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { launch, axe, url, prescription, passFor, bookOverHttp, holdOverHttp, cookiesFor, BASE, LANGS } from "../lib/browser.mjs";

let browser;
let booking;
let receiptCookie;
let slotsCookie;
let area;

before(async () => {
  browser = await launch();
  [booking, receiptCookie] = await bookOverHttp(await passFor(prescription(10)));
  slotsCookie = await passFor(prescription(11));
  const service = await (await fetch(url("/tempi-di-attesa/89.7A.3"))).text();
  area = service.match(/\/tempi-di-attesa\/89\.7A\.3\/zona\/(\d+)/)[1];
  // An accessibility report, for the supervisors' list and its page (report 1).
  const sent = await fetch(url("/accessibilita/segnalazione"), {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
    body: new URLSearchParams({ pagina: "/prenota", descrizione: "Il pulsante non dice quale orario sceglie.", email: "lettore@example.it" }),
  });
  assert.equal(sent.status, 303);
});
after(async () => { await browser.close(); });

const PUBLIC = [
  "/", "/prestazioni", "/prestazioni?q=eco", "/fonti", "/fonti/strutture", "/fonti/prestazioni", "/prenota", "/le-mie-prenotazioni",
  "/tempi-di-attesa", "/tempi-di-attesa/89.7A.3", () => `/tempi-di-attesa/89.7A.3/zona/${area}`,
  "/trasparenza/tempi-di-attesa", "/trasparenza/tempi-di-attesa/colonne", "/sospensioni", () => `/sospensioni/${area}`, "/offline.html", "/questa-pagina-non-esiste", "/operatore/accesso",
  // Legal pages (issue 16); in five languages the English text, marked, inside the page.
  "/privacy", "/accessibilita", "/accessibilita/segnalazione", "/accessibilita/segnalazione?inviata=1", "/cookie", "/codice-sorgente",
  "/accedi", "/accedi?uscito=1",
];

async function scan(context, paths, lang) {
  const failures = [];
  const page = await context.newPage();
  for (const entry of paths) {
    const path = typeof entry === "function" ? entry() : entry;
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 640 });
      await page.goto(url(path));
      const landed = new URL(page.url());
      if (landed.pathname + landed.search !== new URL(url(path)).pathname + new URL(url(path)).search) {
        failures.push({ path, lang, redirectedTo: page.url() });
      }
      if (width === 360) {
        const violations = await axe(page);
        if (violations.length) failures.push({ path, lang, violations });
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) failures.push({ path, lang, width, overflow: `${overflow}px of horizontal scrolling` });
    }
  }
  await page.close();
  return failures;
}

/** A context in `lang` (the language cookie, as the switch sets it) with an optional pass. */
async function contextIn(lang, cookie) {
  const context = await browser.newContext({ bypassCSP: true });
  const cookies = [{ name: "lang", value: lang, url: BASE }];
  if (cookie) cookies.push(...cookiesFor(cookie));
  await context.addCookies(cookies);
  return context;
}

async function signIn(context, username, password) {
  const page = await context.newPage();
  await page.goto(url("/operatore/accesso"));
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/operatore/accesso")), page.click('main button[type="submit"]')]);
  await page.close();
}

for (const [index, lang] of LANGS.entries()) {
  test(`public pages have no WCAG 2.2 A/AA violations (${lang})`, async () => {
    const context = await contextIn(lang);
    const failures = await scan(context, PUBLIC, lang);
    // A form sent back with errors.
    const page = await context.newPage();
    await page.goto(url("/prenota"));
    await page.click('main form[action="/prenota"] button[type="submit"]');
    const violations = await axe(page);
    if (violations.length) failures.push({ path: "/prenota (errors)", lang, violations });
    // The accessibility feedback form sent back with its errors (nothing is stored).
    await page.goto(url("/accessibilita/segnalazione"));
    await page.fill("#email", "not an address");
    await page.click('main form[action="/accessibilita/segnalazione"] button[type="submit"]');
    const feedback = await axe(page);
    if (feedback.length) failures.push({ path: "/accessibilita/segnalazione (errors)", lang, violations: feedback });
    await context.close();
    assert.deepEqual(failures, []);
  });

  test(`the citizen's own pages have no WCAG 2.2 A/AA violations (${lang})`, async () => {
    const failures = [];
    let context = await contextIn(lang, receiptCookie);
    failures.push(...(await scan(context, [
      `/prenotazioni/${booking}?confermata`, `/prenotazioni/${booking}/stampa`,
      `/prenotazioni/${booking}/annulla`, `/prenotazioni/${booking}/sposta`,
    ], lang)));
    await context.close();
    context = await contextIn(lang, slotsCookie);
    failures.push(...(await scan(context, ["/prenota/disponibilita", "/prenota/disponibilita?zona=" + area], lang)));
    await context.close();
    // A hold of its own per language (prescriptions 60–66): a hold lasts 8 minutes, the run longer.
    context = await contextIn(lang, await holdOverHttp(await passFor(prescription(60 + index))));
    failures.push(...(await scan(context, ["/prenota/conferma"], lang)));
    await context.close();
    assert.deepEqual(failures, []);
  });

  test(`kiosk pages have no WCAG 2.2 A/AA violations (${lang})`, async () => {
    const context = await contextIn(lang);
    const failures = await scan(context, ["/chiosco", "/prenota", "/le-mie-prenotazioni", "/chiosco?chiusa"], lang);
    await context.close();
    assert.deepEqual(failures, []);
  });

  test(`staff pages have no WCAG 2.2 A/AA violations (${lang})`, async () => {
    const failures = [];
    for (const [user, password, paths] of [
      ["operatore1", "cupola-operatore-1", ["/operatore", "/operatore/cittadino", "/operatore/disponibilita", "/operatore/disponibilita?servizio=89.7A.3"]],
      ["supervisore1", "cupola-supervisore-1", ["/operatore/registro", "/operatore/tutela", "/operatore/tutela?stato=chiuse", "/operatore/sospensioni", "/operatore/segnalazioni-accessibilita", "/operatore/segnalazioni-accessibilita?stato=risposte", "/operatore/segnalazioni-accessibilita/1"]],
      ["admin1", "cupola-admin-1", ["/operatore/agende", "/operatore/agende/nuova"]],
    ]) {
      const context = await contextIn(lang);
      await signIn(context, user, password);
      failures.push(...(await scan(context, paths, lang)));
      await context.close();
    }
    assert.deepEqual(failures, []);
  });
}

// The e-mails' HTML, every kind in every language, as the Rust test writes them
// (`CUPOLA_WRITE_MESSAGE_FIXTURES=end2end/fixtures/messages cargo test -p server --lib
// messages::write`; the same test fails when these files are stale).
test("the e-mails' HTML has no WCAG 2.2 A/AA violations (every language)", async () => {
  const dir = new URL("../fixtures/messages/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".html"));
  assert.ok(files.length >= 8 * 7, `every kind in every language, found ${files.length}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const failures = [];
  for (const file of files) {
    await page.setContent(readFileSync(new URL(file, dir), "utf8"));
    const violations = await axe(page);
    if (violations.length) failures.push({ file, violations });
  }
  await context.close();
  assert.deepEqual(failures, []);
});
