// Offline: after visiting pages and booking, with the network gone, the visited pages and the
// receipt still show (from the service worker's caches); a page never visited shows the
// offline page; the stylesheet still applies.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, watchedPage, prescription, bookByClicks, url } from "../lib/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** Waits until the service worker has kept `path` (it stores copies in the background). */
async function kept(page, path) {
  await page.waitForFunction(async (p) => Boolean(await caches.match(p, { ignoreVary: true, ignoreSearch: true })), path, { timeout: 10_000 });
}

test("visited pages and the receipt are readable offline", async () => {
  const context = await browser.newContext();
  const page = await watchedPage(context);
  await page.goto(url("/"));
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await page.goto(url("/"));
  const home = await page.textContent("h1");
  await kept(page, "/");
  await page.goto(url("/tempi-di-attesa/89.7A.3"));
  const times = await page.textContent("h1");
  await kept(page, "/tempi-di-attesa/89.7A.3");
  const code = await bookByClicks(page, prescription(30));
  const grouped = `${code.slice(0, 5)}-${code.slice(5)}`;
  await kept(page, `/prenotazioni/${code}`);

  await context.setOffline(true);
  for (const [path, heading] of [["/", home], ["/tempi-di-attesa/89.7A.3", times]]) {
    await page.goto(url(path));
    assert.equal(await page.textContent("h1"), heading, path);
  }
  // The receipt, at its plain address as printed on it, for the hospital desk.
  await page.goto(url(`/prenotazioni/${code}`));
  assert.ok((await page.textContent("main")).includes(grouped), "the receipt shows offline");
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector("header.site")).backgroundColor);
  assert.equal(styled, "rgb(11, 79, 138)", "the stylesheet applies offline");

  await page.goto(url("/fonti"));
  assert.equal(await page.textContent("h1"), "Sei senza connessione");
  // The offline page leads to the receipts kept on this device.
  await page.waitForSelector("#offline-receipts:not([hidden])");
  await Promise.all([page.waitForURL(new RegExp(`/prenotazioni/${code}$`)), page.click(`#offline-receipts a:text("${grouped}")`)]);
  assert.ok((await page.textContent("main")).includes(grouped), "the receipt shows from the offline page");
  await context.setOffline(false);
  await context.close();
});

test("an update of the service worker removes the caches of earlier releases", async () => {
  const context = await browser.newContext();
  const page = await watchedPage(context);
  // Caches as an earlier release left them, made from a page that registers no worker.
  await page.goto(url("/robots.txt"));
  await page.evaluate(async () => {
    for (const name of ["cupola-shell-0000000000000000", "cupola-pages-0000000000000000", "cupola-receipts-0000000000000000"]) {
      await (await caches.open(name)).put("/old", new Response("old"));
    }
  });
  await page.goto(url("/"));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
  const names = await page.evaluate(() => caches.keys());
  assert.ok(names.some((n) => n.startsWith("cupola-shell-")), `no shell cache: ${names}`);
  assert.deepEqual(names.filter((n) => n.endsWith("-0000000000000000")), [], "old caches left");
  // The shell is precached: the offline page and the stylesheet of this release.
  const shell = names.find((n) => n.startsWith("cupola-shell-"));
  const css = await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').getAttribute("href"));
  const kept = await page.evaluate(async ([name, paths]) => {
    const cache = await caches.open(name);
    return Promise.all(paths.map(async (p) => Boolean(await cache.match(p))));
  }, [shell, ["/offline.html", "/app.js", css]]);
  assert.deepEqual(kept, [true, true, true]);
  assert.deepEqual(page.problems, []);
  await context.close();
});
