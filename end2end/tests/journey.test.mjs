// The whole booking journey in Chromium: with JavaScript off, with it on, and by keyboard only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, watchedPage, prescription, bookByClicks, url } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function checkReceipt(page, code) {
  await assert.doesNotReject(page.waitForSelector("h1"));
  assert.equal(await page.textContent("h1"), "Prenotazione confermata");
  const grouped = `${code.slice(0, 5)}-${code.slice(5)}`;
  assert.ok((await page.textContent("main")).includes(grouped), "the receipt shows the booking code");
  assert.ok(await page.isVisible('img[src$="/qr.svg"]'), "the QR code shows");
}

test("the journey works with JavaScript off", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await watchedPage(context);
  // A form with mistakes comes back with the errors tied to their fields.
  await page.goto(url("/prenota"));
  await page.fill("#codice_fiscale", "RSSMRA");
  await page.click('main form[action="/prenota"] button[type="submit"]');
  assert.match(await page.title(), /^Errore: /);
  assert.equal(await page.getAttribute("#codice_fiscale", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#codice_fiscale", "aria-describedby"), /codice_fiscale-error/);
  // The browser logs the 422 of a form sent back with errors; that one is expected.
  page.problems = page.problems.filter((p) => !p.includes("422"));

  const code = await bookByClicks(page, prescription(0));
  await checkReceipt(page, code);
  assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the journey works with JavaScript on, and the service worker takes over", async () => {
  const context = await browser.newContext();
  const page = await watchedPage(context);
  const code = await bookByClicks(page, prescription(1));
  await checkReceipt(page, code);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, url("/"));
  assert.deepEqual(page.problems, []);
  await context.close();
});

/** Presses Tab until the focused element matches `selector` (at most 60 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    if (found) {
      // Focus is visible: an outline or a ring on the focused element.
      const visible = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== "none" || style.boxShadow !== "none";
      });
      assert.ok(visible, `focus is not visible on ${selector}`);
      return;
    }
  }
  throw new Error(`${selector} cannot be reached with Tab`);
}

test("the journey can be made with the keyboard alone", async () => {
  const context = await browser.newContext();
  const page = await watchedPage(context);
  const { fiscalCode, nre } = prescription(2);
  await page.goto(url("/"));
  // The skip link comes first and leads to the content.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "#main");
  await tabTo(page, 'a[href="/prenota"]');
  await Promise.all([page.waitForURL(/\/prenota$/), page.keyboard.press("Enter")]);
  // The one field the page is for has the focus already.
  if (!(await page.evaluate(() => document.activeElement?.id === "codice_fiscale"))) await tabTo(page, "#codice_fiscale");
  await page.keyboard.type(fiscalCode);
  await tabTo(page, "#nre");
  await page.keyboard.type(nre);
  await Promise.all([page.waitForURL(/\/prenota\/disponibilita/), page.keyboard.press("Enter")]);
  await tabTo(page, "li.slot form button");
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.keyboard.press("Enter")]);
  await tabTo(page, 'form[action="/prenota/conferma"] button[type="submit"]');
  await Promise.all([page.waitForURL(/\/prenotazioni\//), page.keyboard.press("Enter")]);
  const code = new URL(page.url()).pathname.split("/")[2];
  await checkReceipt(page, code);
  assert.deepEqual(page.problems, []);
  await context.close();
});
