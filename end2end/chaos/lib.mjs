// Shared by the chaos scripts (kill9.mjs, fuzz.mjs): the real `cupola` binary on a database of
// its own, started on a free port and stopped by signal; fresh databases on SQLite (a copied
// file) and PostgreSQL (`create database … template …`); queries through the sqlite3 and psql
// command-line clients. Nothing here prints a fiscal code, an NRE or a booking code.
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, "..", "..");
export const CUPOLA_BIN = resolve(ROOT, "end2end", process.env.CUPOLA_BIN || "../target/debug/cupola");

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `--name value` and `--flag` arguments into an object (values as strings). */
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    if (!(key in defaults)) throw new Error(`unknown option ${a} (known: ${Object.keys(defaults).join(", ")})`);
    if (typeof defaults[key] === "boolean") out[key] = true;
    else out[key] = argv[++i];
  }
  return out;
}

/** Runs `cupola ARGS…` to completion on `databaseUrl`; returns its stdout. */
export function cupola(databaseUrl, args) {
  return execFileSync(CUPOLA_BIN, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: "error" },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
}

/**
 * Starts `cupola serve` on a free port; resolves once it listens and /readyz answers 200.
 * Its stdout and stderr go to `logPath` (appended). Returns { base, child, exited, kill, stop }.
 */
export async function serve(databaseUrl, logPath, extraArgs = [], extraEnv = {}) {
  const log = createWriteStream(logPath, { flags: "a" });
  const child = spawn(CUPOLA_BIN, ["serve", "--addr", "127.0.0.1:0", ...extraArgs], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: "warn", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // "close": the process has exited and its output has been read to the end.
  const exited = new Promise((ok) => child.on("close", (code, signal) => ok({ code, signal })));
  child.stderr.pipe(log, { end: false });
  let listening;
  const base = new Promise((ok, fail) => {
    let buffered = "";
    child.stdout.on("data", (chunk) => {
      log.write(chunk);
      buffered += chunk.toString();
      const m = /Cupola listening on (http:\/\/\S+)/.exec(buffered);
      if (m && !listening) {
        listening = m[1];
        ok(m[1]);
      }
    });
    exited.then(({ code, signal }) => fail(new Error(`cupola exited (${code ?? signal}) before listening; see ${logPath}`)));
  });
  const url = await base;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    if (i > 600) throw new Error(`cupola at ${url} never became ready; see ${logPath}`);
    await sleep(100);
  }
  const finish = async (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const result = await exited;
    await new Promise((ok) => log.end(ok));
    return result;
  };
  return {
    base: url,
    child,
    exited,
    /** SIGKILL: no shutdown, no flush, nothing the process could do. */
    kill: () => finish("SIGKILL"),
    /** SIGTERM: the graceful shutdown. */
    stop: () => finish("SIGTERM"),
  };
}

/** A database backend the scripts can make fresh copies of and query. */
export class Sqlite {
  constructor(dir) {
    this.name = "sqlite";
    this.dir = dir;
  }
  url(name) {
    return `sqlite://${this.file(name)}`;
  }
  file(name) {
    return resolve(this.dir, `${name}.db`);
  }
  create() {}
  /** A fresh copy of `template` (closed: no process has it open). */
  copy(template, name) {
    for (const suffix of ["", "-wal", "-shm"]) {
      const from = this.file(template) + suffix;
      const to = this.file(name) + suffix;
      rmSync(to, { force: true });
      if (existsSync(from)) copyFileSync(from, to);
    }
  }
  drop(name) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(this.file(name) + suffix, { force: true });
  }
  /** Rows of `sql` as arrays of strings. */
  query(name, sql) {
    const out = execFileSync("sqlite3", ["-readonly", "-batch", "-noheader", "-separator", "|", this.file(name), sql]).toString();
    return rows(out);
  }
}

export class Postgres {
  /** `admin`: a URL of a database on the server to run `create database` from. */
  constructor(admin, prefix) {
    this.name = "postgres";
    this.admin = admin;
    this.prefix = prefix;
    this.made = new Set();
  }
  db(name) {
    return `${this.prefix}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  }
  url(name) {
    const u = new URL(this.admin);
    u.pathname = `/${this.db(name)}`;
    return u.toString();
  }
  psql(url, sql) {
    return execFileSync("psql", ["-X", "-q", "-t", "-A", "-F", "|", "-v", "ON_ERROR_STOP=1", url, "-c", sql], {
      env: { ...process.env, PGOPTIONS: "-c client_min_messages=warning" },
    }).toString();
  }
  create(name) {
    this.drop(name);
    this.psql(this.admin, `create database ${this.db(name)}`);
    this.made.add(name);
  }
  copy(template, name) {
    this.drop(name);
    this.psql(this.admin, `create database ${this.db(name)} template ${this.db(template)}`);
    this.made.add(name);
  }
  drop(name) {
    this.psql(this.admin, `drop database if exists ${this.db(name)} with (force)`);
    this.made.delete(name);
  }
  dropAll() {
    for (const name of [...this.made]) {
      try {
        this.drop(name);
      } catch {}
    }
  }
  query(name, sql) {
    return rows(this.psql(this.url(name), sql));
  }
}

function rows(out) {
  return out
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => l.split("|"));
}

/** The PostgreSQL server to use: CUPOLA_TEST_POSTGRES_URL (as CI sets it), or the local one. */
export function postgresAdminUrl() {
  return process.env.CUPOLA_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

/** The sqlite3 command-line client, needed to read the SQLite files. */
export function requireSqlite3() {
  try {
    execFileSync("sqlite3", ["-version"], { stdio: "ignore" });
  } catch {
    throw new Error("the sqlite3 command-line client is missing: apt-get install -y sqlite3");
  }
}
