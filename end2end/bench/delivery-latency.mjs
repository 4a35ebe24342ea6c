// The commit→hand-over part of end2end/bench/delivery.sh: books N visits through the API one
// after another (SPACING_MS apart), each with an e-mail address of its own, notes the moment
// each 201 came back (the commit), then waits for each confirmation at the sink and prints
// the latencies' p50/p99 as JSON. Usage:
//   node delivery-latency.mjs BASE_URL SINK_HTTP_URL PRESCRIPTIONS.csv N SPACING_MS
import { readFileSync } from 'node:fs';

const [base, sink, csvPath, nArg, spacingArg] = process.argv.slice(2);
const n = Number(nArg);
const spacing = Number(spacingArg);
const rows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function json(path, body) {
  const res = await fetch(base + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  return { status: res.status, body: await res.json() };
}

const used = new Set();
const commits = new Map(); // address -> ms
let booked = 0;
for (const [fiscalCode, nre, service] of rows) {
  if (booked >= n) break;
  const { body } = await json(`/api/v1/availability?service=${encodeURIComponent(service)}&limit=50`);
  const slot = (body.slots ?? []).find((s) => !used.has(s.slot_id));
  if (!slot) continue;
  used.add(slot.slot_id);
  const address = `bench${booked}@bench.example.it`;
  const res = await json('/api/v1/bookings', { fiscal_code: fiscalCode, nre, slot_id: slot.slot_id, email: address });
  const at = Date.now();
  if (res.status !== 201) continue;
  commits.set(address, at);
  booked += 1;
  await sleep(spacing);
}

// Every confirmation at the sink (30 s at most after the last booking).
const deadline = Date.now() + 30_000;
let arrivals = new Map();
while (Date.now() < deadline) {
  const messages = await (await fetch(`${sink}/messages`)).json();
  arrivals = new Map();
  for (const m of messages) {
    for (const to of m.envelopeTo) {
      if (commits.has(to) && !arrivals.has(to)) arrivals.set(to, m.arrivedAt);
    }
  }
  if (arrivals.size >= commits.size) break;
  await sleep(200);
}
const latencies = [...commits].filter(([a]) => arrivals.has(a)).map(([a, t]) => arrivals.get(a) - t).sort((x, y) => x - y);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
console.log(JSON.stringify({
  booked,
  arrived: latencies.length,
  p50_ms: pct(50),
  p99_ms: pct(99),
  max_ms: latencies[latencies.length - 1],
  min_ms: latencies[0],
}));
