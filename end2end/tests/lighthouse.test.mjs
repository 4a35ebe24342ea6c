// Lighthouse 12, mobile preset (simulated slow 4G, 4× CPU slowdown, a phone's screen), on the
// home page, the availability page of the booking journey and the confirmation (the receipt
// right after booking): performance, accessibility, best practices and SEO must all be 100.
// The HTML reports are written to end2end/artifacts/lighthouse/, the scores to
// end2end/results/lighthouse.json (quoted in BENCHMARKS.md).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import puppeteer from "puppeteer-core";
import { CHROMIUM, CHROMIUM_FLAGS, url, prescription, passFor, bookOverHttp, cookiesFor } from "../lib/browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const reports = join(here, "..", "artifacts", "lighthouse");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const summary = {};

before(() => {
  mkdirSync(reports, { recursive: true });
});
after(() => {
  writeFileSync(join(here, "..", "results", "lighthouse.json"), JSON.stringify(summary, null, 2) + "\n");
});

async function audit(name, path, cookie) {
  // A fresh browser (empty profile, empty cache) for each page.
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS] });
  let result;
  try {
    // The citizen's pass goes into the browser's own cookie jar (as after the form), so that
    // the page and its images (the QR code) all carry it; Lighthouse must not clear it.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    if (cookie) await browser.setCookie(...cookiesFor(cookie).map((c) => ({ ...c, path: "/" })));
    result = await lighthouse(url(path), {
      port: chrome.port,
      output: "html",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      disableStorageReset: true,
    }, undefined, page);
    await browser.disconnect();
  } finally {
    await chrome.kill();
  }
  writeFileSync(join(reports, `${name}.html`), result.report);
  const lhr = result.lhr;
  // The page itself was audited, not a redirect to the start of the journey.
  assert.equal(new URL(lhr.finalDisplayedUrl).pathname, new URL(url(path)).pathname);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
  const metric = (id) => lhr.audits[id].numericValue;
  summary[name] = {
    path: path.replace(/\/prenotazioni\/[^/?]+/, "/prenotazioni/{code}"),
    lighthouse: lhr.lighthouseVersion,
    scores,
    first_contentful_paint_ms: Math.round(metric("first-contentful-paint")),
    largest_contentful_paint_ms: Math.round(metric("largest-contentful-paint")),
    total_blocking_time_ms: Math.round(metric("total-blocking-time")),
    cumulative_layout_shift: metric("cumulative-layout-shift"),
    speed_index_ms: Math.round(metric("speed-index")),
    transfer_bytes: lhr.audits["total-byte-weight"].numericValue,
  };
  console.log(`lighthouse ${name}: ${JSON.stringify(summary[name])}`);
  const failing = Object.entries(lhr.audits)
    .filter(([, a]) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
    .map(([id, a]) => `${id}: ${a.score}`);
  assert.deepEqual(scores, { performance: 100, accessibility: 100, "best-practices": 100, seo: 100 }, `below 100; audits not passed: ${failing.join(", ")}`);
}

test("home page: all four Lighthouse categories at 100", async () => {
  await audit("home", "/");
});

test("availability page of the journey: all four Lighthouse categories at 100", async () => {
  await audit("availability", "/prenota/disponibilita", await passFor(prescription(40)));
});

test("confirmation (receipt after booking): all four Lighthouse categories at 100", async () => {
  const [code, cookie] = await bookOverHttp(await passFor(prescription(41)));
  await audit("confirmation", `/prenotazioni/${code}?confermata`, cookie);
});
