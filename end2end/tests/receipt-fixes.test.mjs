// Issue 14, the receipt's findings, as people meet them in Chromium: a cancelled booking that
// must not look valid (4), printing on a kiosk and from the print pages (5), the patient named
// and the date, time and place first (10), and the English wording and focus (12).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, watchedPage, prescription, bookByClicks, passFor, bookOverHttp, cookiesFor, url, BASE } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** A browser context that has booked with demo prescription `n` (over HTTP); [context, code]. */
async function bookedContext(n, options = {}) {
  const [code, cookie] = await bookOverHttp(await passFor(prescription(n)));
  const context = await browser.newContext(options);
  await context.addCookies(cookiesFor(cookie));
  return [context, code];
}

/** Counts window.print() calls instead of opening the print dialog. */
async function countPrints(context) {
  await context.addInitScript(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
}

test("finding 4: a cancelled booking reads as cancelled on screen, on paper and in the calendar", async () => {
  const [context, code] = await bookedContext(56);
  const page = await watchedPage(context);
  await page.goto(url(`/prenotazioni/${code}`));
  await Promise.all([page.waitForURL(/\/annulla$/), page.click(`a[href="/prenotazioni/${code}/annulla"]`)]);
  await page.check('input[name="motivo"][value="0"]');
  await Promise.all([page.waitForURL(/annullata/), page.click('main form button[type="submit"]')]);

  assert.equal(await page.textContent("h1"), "Prenotazione annullata");
  const main = await page.textContent("main");
  assert.match(main, /Annullata il /);
  assert.match(main, /Non ho più bisogno della prestazione/);
  assert.equal(await page.$('img[src$="/qr.svg"]'), null, "no QR code");
  assert.ok(!main.includes("Conservalo"), "no 'keep it'");
  assert.ok(!main.includes("Preparazione"), "no preparation");
  assert.equal(await page.$(`a[href$="/sposta"], a[href$="/annulla"], a[href$=".ics"]`), null, "no move, cancel or calendar links");

  await page.goto(url(`/prenotazioni/${code}/stampa`));
  assert.equal(await page.textContent("h1"), "Attestazione di annullamento");
  assert.ok(!(await page.textContent("main")).includes("Ricevuta di prenotazione"));

  const ics = await (await page.request.get(url(`/prenotazioni/${code}/calendario.ics`))).text();
  assert.match(ics, /^METHOD:CANCEL\r$/m);
  assert.match(ics, /^STATUS:CANCELLED\r$/m);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 5: one print control on the kiosk, and print pages with a real Print button", async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await countPrints(context);
  const page = await watchedPage(context);
  const code = await bookByClicks(page, prescription(57), { startAt: "/chiosco" });
  const controls = await page.$$eval("main a, main button", (all) =>
    all.filter((c) => c.offsetParent && /stampa/i.test(c.textContent)).map((c) => c.textContent.trim()));
  assert.deepEqual(controls, ["Stampa la ricevuta"], "one print control");
  // Printing starts from it, on the receipt itself: no page that asks for the browser's menu.
  const before = page.url();
  await page.click("main a[data-print]");
  assert.equal(await page.evaluate(() => window.printed), 1);
  assert.equal(page.url(), before);

  // The portal's print page: a Print button (the script shows it) and no menu hint.
  await page.goto(url(`/prenotazioni/${code}/stampa`));
  assert.ok(!(await page.textContent("main")).includes("comando Stampa"));
  await page.click('button[data-print]:has-text("Stampa")');
  assert.equal(await page.evaluate(() => window.printed), 1);
  // On paper: no navigation, no button.
  await page.emulateMedia({ media: "print" });
  for (const hidden of ["header.site", "nav", "button[data-print]", ".kiosk-footer"]) {
    for (const el of await page.$$(hidden)) assert.equal(await el.isVisible(), false, `${hidden} printed`);
  }
  assert.ok(await page.isVisible("h1"));
  assert.deepEqual(page.problems, []);
  await context.close();

  // Without JavaScript the print page shows no button that could not work.
  const [plain, other] = await bookedContext(55, { javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto(url(`/prenotazioni/${other}/stampa`));
  assert.equal(await noJs.isVisible("button[data-print]"), false);
  await plain.close();
});

test("finding 10: the receipt names the patient and shows date, time and place first", async () => {
  const { fiscalCode } = prescription(58);
  const [context, code] = await bookedContext(58);
  const page = await watchedPage(context);
  for (const path of [`/prenotazioni/${code}`, `/prenotazioni/${code}/stampa`]) {
    await page.goto(url(path));
    const main = await page.textContent("main");
    assert.match(main, /Paziente/);
    const masked = `${fiscalCode.slice(0, 3)}${"•".repeat(12)}${fiscalCode.slice(15)}`;
    assert.ok(main.includes(masked), `${path}: ${masked}`);
    assert.ok(!main.includes(fiscalCode), `${path}: the whole fiscal code`);
    // The panel comes first in main, with the heading, then when and where.
    const first = await page.evaluate(() => {
      const firstBlock = [...document.querySelector("main").children].find((c) => c.offsetParent && !c.matches(".no-print, .notice"));
      return firstBlock && firstBlock.className;
    });
    assert.match(first, /panel confirmation/, path);
    assert.ok(await page.isVisible(".confirmation h1 + .panel-when"), path);
    const sizes = await page.evaluate(() => [".panel-when", "body"].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)));
    assert.ok(sizes[0] > sizes[1], `date and time are big: ${sizes}`);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 12: English explains its Italian terms, marks Italian data, and focuses notices", async () => {
  const [context, code] = await bookedContext(59);
  await context.addCookies([{ name: "lang", value: "en", url: BASE }]);
  const page = await watchedPage(context);
  await page.goto(url(`/prenotazioni/${code}`));
  assert.match(await page.textContent("main"), /Ticket \(the patient's share of the cost\)/);
  await page.goto(url("/prestazioni?q=cuore"));
  const catalog = await page.textContent("main");
  assert.ok(!/tariff tariff/i.test(catalog), "label said twice");
  assert.ok(await page.$('span[lang="it"]:has-text("Cardiologia")'), "specialty marked Italian");

  // After a move or a cancellation the notice has the focus.
  await page.goto(url(`/prenotazioni/${code}/annulla`));
  await page.check('input[name="motivo"][value="0"]');
  await Promise.all([page.waitForURL(/annullata/), page.click('main form button[type="submit"]')]);
  assert.equal(await page.evaluate(() => document.activeElement.matches(".notice[role=status]")), true);

  // The kiosk says "tax code", as everywhere else in English.
  const kiosk = await browser.newContext();
  await kiosk.addCookies([{ name: "lang", value: "en", url: BASE }]);
  const terminal = await kiosk.newPage();
  await terminal.goto(url("/chiosco"));
  const start = await terminal.textContent("main");
  assert.ok(start.includes("tax code") && !start.includes("fiscal code"), start);
  await kiosk.close();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 12: the contact hint on the confirm form is tied to the phone and e-mail fields", async () => {
  const context = await browser.newContext();
  const page = await watchedPage(context);
  const { fiscalCode, nre } = prescription(54);
  await page.goto(url("/prenota"));
  await page.fill("#codice_fiscale", fiscalCode);
  await page.fill("#nre", nre);
  await Promise.all([page.waitForURL(/disponibilita/), page.click('main form[action="/prenota"] button[type="submit"]')]);
  await Promise.all([page.waitForURL(/conferma/), page.click("li.slot form button")]);
  for (const field of ["#telefono", "#email"]) {
    const ids = (await page.getAttribute(field, "aria-describedby")) ?? "";
    const hints = await page.evaluate((list) => list.split(" ").map((id) => document.getElementById(id)?.textContent ?? ""), ids);
    assert.ok(hints.some((h) => /promemoria/.test(h)), `${field}: ${ids}`);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});
