// Issue 14, the citizen's journey as people really use it: one test per finding (1, 2, 3, 6, 7,
// 11), each failing on the journey before the fix. Demo prescriptions 35–39 are this file's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, watchedPage, prescription, bookingCode, url } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** Proves the prescription and lands on the slot list. */
async function toSlots(page, { fiscalCode, nre }) {
  await page.goto(url("/prenota"));
  await page.fill("#codice_fiscale", fiscalCode);
  await page.fill("#nre", nre);
  await Promise.all([page.waitForURL(/\/prenota\/disponibilita/), page.click('main form[action="/prenota"] button[type="submit"]')]);
}

/** A date as people type it, `days` from today in Rome. */
function typedDate(days, separator = "/", shortYear = false) {
  const rome = new Date(new Date().toLocaleString("en-US", { timeZone: "Europe/Rome" }));
  rome.setDate(rome.getDate() + days);
  const year = shortYear ? String(rome.getFullYear()).slice(2) : String(rome.getFullYear());
  return [String(rome.getDate()).padStart(2, "0"), String(rome.getMonth() + 1).padStart(2, "0"), year].join(separator);
}

test("finding 1: slots that cannot be changed online come after the others, marked, and the confirm step says it", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await watchedPage(context);
  await toSlots(page, prescription(35));
  await page.goto(url("/prenota/disponibilita?zona="));
  const main = await page.$$eval('ol[aria-labelledby="slots-title"] li.slot', (items) => items.map((li) => !!li.querySelector(".badge.warn")));
  assert.ok(main.length > 0, "slots are offered");
  assert.ok(main.every((marked) => !marked), "the main list holds slots that can still be changed online");
  const late = await page.$$eval('ol[aria-labelledby="late-title"] li.slot', (items) => items.map((li) => li.querySelector(".badge.warn")?.textContent ?? ""));
  assert.ok(late.every((mark) => mark.includes("non potrai spostarlo né annullarlo online")), "every late slot is marked");
  if (late.length) {
    const order = await page.evaluate(() => {
      const list = document.querySelector('ol[aria-labelledby="slots-title"]');
      const section = document.getElementById("late-title");
      return list.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, "the late slots come after the others");
  }
  // The confirm step says whether the booking could still be changed online, and until when.
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.click('ol[aria-labelledby="slots-title"] li.slot form button')]);
  const check = await page.textContent("dl.check");
  assert.match(check, /Spostare o annullare online\s*Sì, fino a /);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 2: where first — the nearest slots to the citizen's town, the town and distance shown, dependent filters", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await watchedPage(context);
  await toSlots(page, prescription(36));
  assert.equal(await page.textContent("#slots-title"), "Posti disponibili, dal primo disponibile");
  await page.goto(url("/prenota/disponibilita?zona=&da=Firenze&ordine=vicino"));
  assert.equal(await page.textContent("#slots-title"), "Posti disponibili, dal più vicino al tuo comune");
  const towns = await page.$$eval('ol[aria-labelledby="slots-title"] .slot-town', (s) => s.map((x) => x.textContent));
  assert.equal(towns[0], "Firenze", "the nearest town first");
  const distance = await page.textContent('ol[aria-labelledby="slots-title"] .slot-distance');
  assert.match(distance, /km da Firenze/);
  // Firenze's area offers only its own towns; a contradictory pair is answered with a message.
  const firenze = await page.$eval("#zona", (select) => [...select.options].find((o) => o.textContent === "Firenze").value);
  await page.goto(url(`/prenota/disponibilita?zona=${firenze}`));
  const offered = await page.$$eval("#comune option", (o) => o.map((x) => x.textContent));
  assert.ok(offered.includes("Firenze") && !offered.includes("Pisa"), offered.join(", "));
  await page.goto(url(`/prenota/disponibilita?zona=${firenze}&comune=Pisa`));
  assert.equal(await page.getAttribute("#comune", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#comune", "aria-describedby"), /comune-error/);
  assert.match(await page.textContent("#comune-error"), /Errore:.*Pisa non è nella zona Firenze/s);
  assert.ok((await page.$$("li.slot")).length > 0, "not an empty list");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 3: the CUP's number and hours, back links that keep the filters, a lost booking code found again", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await watchedPage(context);
  await page.goto(url("/prenota"));
  assert.match(await page.getAttribute("aside.help a", "href"), /^tel:\+?\d+$/);
  assert.match(await page.textContent("aside.help"), /Orari: /);
  await toSlots(page, prescription(37));
  const dal = typedDate(10);
  await page.goto(url(`/prenota/disponibilita?zona=&dal=${encodeURIComponent(dal)}`));
  assert.equal(await page.getAttribute("a.back-link", "href"), "/prenota");
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.click("li.slot form button")]);
  await Promise.all([page.waitForURL(/\/prenota\/disponibilita/), page.click("a.back-link")]);
  assert.equal(await page.inputValue("#dal"), dal, "back on the list with the same filters");
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.click("li.slot form button")]);
  await Promise.all([page.waitForURL(/\/prenotazioni\//), page.click('main form[action^="/prenota/conferma?"] button[type="submit"]')]);
  const booked = bookingCode(page);
  await context.close();

  // Lost the code: the fiscal code and the NRE of the booked prescription find the booking.
  const other = await browser.newContext({ javaScriptEnabled: false });
  const lost = await watchedPage(other);
  await lost.goto(url("/le-mie-prenotazioni"));
  await Promise.all([lost.waitForURL(/codice-perso/), lost.click('a[href="/le-mie-prenotazioni/codice-perso"]')]);
  assert.equal(await lost.getAttribute("a.back-link", "href"), "/le-mie-prenotazioni");
  const { fiscalCode, nre } = prescription(37);
  await lost.fill("#codice_fiscale", fiscalCode);
  await lost.fill("#nre", nre);
  await Promise.all([lost.waitForURL(/\/prenotazioni\//), lost.click('main form[action="/le-mie-prenotazioni/codice-perso"] button[type="submit"]')]);
  assert.equal(bookingCode(lost), booked);
  assert.deepEqual(lost.problems, []);
  await other.close();
});

test("finding 6: dates with two-digit years and spaces are read; a past or bad date is an error on its field", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await watchedPage(context);
  await toSlots(page, prescription(38));
  for (const typed of [typedDate(30, "/", true), typedDate(30, " ")]) {
    await page.fill("#dal", typed);
    await Promise.all([page.waitForURL(/dal=/), page.click("form.filters button[type=submit]")]);
    assert.equal(await page.getAttribute("#dal", "aria-invalid"), null, `${typed} is a date`);
  }
  for (const [typed, message] of [[typedDate(-2), /La data è già passata/], ["31/02/2026", /data/]]) {
    await page.fill("#dal", typed);
    await Promise.all([page.waitForURL(/dal=/), page.click("form.filters button[type=submit]")]);
    assert.equal(await page.getAttribute("#dal", "aria-invalid"), "true", typed);
    assert.match(await page.getAttribute("#dal", "aria-describedby"), /dal-error/);
    const error = await page.textContent("#dal-error");
    assert.match(error, /^Errore:/);
    assert.match(error, message);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 7: the booking code's error names the wrong character's position unambiguously", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await watchedPage(context);
  await page.goto(url("/le-mie-prenotazioni"));
  await page.fill("#codice_fiscale", "RSSMRA48C55D612S");
  await page.fill("#codice_prenotazione", "1CDEF-GHJKM");
  await page.click('main form[action="/le-mie-prenotazioni"] button[type="submit"]');
  const error = await page.textContent("#codice_prenotazione-error");
  assert.match(error, /Il 1° carattere/);
  assert.doesNotMatch(error, /carattere numero 1/);
  page.problems = page.problems.filter((p) => !p.includes("422"));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("finding 11: the hold's end is announced with 'give me more time', which keeps the slot and the filters", async () => {
  const context = await browser.newContext();
  const page = await watchedPage(context);
  await page.clock.install();
  await toSlots(page, prescription(39));
  const dal = typedDate(12);
  await page.goto(url(`/prenota/disponibilita?zona=&dal=${encodeURIComponent(dal)}`));
  await Promise.all([page.waitForURL(/\/prenota\/conferma\?.*dal=/), page.click("li.slot form button")]);
  const chosen = await page.textContent("dl.check");
  // Without JavaScript the button is there from the start; with it, a live region warns too.
  assert.ok(await page.isVisible("form.extend-hold button"));
  assert.equal(await page.getAttribute("#hold-warning", "aria-live"), "assertive");
  assert.equal((await page.textContent("#hold-warning")).trim(), "");
  await page.clock.fastForward("06:10");
  await page.waitForSelector("#hold-warning p");
  assert.match(await page.textContent("#hold-warning"), /Mancano circa 2 minuti/);
  await Promise.all([page.waitForLoadState("load"), page.waitForURL(/\/prenota\/conferma\?.*dal=/), page.click("#hold-warning button")]);
  assert.equal(await page.textContent("dl.check"), chosen, "the same slot, held again");
  assert.match(await page.getAttribute("a.back-link", "href"), /dal=/);
  await page.fill("#telefono", "333 123 4567");
  await Promise.all([page.waitForURL(/\/prenotazioni\//), page.click('main form[action^="/prenota/conferma?"] button[type="submit"]')]);
  assert.deepEqual(page.problems, []);
  await context.close();
});
