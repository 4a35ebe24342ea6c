// One real Cupola for the browser tests and benchmarks: a fresh SQLite file seeded with the demo
// region, demo prescriptions (cardiology visit 89.7A.3, priority P) for the journeys, and the
// server on a free port. CUPOLA_BIN picks the binary (default ../target/debug/cupola).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const CUPOLA_BIN = resolve(here, "..", process.env.CUPOLA_BIN || "../target/debug/cupola");

export function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Seeds, starts and waits for Cupola. Returns { base, prescriptions, cli, stop }: `cli(args)`
 * runs another `cupola` command on the same database. `env` adds settings; links in messages
 * point at the instance itself (CUPOLA_PUBLIC_URL) unless `env` says otherwise. `port`: a port
 * chosen beforehand (to register the address with an identity provider first).
 */
export async function startCupola({
  prescriptions: count = 70,
  serveArgs = [],
  scale = "demo",
  service = "89.7A.3",
  priority = "P",
  env: extra = {},
  port: chosenPort,
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), "cupola-e2e-"));
  const port = chosenPort ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATABASE_URL: `sqlite://${join(dir, "e2e.db")}`, RUST_LOG: "warn", CUPOLA_PUBLIC_URL: base, ...extra };
  const started = Date.now();
  execFileSync(CUPOLA_BIN, ["seed", "--scale", scale], { env, stdio: ["ignore", "inherit", "inherit"] });
  console.log(`seeded the ${scale} region in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const csv = execFileSync(CUPOLA_BIN, ["demo", "prescriptions", "--count", String(count), "--service", service, "--priority", priority], { env }).toString();
  const prescriptions = csv.trim().split("\n").filter((l) => !l.startsWith("fiscal_code")).map((l) => {
    const [fiscalCode, nre] = l.split(",");
    return { fiscalCode, nre };
  });

  const server = spawn(CUPOLA_BIN, ["serve", "--addr", `127.0.0.1:${port}`, ...serveArgs], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((ok) => server.on("exit", ok));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  let ready = false;
  for (let i = 0; i < 600 && !ready; i++) {
    try {
      ready = (await fetch(`${base}/readyz`)).ok;
    } catch {}
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  if (!ready) {
    await stop();
    throw new Error("Cupola did not become ready");
  }
  const cli = (args) => execFileSync(CUPOLA_BIN, args, { env }).toString();
  return { base, prescriptions, cli, stop };
}
