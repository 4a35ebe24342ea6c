// Lighthouse performance as a benchmark, for BENCHMARKS.md: Lighthouse 12 (mobile preset:
// simulated slow 4G, 4× CPU slowdown) on the pages tests/lighthouse.test.mjs audits (home,
// availability of the journey, confirmation), RUNS times each (default 5), each run in a fresh
// Chromium profile. Prints per page the median, min and max of the performance score and of each
// timing (FCP, LCP, TBT, CLS, Speed Index), and the conditions: cores, load average at the start
// and the end (and the highest seen between runs), Chromium, Lighthouse, Node, binary, date.
//
//   cd end2end && npm ci                       (once)
//   CUPOLA_BIN=… node bench/lighthouse.mjs      starts its own Cupola, as run.mjs does
//   RUNS=9 node bench/lighthouse.mjs
//   CUPOLA_URL=http://127.0.0.1:3000 CUPOLA_PRESCRIPTIONS='[{"fiscalCode":…,"nre":…},…]' \
//     node bench/lighthouse.mjs                 against a running Cupola (2 × RUNS prescriptions
//                                               of a service with free slots; run.mjs's format)
//
// Output: stdout and end2end/bench/results/lighthouse-<UTC date and time>.txt. The timings are
// Lighthouse's simulation from this run's own CPU and network timings: on a busy machine they
// grow, which is why they are a benchmark here and not a test.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, statSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCupola, CUPOLA_BIN } from "../lib/cupola.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.RUNS || 5);
const started = new Date();
const loadAtStart = loadavg();
let highestLoad = loadAtStart[0];

function quiet(cmd, args) {
  try {
    return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "?";
  }
}
// Before it starts: cargo may replace the file while the benchmark runs.
const binary = process.env.CUPOLA_URL
  ? `already running at ${process.env.CUPOLA_URL}`
  : `${CUPOLA_BIN} (${quiet(CUPOLA_BIN, ["--version"])}, file modified ${statSync(CUPOLA_BIN).mtime.toISOString()})`;

let cupola = null;
if (!process.env.CUPOLA_URL) {
  cupola = await startCupola({ prescriptions: Math.max(60, 2 * RUNS) });
  process.env.CUPOLA_URL = cupola.base;
  process.env.CUPOLA_PRESCRIPTIONS = JSON.stringify(cupola.prescriptions);
} else if (!process.env.CUPOLA_PRESCRIPTIONS) {
  throw new Error("CUPOLA_URL needs CUPOLA_PRESCRIPTIONS (see the top of this file)");
}
// lib/browser.mjs reads CUPOLA_URL and the prescriptions when it is loaded.
const { url, prescription, passFor, bookOverHttp, CHROMIUM } = await import("../lib/browser.mjs");
const { runLighthouse, figures } = await import("../lib/lighthouse.mjs");

const PAGES = [
  ["home", async () => ["/"]],
  ["availability", async (i) => ["/prenota/disponibilita", await passFor(prescription(2 * i))]],
  ["confirmation", async (i) => {
    const [code, cookie] = await bookOverHttp(await passFor(prescription(2 * i + 1)));
    return [`/prenotazioni/${code}?confermata`, cookie];
  }],
];
const METRICS = [
  ["performance score", (f) => f.scores.performance, 0],
  ["FCP ms", (f) => f.first_contentful_paint_ms, 0],
  ["LCP ms", (f) => f.largest_contentful_paint_ms, 0],
  ["TBT ms", (f) => f.total_blocking_time_ms, 0],
  ["CLS", (f) => f.cumulative_layout_shift, 3],
  ["Speed Index ms", (f) => f.speed_index_ms, 0],
];

const runs = Object.fromEntries(PAGES.map(([name]) => [name, []]));
const failures = [];
let lighthouseVersion = "?";
try {
  // Round by round (home, availability, confirmation, then again), so that a change of load
  // during the benchmark falls on every page alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, setUp] of PAGES) {
      const [path, cookie] = await setUp(i);
      const { lhr, artifacts } = await runLighthouse(url(path), cookie);
      lighthouseVersion = lhr.lighthouseVersion;
      const f = figures(lhr, artifacts);
      highestLoad = Math.max(highestLoad, loadavg()[0]);
      if (f.runtime_error) {
        failures.push(`${name} run ${i + 1}: ${f.runtime_error}`);
        console.log(`${name} run ${i + 1}: Lighthouse failed: ${f.runtime_error}`);
        continue;
      }
      runs[name].push(f);
      console.log(`${name} run ${i + 1}: ${METRICS.map(([label, get]) => `${label} ${get(f)}`).join(", ")} (load ${loadavg()[0].toFixed(2)})`);
    }
  }
} finally {
  if (cupola) await cupola.stop();
}
const loadAtEnd = loadavg();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const fmt = (v, digits) => (v === null || v === undefined ? "-" : Number(v).toFixed(digits));
const load = (l) => l.map((v) => v.toFixed(2)).join(" ");

const lines = [
  `Lighthouse benchmark: end2end/bench/lighthouse.mjs, ${RUNS} runs per page, mobile preset (simulated slow 4G, 4x CPU slowdown)`,
  `date (UTC)      ${started.toISOString()} to ${new Date().toISOString()}`,
  `machine         ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `load average    start ${load(loadAtStart)}; end ${load(loadAtEnd)}; highest 1-min seen after a run ${highestLoad.toFixed(2)}`,
  `Chromium        ${quiet(CHROMIUM, ["--version"])}`,
  `Lighthouse      ${lighthouseVersion}`,
  `Node.js         ${process.version}`,
  `Cupola          ${binary}`,
  `bench commit    ${quiet("git", ["-C", here, "rev-parse", "--short", "HEAD"])}`,
  "",
];
for (const [name] of PAGES) {
  const done = runs[name];
  lines.push(`${name}: ${done.length} runs${done.length < RUNS ? ` (${RUNS - done.length} failed, see below)` : ""}`);
  lines.push(`  ${"".padEnd(18)}${"median".padStart(9)}${"min".padStart(9)}${"max".padStart(9)}   runs`);
  for (const [label, get, digits] of METRICS) {
    const values = done.map(get).filter((v) => v !== null && v !== undefined);
    if (!values.length) {
      lines.push(`  ${label.padEnd(18)}${"-".padStart(9)}`);
      continue;
    }
    lines.push(`  ${label.padEnd(18)}${fmt(median(values), digits).padStart(9)}${fmt(Math.min(...values), digits).padStart(9)}${fmt(Math.max(...values), digits).padStart(9)}   ${values.map((v) => fmt(v, digits)).join(" ")}`);
  }
  lines.push("");
}
if (failures.length) lines.push("Lighthouse runs that failed (not in the figures):", ...failures.map((f) => `  ${f}`), "");

const text = lines.join("\n");
console.log("\n" + text);
const results = join(here, "results");
mkdirSync(results, { recursive: true });
const file = join(results, `lighthouse-${started.toISOString().slice(0, 16).replace(/:/g, "")}.txt`);
writeFileSync(file, text);
console.log(`written to ${file}`);
