// Runs every browser test against one real Cupola: a fresh SQLite file seeded with the demo
// region, demo prescriptions for the journeys, the server on a free port, then `node --test`.
//
//   node run.mjs [test files…]     (CUPOLA_BIN picks the binary; default ../target/debug/cupola)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, process.env.CUPOLA_BIN || "../target/debug/cupola");
const dir = mkdtempSync(join(tmpdir(), "cupola-e2e-"));
const database = `sqlite://${join(dir, "e2e.db")}`;
const env = { ...process.env, DATABASE_URL: database, RUST_LOG: "warn" };

function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

let started = Date.now();
execFileSync(bin, ["seed"], { env, stdio: "inherit" });
console.log(`seeded the demo region in ${((Date.now() - started) / 1000).toFixed(1)} s`);
// Prescriptions for the journeys: cardiology visit (89.7A.3), priority P.
const csv = execFileSync(bin, ["demo", "prescriptions", "--count", "60", "--service", "89.7A.3", "--priority", "P"], { env }).toString();
const prescriptions = csv.trim().split("\n").filter((l) => !l.startsWith("fiscal_code")).map((l) => {
  const [fiscalCode, nre] = l.split(",");
  return { fiscalCode, nre };
});

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--kiosk-idle-seconds", "4", "--kiosk-warning-seconds", "3"], {
  env,
  stdio: ["ignore", "inherit", "inherit"],
});
let ready = false;
for (let i = 0; i < 600 && !ready; i++) {
  try {
    ready = (await fetch(`${base}/readyz`)).ok;
  } catch {}
  if (!ready) await new Promise((r) => setTimeout(r, 200));
}
if (!ready) {
  server.kill();
  throw new Error("Cupola did not become ready");
}

mkdirSync(join(here, "results"), { recursive: true });
const files = process.argv.slice(2);
const tests = spawn(process.execPath, ["--test", "--test-concurrency=1", ...(files.length ? files : ["tests/"])], {
  cwd: here,
  env: { ...process.env, CUPOLA_URL: base, CUPOLA_PRESCRIPTIONS: JSON.stringify(prescriptions) },
  stdio: "inherit",
});
const code = await new Promise((ok) => tests.on("exit", (c) => ok(c ?? 1)));
server.kill("SIGTERM");
await new Promise((ok) => server.on("exit", ok));
rmSync(dir, { recursive: true, force: true });
process.exit(code);
