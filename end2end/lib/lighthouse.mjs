// Lighthouse 12 (mobile preset: simulated slow 4G, 4× CPU slowdown, a phone's screen) on one page
// of Cupola, in a fresh Chromium profile; shared by tests/lighthouse.test.mjs (pass/fail on what
// is deterministic) and bench/lighthouse.mjs (the performance score and timings, several runs).
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import puppeteer from "puppeteer-core";
import { CHROMIUM, CHROMIUM_FLAGS, cookiesFor } from "./browser.mjs";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** Runs Lighthouse on `pageUrl` (with the citizen's `cookie`, if any): { lhr, report, artifacts }. */
export async function runLighthouse(pageUrl, cookie) {
  // A fresh browser (empty profile, empty cache) for each page.
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS] });
  try {
    // The citizen's pass goes into the browser's own cookie jar (as after the form), so that
    // the page and its images (the QR code) all carry it; Lighthouse must not clear it.
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    if (cookie) await browser.setCookie(...cookiesFor(cookie).map((c) => ({ ...c, path: "/" })));
    const result = await lighthouse(pageUrl, {
      port: chrome.port,
      output: "html",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      disableStorageReset: true,
    }, undefined, page);
    await browser.disconnect();
    return result;
  } finally {
    await chrome.kill();
  }
}

// Chromium's own classification of each request of the trace (what the trace engine uses).
const NON_BLOCKING = new Set(["non_blocking", "dynamically_injected_non_blocking", "potentially_blocking"]);

/** What one Lighthouse run measured: scores, timings, bytes, requests, render-blocking. */
export function figures(lhr, artifacts) {
  const audit = (id) => lhr.audits[id];
  const ms = (id) => (audit(id).numericValue === undefined ? null : Math.round(audit(id).numericValue));
  const requests = audit("network-requests").details?.items ?? [];
  // Every request of the page's own frame that Chromium marked as blocking rendering, whatever
  // its timing (the audits below list only those that cost enough time in the simulation).
  const mainFrame = artifacts?.Trace?.traceEvents?.find((e) => e.name === "TracingStartedInBrowser")?.args?.data?.frames?.find((f) => !f.parent)?.frame;
  const blockingInTrace = (artifacts?.Trace?.traceEvents ?? [])
    .filter((e) => e.name === "ResourceSendRequest" && e.args?.data?.renderBlocking && !NON_BLOCKING.has(e.args.data.renderBlocking))
    .filter((e) => !mainFrame || e.args.data.frame === mainFrame)
    .map((e) => ({ url: e.args.data.url, renderBlocking: e.args.data.renderBlocking }));
  return {
    lighthouse: lhr.lighthouseVersion,
    runtime_error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score === null ? null : Math.round(lhr.categories[c].score * 100)])),
    first_contentful_paint_ms: ms("first-contentful-paint"),
    largest_contentful_paint_ms: ms("largest-contentful-paint"),
    total_blocking_time_ms: ms("total-blocking-time"),
    cumulative_layout_shift: audit("cumulative-layout-shift").numericValue ?? null,
    speed_index_ms: ms("speed-index"),
    transfer_bytes: audit("total-byte-weight").numericValue,
    requests: requests.map((r) => ({ url: r.url, type: r.resourceType, bytes: r.transferSize, main_frame: r.experimentalFromMainFrame })),
    render_blocking_resources: (audit("render-blocking-resources").details?.items ?? []).map((i) => i.url),
    render_blocking_insight: (audit("render-blocking-insight")?.details?.items ?? []).map((i) => i.url),
    render_blocking_in_trace: blockingInTrace,
  };
}
