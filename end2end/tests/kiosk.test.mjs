// A pharmacy kiosk: the booking made there, the inactivity warning, the reset, and nothing
// personal left on the terminal afterwards. (run.mjs starts Cupola with a 4 s idle time and a
// 3 s warning so that the test does not wait minutes.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, watchedPage, prescription, bookByClicks, url } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function leftOnTheTerminal(page) {
  return page.evaluate(async () => ({
    caches: await caches.keys(),
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
}

test("a kiosk books, warns after inactivity, then resets and leaves nothing behind", async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await watchedPage(context);
  const noStore = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "document") noStore.push([new URL(r.url()).pathname, r.headers()["cache-control"]]);
  });
  await page.goto(url("/chiosco"));
  assert.equal(await page.getAttribute("body", "class"), "kiosk");
  const code = await bookByClicks(page, prescription(20), { startAt: "/chiosco" });
  const grouped = `${code.slice(0, 5)}-${code.slice(5)}`;
  assert.ok(await page.isVisible("main a[data-print]"), "the one print control shows");
  // Large touch targets: the main buttons are at least 48 px high.
  const heights = await page.$$eval("main button, footer button", (bs) => bs.filter((b) => b.offsetParent).map((b) => b.getBoundingClientRect().height));
  assert.ok(heights.length > 0 && heights.every((h) => h >= 48), `touch targets: ${heights}`);

  // Whatever a page might have stored on the terminal must go with the reset.
  await page.evaluate(async () => {
    localStorage.setItem("left", "behind");
    sessionStorage.setItem("left", "behind");
    await (await caches.open("left-behind")).put("/left", new Response("behind"));
  });
  assert.notDeepEqual(await leftOnTheTerminal(page), { caches: [], localStorage: 0, sessionStorage: 0, serviceWorkers: 0 });

  // No touch: the warning comes; "continue" keeps the session.
  await page.waitForSelector("#kiosk-idle[open]", { timeout: 10_000 });
  assert.equal(await page.getAttribute("#kiosk-idle", "aria-labelledby"), "kiosk-idle-title");
  await page.click("#kiosk-idle [data-continue]");
  assert.equal(await page.$("#kiosk-idle[open]"), null);
  assert.ok((await page.textContent("main")).includes(grouped));

  // Still no touch: the warning, then the reset.
  await page.waitForSelector("#kiosk-idle[open]", { timeout: 10_000 });
  await page.waitForURL(/\/chiosco\?chiusa$/, { timeout: 10_000 });
  assert.match(await page.textContent("main"), /Sessione terminata/);

  const cookies = (await context.cookies()).map((c) => c.name);
  assert.ok(!cookies.includes("cupola_pass"), "the pass is gone");
  assert.ok(cookies.includes("cupola_chiosco"), "the terminal stays a kiosk");
  assert.deepEqual(await leftOnTheTerminal(page), { caches: [], localStorage: 0, sessionStorage: 0, serviceWorkers: 0 });
  // Every page of the kiosk was no-store, so no HTTP cache holds the receipt either.
  for (const [path, cacheControl] of noStore) assert.equal(cacheControl, "no-store", path);

  // The back button does not bring the receipt back.
  await page.goBack();
  assert.ok(!(await page.textContent("main")).includes(grouped), "the receipt came back");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a half-typed form is cleared by the reset", async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const page = await watchedPage(context);
  await page.goto(url("/chiosco"));
  await Promise.all([page.waitForURL(/\/prenota$/), page.click('main a[href="/prenota"]')]);
  const { fiscalCode } = prescription(22);
  await page.fill("#codice_fiscale", fiscalCode);
  await page.waitForURL(/\/chiosco\?chiusa$/, { timeout: 15_000 });
  await page.goBack();
  await page.waitForSelector("#codice_fiscale");
  assert.equal(await page.inputValue("#codice_fiscale"), "");
  assert.deepEqual(page.problems, []);
  await context.close();
});
