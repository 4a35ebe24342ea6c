// kill -9 durability (issue 12): clients book concurrently through POST /api/v1/bookings, the
// real `cupola` is killed with SIGKILL at a random moment, restarted on the same database, and
// then (reading the database directly):
//   - every booking acknowledged (a 2xx answer received before the kill) is there, active, on
//     the slot it was answered with;
//   - no slot and no prescription has two active bookings.
// Every trial starts from a fresh copy of a seeded template database (demo region, with demo
// prescriptions and the free slots found for them through /api/v1/availability). About a third
// of the requests race on purpose: two prescriptions for one slot, one prescription for two slots.
//
//   node end2end/chaos/kill9.mjs [--trials 10] [--backends sqlite,postgres] [--clients 8]
//                                [--jobs 360] [--seed N] [--keep]
//
// PostgreSQL: the server of CUPOLA_TEST_POSTGRES_URL (else postgres://postgres@127.0.0.1:5432/
// postgres); every database it creates is dropped at the end. CUPOLA_BIN picks the binary
// (default target/debug/cupola). Exits 1 if any trial loses an acknowledged booking, finds a
// double booking, or gets a 5xx other than a shed 503 before the kill.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CUPOLA_BIN, Postgres, Sqlite, cupola, parseArgs, postgresAdminUrl, requireSqlite3, serve, sleep } from "./lib.mjs";

const opts = parseArgs(process.argv.slice(2), {
  trials: "10",
  backends: "sqlite,postgres",
  clients: "8",
  jobs: "360",
  seed: String(Date.now() % 1_000_000),
  keep: false,
});
const TRIALS = Number(opts.trials);
const CLIENTS = Number(opts.clients);
const JOBS = Number(opts.jobs);

// A small seeded generator (mulberry32), so that a failing run can be repeated with --seed.
let state = Number(opts.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const work = mkdtempSync(join(tmpdir(), "cupola-kill9-"));
console.log(`kill -9 durability: ${TRIALS} trial(s) per backend (${opts.backends}), ${CLIENTS} clients, seed ${opts.seed}, binary ${CUPOLA_BIN}`);
console.log(`work directory: ${work}`);

/** The template of a backend: seeded, with prescriptions and the jobs (fiscal code, NRE, slot). */
async function prepare(db) {
  const t0 = Date.now();
  db.create("tpl");
  cupola(db.url("tpl"), ["seed"]);
  const csv = cupola(db.url("tpl"), ["demo", "prescriptions", "--count", String(Math.ceil(JOBS * 0.75))]);
  const rxs = csv
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const [fiscal_code, nre, service] = l.split(",");
      return { fiscal_code, nre, service };
    });
  // The free slots of each service, as a citizen's app finds them.
  const server = await serve(db.url("tpl"), join(work, `${db.name}-prepare.log`));
  const byService = new Map();
  for (const rx of rxs) byService.set(rx.service, [...(byService.get(rx.service) || []), rx]);
  const jobs = [];
  for (const [service, list] of byService) {
    const wanted = list.length * 2;
    const slots = [];
    let after = null;
    while (slots.length < wanted) {
      const q = new URLSearchParams({ service, limit: "50" });
      if (after) q.set("after", after);
      const res = await fetch(`${server.base}/api/v1/availability?${q}`);
      if (!res.ok) throw new Error(`availability of a service: ${res.status}`);
      const page = await res.json();
      slots.push(...page.slots.map((s) => s.slot_id));
      if (!page.next) break;
      after = page.next;
    }
    // Per prescription: its own slot; a third of them race (another prescription on the same
    // slot, or the same prescription on a second slot), queued side by side.
    list.forEach((rx, i) => {
      const slot = slots[i];
      if (slot === undefined) return;
      jobs.push({ ...rx, slot_id: slot });
      const r = random();
      if (r < 0.17 && list[i + 1] && slots[i] !== undefined) jobs.push({ ...list[i + 1], slot_id: slot });
      else if (r < 0.34 && slots[list.length + i] !== undefined) jobs.push({ ...rx, slot_id: slots[list.length + i] });
    });
  }
  await server.stop();
  console.log(`[${db.name}] template: ${rxs.length} prescriptions, ${jobs.length} booking requests, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return jobs.slice(0, JOBS);
}

/** One booking request; the outcome as { status, body } or { error }. */
async function book(base, job, clientIp) {
  try {
    const res = await fetch(`${base}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": clientIp, "accept-language": "it" },
      body: JSON.stringify({ fiscal_code: job.fiscal_code, nre: job.nre, slot_id: job.slot_id }),
    });
    const text = await res.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body };
  } catch (error) {
    return { error };
  }
}

const ip = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

async function trial(db, jobs, n) {
  const name = `t${n}`;
  db.copy("tpl", name);
  const log = join(work, `${db.name}-${name}.log`);
  let server = await serve(db.url(name), log);
  const acked = new Map(); // booking code → slot id (2xx answers received before the kill)
  const counts = { sent: 0, acked: 0, refused: 0, shed: 0, throttled: 0, errors5xx: 0, inFlight: 0, other: 0 };
  const unknown = []; // requests whose answer the kill cut off
  let killed = false;
  let next = 0;
  // The moment: once a random share (5 % to 90 %) of the requests has been sent, and a random
  // 0-50 ms later, so that the kill falls while bookings are flowing, at any point of a request.
  const killAtSent = Math.floor(jobs.length * (0.05 + random() * 0.85));
  let reached;
  const threshold = new Promise((ok) => (reached = ok));
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!killed && next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      counts.sent++;
      if (counts.sent >= killAtSent) reached();
      const r = await book(server.base, job, ip(i + 1));
      if (r.error || killed) {
        // Answered after the kill was sent, or cut off: not acknowledged before the kill.
        if (r.error) unknown.push(i);
        else if (r.status >= 200 && r.status < 300) unknown.push(i);
        continue;
      }
      if (r.status >= 200 && r.status < 300) {
        counts.acked++;
        acked.set(r.body.booking_code, r.body.slot_id);
      } else if (r.status === 409 || r.status === 422) counts.refused++;
      else if (r.status === 503) counts.shed++;
      else if (r.status === 429) counts.throttled++;
      else if (r.status >= 500) counts.errors5xx++;
      else counts.other++;
    }
  });
  const started = Date.now();
  await Promise.race([threshold.then(() => sleep(Math.floor(random() * 50))), Promise.all(clients)]);
  const finishedBeforeKill = next >= jobs.length && counts.sent === counts.acked + counts.refused + counts.shed + counts.throttled + counts.errors5xx + counts.other;
  killed = true;
  const result = await server.kill();
  const killedAt = Date.now() - started;
  await Promise.all(clients);
  counts.inFlight = unknown.length;

  // Restart on the same database: it must come back by itself.
  server = await serve(db.url(name), log);
  // The requests the kill cut off, sent again: each either books, or answers with the booking
  // it had made (a repeated request), or is refused.
  let retried = 0;
  for (const i of unknown) {
    const r = await book(server.base, jobs[i], ip(i + 1));
    if (r.status >= 200 && r.status < 300) {
      retried++;
      acked.set(r.body.booking_code, r.body.slot_id);
    } else if (r.error || r.status >= 500) counts.errors5xx++;
  }

  // The database, read directly.
  const codes = [...acked.keys()];
  const found = new Map();
  for (let k = 0; k < codes.length; k += 200) {
    const list = codes
      .slice(k, k + 200)
      .map((c) => `'${c.replace(/'/g, "''")}'`)
      .join(",");
    for (const [code, slot, status] of db.query(name, `select code, slot_id, status from bookings where code in (${list})`)) {
      found.set(code, { slot: Number(slot), status });
    }
  }
  let lost = 0;
  for (const [code, slot] of acked) {
    const row = found.get(code);
    if (!row || row.slot !== slot || row.status !== "confirmed") lost++;
  }
  const [[doubleSlots]] = db.query(name, "select count(*) from (select slot_id from bookings where status <> 'cancelled' group by slot_id having count(*) > 1) d");
  const [[doublePrescriptions]] = db.query(name, "select count(*) from (select prescription_id from bookings where status <> 'cancelled' group by prescription_id having count(*) > 1) d");
  await server.stop();
  const panics = readFileSync(log, "utf8").split("\n").filter((l) => l.includes("panicked")).length;
  if (!opts.keep) db.drop(name);

  const ok = lost === 0 && Number(doubleSlots) === 0 && Number(doublePrescriptions) === 0 && counts.errors5xx === 0 && panics === 0 && result.signal === "SIGKILL";
  console.log(
    `[${db.name}] trial ${n}: killed at ${killedAt} ms${finishedBeforeKill ? " (after the last request)" : ""}; ` +
      `${counts.sent} sent, ${counts.acked} acknowledged, ${counts.refused} refused (409/422), ${counts.shed} shed, ${counts.throttled} throttled, ` +
      `${counts.inFlight} cut off (${retried} booked or replayed after the restart), ${counts.errors5xx} 5xx; ` +
      `after the restart: ${lost} acknowledged missing, ${doubleSlots} slots and ${doublePrescriptions} prescriptions with two active bookings, ${panics} panics → ${ok ? "ok" : "FAILED"}`,
  );
  return { ok, acked: counts.acked, inFlight: counts.inFlight, lost, doubleSlots: Number(doubleSlots), doublePrescriptions: Number(doublePrescriptions), errors5xx: counts.errors5xx, midFlight: !finishedBeforeKill };
}

const backends = [];
for (const b of opts.backends.split(",").filter(Boolean)) {
  if (b === "sqlite") {
    requireSqlite3();
    backends.push(new Sqlite(work));
  } else if (b === "postgres") backends.push(new Postgres(postgresAdminUrl(), `cupola_kill9_${process.pid}`));
  else throw new Error(`unknown backend ${b}`);
}

let failed = false;
const cleanup = () => {
  for (const db of backends) if (db.dropAll) db.dropAll();
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});
try {
  const summary = [];
  for (const db of backends) {
    const jobs = await prepare(db);
    const totals = { trials: 0, passed: 0, midFlight: 0, acked: 0, inFlight: 0, lost: 0, doubleSlots: 0, doublePrescriptions: 0, errors5xx: 0 };
    for (let n = 1; n <= TRIALS; n++) {
      const r = await trial(db, jobs, n);
      totals.trials++;
      if (r.ok) totals.passed++;
      else failed = true;
      for (const k of ["acked", "inFlight", "lost", "doubleSlots", "doublePrescriptions", "errors5xx"]) totals[k] += r[k];
      if (r.midFlight) totals.midFlight++;
    }
    summary.push(
      `${db.name}: ${totals.passed}/${totals.trials} trials passed (${totals.midFlight} killed with requests in flight); ` +
        `${totals.acked} acknowledged bookings, ${totals.lost} missing after the restart; ${totals.inFlight} requests cut off by the kill; ` +
        `${totals.doubleSlots} double-booked slots, ${totals.doublePrescriptions} prescriptions booked twice; ${totals.errors5xx} 5xx`,
    );
  }
  console.log("\nkill -9 summary");
  for (const line of summary) console.log(`  ${line}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  cleanup();
}
process.exit(failed ? 1 : 0);
