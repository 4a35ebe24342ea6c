// Runs every browser test against one real Cupola: a fresh SQLite file seeded with the demo
// region, demo prescriptions for the journeys, the server on a free port (lib/cupola.mjs), then
// `node --test`.
//
//   node run.mjs [test files…]     (CUPOLA_BIN picks the binary; default ../target/debug/cupola)
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startCupola } from "./lib/cupola.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cupola = await startCupola({ serveArgs: ["--kiosk-idle-seconds", "4", "--kiosk-warning-seconds", "3"] });

mkdirSync(join(here, "results"), { recursive: true });
const files = process.argv.slice(2);
const tests = spawn(process.execPath, ["--test", "--test-concurrency=1", ...(files.length ? files : ["tests/"])], {
  cwd: here,
  env: { ...process.env, CUPOLA_URL: cupola.base, CUPOLA_PRESCRIPTIONS: JSON.stringify(cupola.prescriptions) },
  stdio: "inherit",
});
const code = await new Promise((ok) => tests.on("exit", (c) => ok(c ?? 1)));
await cupola.stop();
process.exit(code);
