// Low-end phones. For every citizen page, a first visit (empty cache): HTML + CSS + JS at most
// 14 KB compressed, JavaScript at most 4 KB compressed (app.js and the service worker), no web
// font. Then a 360×640 phone with a 4× slower CPU on a slow network (2 s round trip, 400 kbit/s,
// DevTools' "Slow 3G"): the time until the home and availability pages are usable, median of
// three visits each, written to end2end/results/lowend.json (quoted in BENCHMARKS.md).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { get } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, url, prescription, passFor, bookOverHttp, cookiesFor, BASE, LANGS } from "../lib/browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const BUDGET = 14 * 1024;
const JS_BUDGET = 4 * 1024;
let browser;
let receipt;
let receiptCookie;
let slotsCookie;
let swBytes;
const results = { first_visit_bytes: {}, slow_phone_ms: {} };

before(async () => {
  browser = await launch();
  [receipt, receiptCookie] = await bookOverHttp(await passFor(prescription(50)));
  slotsCookie = await passFor(prescription(51));
  swBytes = await compressedSize("/sw.js");
});

/** The bytes on the wire of `path` for a browser that accepts brotli (headers included). */
function compressedSize(path) {
  return new Promise((ok, fail) => {
    get(url(path), { headers: { "accept-encoding": "gzip, deflate, br" } }, (response) => {
      let body = 0;
      const head = Object.entries(response.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 20);
      response.on("data", (chunk) => { body += chunk.length; });
      response.on("end", () => ok(body + head));
    }).on("error", fail);
  });
}
after(async () => {
  await browser.close();
  writeFileSync(join(here, "..", "results", "lowend.json"), JSON.stringify(results, null, 2) + "\n");
});

/** A fresh phone-sized context (empty cache), with an optional citizen pass and language. */
async function phone(cookie, lang) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  if (cookie) await context.addCookies(cookiesFor(cookie));
  if (lang) await context.addCookies([{ name: "lang", value: lang, url: url("/") }]);
  return context;
}

/** Compressed bytes of each response of a first visit, from the network layer. */
async function firstVisit(path, cookie, lang) {
  const context = await phone(cookie, lang);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  // Classified by address: the page, its stylesheet, app.js; the service worker's script is
  // fetched once more below (its registration may or may not be seen from the page).
  const kinds = new Map();
  const bytes = { document: 0, stylesheet: 0, script: 0, font: 0, other: 0 };
  const seen = new Set();
  cdp.on("Network.responseReceived", (e) => {
    // Only what the page itself asked for, once per address (not the service worker's precache).
    if (!e.frameId || seen.has(e.response.url)) return;
    seen.add(e.response.url);
    const path = new URL(e.response.url).pathname;
    const kind = e.type === "Document" ? "document" : e.type === "Font" ? "font"
      : path.endsWith(".css") ? "stylesheet" : path === "/app.js" ? "script" : "other";
    kinds.set(e.requestId, kind);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (kinds.has(e.requestId)) bytes[kinds.get(e.requestId)] += e.encodedDataLength;
  });
  await page.goto(url(path), { waitUntil: "load" });
  assert.equal(new URL(page.url()).pathname, new URL(url(path)).pathname, `${path} redirected`);
  const fonts = await page.evaluate(() => document.fonts.size);
  await context.close();
  return { ...bytes, sw_js: swBytes, fonts };
}

const PAGES = [
  ["home", "/"], ["catalog", "/prestazioni?q=eco"], ["prescription", "/prenota"],
  ["my_bookings", "/le-mie-prenotazioni"], ["waiting_times", "/tempi-di-attesa"],
  ["service_times", "/tempi-di-attesa/89.7A.3"], ["transparency", "/trasparenza/tempi-di-attesa"],
  ["transparency_columns", "/trasparenza/tempi-di-attesa/colonne"], ["suspensions", "/sospensioni"],
  ["sources", "/fonti"], ["sources_facilities", "/fonti/strutture"],
  ["sources_services", "/fonti/prestazioni"], ["kiosk", "/chiosco"],
  ["privacy", "/privacy"], ["accessibility", "/accessibilita"], ["accessibility_feedback", "/accessibilita/segnalazione"],
  ["cookies", "/cookie"], ["source_code", "/codice-sorgente"], ["sign_in", "/accedi"],
];

test("every citizen page's first visit fits in 14 KB, with at most 4 KB of JavaScript and no web font", async () => {
  const pages = [...PAGES, ["availability", "/prenota/disponibilita", () => slotsCookie], ["receipt", () => `/prenotazioni/${receipt}`, () => receiptCookie]];
  const over = [];
  for (const [name, pathOf, cookieOf] of pages) {
    const path = typeof pathOf === "function" ? pathOf() : pathOf;
    const b = await firstVisit(path, cookieOf?.());
    const total = b.document + b.stylesheet + b.script + b.sw_js;
    const js = b.script + b.sw_js;
    results.first_visit_bytes[name] = { html: b.document, css: b.stylesheet, app_js: b.script, sw_js: b.sw_js, js, total, fonts: b.fonts + b.font };
    if (total > BUDGET) over.push(`${name}: ${total} bytes in all`);
    if (js > JS_BUDGET) over.push(`${name}: ${js} bytes of JavaScript`);
    if (b.fonts + b.font > 0) over.push(`${name}: a web font`);
    if (b.script === 0) over.push(`${name}: app.js was not loaded (the measure would be wrong)`);
  }
  console.log(`first visits: ${JSON.stringify(results.first_visit_bytes)}`);
  assert.deepEqual(over, []);
});

test("every citizen page's first visit fits in 14 KB in every language", async () => {
  const over = [];
  results.first_visit_total_by_lang = {};
  for (const lang of LANGS) {
    const totals = {};
    for (const [name, path] of PAGES) {
      const b = await firstVisit(path, undefined, lang);
      totals[name] = b.document + b.stylesheet + b.script + b.sw_js;
      if (totals[name] <= BUDGET) continue;
      over.push(`${name} (${lang}): ${totals[name]} bytes in all`);
    }
    results.first_visit_total_by_lang[lang] = totals;
  }
  console.log(`first visits by language: ${JSON.stringify(results.first_visit_total_by_lang)}`);
  assert.deepEqual(over, []);
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Navigates to `path`; ms from the start of navigation until `ready` is painted, and load. */
async function timedVisit(page, path, ready) {
  await page.goto(url(path), { waitUntil: "commit", timeout: 60_000 });
  await page.locator(ready).first().waitFor({ state: "visible", timeout: 60_000 });
  // Usable: the element is there and painted with its styles (the first contentful paint waits
  // for the stylesheet), measured from the start of the navigation.
  await page.waitForFunction(() => performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint"), null, { timeout: 60_000 });
  const fcp = await page.evaluate(() => performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint").startTime);
  const inDom = await page.evaluate(() => performance.getEntriesByType("navigation")[0].domInteractive);
  await page.waitForLoadState("load");
  const load = await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd);
  return { usable: Math.round(Math.max(fcp, inDom)), fcp, load };
}

/** One slow visit: ms from the start of navigation until `ready` is visible and enabled. */
async function slowVisit(path, ready, cookie) {
  const context = await phone(cookie);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 2000, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const first = await timedVisit(page, path, ready);
  // The same page again on the same phone: stylesheet and script come from its caches.
  const again = await timedVisit(page, path, ready);
  await context.close();
  return { ...first, repeat: again.usable };
}

test("a slow phone on a slow network: home and availability usable, timings recorded", async () => {
  for (const [name, path, ready, cookie] of [
    ["home", "/", 'a[href="/prenota"]'],
    ["availability", "/prenota/disponibilita", "li.slot form button", slotsCookie],
    ["public_availability", "/tempi-di-attesa/89.7A.3", "main table, main ul"],
  ]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await slowVisit(path, ready, cookie));
    results.slow_phone_ms[name] = {
      usable_median: median(runs.map((r) => r.usable)),
      first_contentful_paint_median: Math.round(median(runs.map((r) => r.fcp))),
      load_median: Math.round(median(runs.map((r) => r.load))),
      repeat_visit_usable_median: median(runs.map((r) => r.repeat)),
      runs: runs.map((r) => r.usable),
    };
  }
  console.log(`slow phone: ${JSON.stringify(results.slow_phone_ms)}`);
  // With a 2 s round trip, a page needs two round trips at the least (connection, then the
  // page; the stylesheet comes on the same connection). Usable within 10 s on every visit.
  for (const [name, r] of Object.entries(results.slow_phone_ms)) assert.ok(r.runs.every((ms) => ms < 10_000), `${name}: ${r.runs}`);
});
