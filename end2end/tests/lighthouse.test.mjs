// Lighthouse 12, mobile preset (simulated slow 4G, 4× CPU slowdown, a phone's screen), on the
// home page, the availability page of the journey and the confirmation (the receipt right after
// booking). Pass/fail only on what does not depend on how busy the machine is:
// - accessibility, best practices and SEO at 100;
// - budgets read from the report: bytes on the wire, number of requests, and nothing blocking
//   the first paint but the one stylesheet.
// The performance score and the timings (FCP, LCP, TBT, CLS, Speed Index) are recorded in
// end2end/results/lighthouse.json but not asserted: Lighthouse simulates them from this run's
// CPU timings, and on a shared, loaded machine the score moves (the confirmation once scored 83
// on total blocking time while builds were running). end2end/bench/lighthouse.mjs measures them
// over several runs (BENCHMARKS.md). HTML reports: end2end/artifacts/lighthouse/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { url, prescription, passFor, bookOverHttp } from "../lib/browser.mjs";
import { runLighthouse, figures } from "../lib/lighthouse.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const reports = join(here, "..", "artifacts", "lighthouse");

// Bytes: everything the first visit downloads as Lighthouse counts it (`total-byte-weight`: the
// page, stylesheet, app.js, manifest, icon, and the receipt's QR code), within the same 14 KB
// as lowend.test.mjs's first-visit budget (what a slow connection's first round trips carry).
// Measured on 2026-11-30 (several runs): home 6,461, availability 8,021-8,145, confirmation
// 8,319-8,410 bytes (the QR code varies with the booking code), so about 6 KB of headroom:
// room for a longer page, not for a web font or a library.
const BYTES_BUDGET = 14 * 1024;
// Requests, as Lighthouse lists them (`network-requests`). Measured: home and availability 6
// (page, stylesheet, app.js, manifest, and the icon twice, the second time from the cache),
// confirmation 7 (plus the QR code). Only the page and its stylesheet stand before
// the first paint; the budget is the largest plus one, so any new resource is a decision.
const REQUESTS_BUDGET = 8;
// Render-blocking: the one hashed stylesheet, nothing else (no blocking script, no font CSS).
const STYLESHEET = /^\/static\/style\.[0-9a-f]+\.css$/;
// Lighthouse's errors about recording its own trace, not about the page.
const TRACE_FAILURES = new Set(["NO_NAVSTART", "NO_TRACING_STARTED"]);

const summary = {};
before(() => {
  mkdirSync(reports, { recursive: true });
});
after(() => {
  writeFileSync(join(here, "..", "results", "lighthouse.json"), JSON.stringify(summary, null, 2) + "\n");
});

async function audit(name, path, cookie) {
  let result = await runLighthouse(url(path), cookie);
  let attempts = 1;
  // Lighthouse sometimes fails to find the navigation in its own trace (NO_NAVSTART: on
  // 2026-11-30 in 2 of 4 full runs of the suite, each time on the first page audited, on a
  // loaded machine). That failure of the tool, and only that, gets one more run, said aloud and
  // recorded in lighthouse.json. Any other Lighthouse error, and any page that fails a check
  // below, fails the test.
  if (TRACE_FAILURES.has(result.lhr.runtimeError?.code)) {
    console.log(`lighthouse ${name}: Lighthouse failed (${result.lhr.runtimeError.code}); running it once more`);
    result = await runLighthouse(url(path), cookie);
    attempts = 2;
  }
  writeFileSync(join(reports, `${name}.html`), result.report);
  const lhr = result.lhr;
  const f = figures(lhr, result.artifacts);
  summary[name] = {
    path: path.replace(/\/prenotazioni\/[^/?]+/, "/prenotazioni/{code}"),
    attempts,
    ...f,
    // Recorded, not asserted (see the top of this file).
    requests: f.requests.map((r) => ({ ...r, url: new URL(r.url).pathname.replace(/^\/prenotazioni\/[^/]+/, "/prenotazioni/{code}") })),
    render_blocking: f.render_blocking_in_trace.map((r) => new URL(r.url).pathname),
    render_blocking_resources: undefined,
    render_blocking_insight: undefined,
    render_blocking_in_trace: undefined,
  };
  console.log(`lighthouse ${name}: ${JSON.stringify({ ...summary[name], requests: summary[name].requests.length })}`);

  assert.equal(f.runtime_error, null, "Lighthouse could not audit the page");
  // The page itself was audited, not a redirect to the start of the journey.
  assert.equal(new URL(lhr.finalDisplayedUrl).pathname, new URL(url(path)).pathname);
  const failing = ["accessibility", "best-practices", "seo"].flatMap((c) =>
    lhr.categories[c].auditRefs
      .map((ref) => [ref.id, lhr.audits[ref.id]])
      .filter(([, a]) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map(([id, a]) => `${c}/${id}: ${a.score}`));
  assert.deepEqual(
    { accessibility: f.scores.accessibility, "best-practices": f.scores["best-practices"], seo: f.scores.seo },
    { accessibility: 100, "best-practices": 100, seo: 100 },
    `below 100; audits not passed: ${failing.join(", ")}`,
  );
  assert.ok(f.transfer_bytes <= BYTES_BUDGET, `${f.transfer_bytes} bytes on the wire, budget ${BYTES_BUDGET}`);
  assert.ok(f.requests.length <= REQUESTS_BUDGET, `${f.requests.length} requests, budget ${REQUESTS_BUDGET}: ${f.requests.map((r) => r.url).join(", ")}`);
  // Every request Chromium marked as blocking the first paint (from the trace, whatever its
  // timing), and the items of Lighthouse's two render-blocking audits (which list only those
  // that cost enough time in the simulation): at most the one stylesheet.
  const blocking = [...new Set([...f.render_blocking_in_trace.map((r) => r.url), ...f.render_blocking_resources, ...f.render_blocking_insight])]
    .map((u) => new URL(u).pathname);
  const others = blocking.filter((p) => !STYLESHEET.test(p));
  assert.deepEqual(others, [], "render-blocking beyond the stylesheet");
  assert.ok(blocking.length <= 1, `more than one stylesheet blocks rendering: ${blocking.join(", ")}`);
}

test("home page: accessibility, best practices, SEO at 100; bytes, requests and render-blocking within budget", async () => {
  await audit("home", "/");
});

test("availability page of the journey: accessibility, best practices, SEO at 100; within budgets", async () => {
  await audit("availability", "/prenota/disponibilita", await passFor(prescription(40)));
});

test("confirmation (receipt after booking): accessibility, best practices, SEO at 100; within budgets", async () => {
  const [code, cookie] = await bookOverHttp(await passFor(prescription(41)));
  await audit("confirmation", `/prenotazioni/${code}?confermata`, cookie);
});
