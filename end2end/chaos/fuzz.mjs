// An HTTP fuzz run of every route and form of Cupola (issue 12), against the real binary on a
// fresh database: random and malformed paths, query strings, form and JSON bodies with random
// fields and values (unicode, control characters, broken percent-encoding, huge values), wrong
// content types, method mismatches, garbage cookies and headers, and raw requests that are not
// HTTP at all. Some requests carry a real citizen pass, a real staff session and its CSRF token,
// a real booking code, so that the fuzz reaches past the first checks.
//
// It fails on any 5xx answer (a shed 503 included: at this rate, with the default capacity, there
// must be none), on an answer Node cannot parse (a header a client sent, echoed raw), on any
// "panicked" in the server's log, and if the server is not alive and ready at the end.
//
//   node end2end/chaos/fuzz.mjs [--requests 20000] [--concurrency 6] [--seed N]
//                               [--backend sqlite|postgres] [--keep] [--by-route]
//
// CUPOLA_BIN picks the binary (default target/debug/cupola); PostgreSQL uses the server of
// CUPOLA_TEST_POSTGRES_URL (else the local one) and drops its database at the end.
import http from "node:http";
import net from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CUPOLA_BIN, Postgres, Sqlite, cupola, parseArgs, postgresAdminUrl, serve } from "./lib.mjs";

const opts = parseArgs(process.argv.slice(2), {
  requests: "20000",
  concurrency: "6",
  seed: String(Date.now() % 1_000_000),
  backend: "sqlite",
  keep: false,
  "by-route": false,
});
const REQUESTS = Number(opts.requests);
const CONCURRENCY = Number(opts.concurrency);

// ---------------------------------------------------------------------------------------------
// A seeded generator (mulberry32): a failing run can be repeated with --seed.
let rngState = Number(opts.seed) >>> 0;
function random() {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const chance = (p) => random() < p;
const pick = (xs) => xs[int(xs.length)];
const repeat = (s, n) => s.repeat(Math.max(0, n));

// ---------------------------------------------------------------------------------------------
// Values.
const real = {}; // filled in by setup(): a fiscal code with its NRE and booking code, codes, ids

const hostileStrings = [
  "",
  " ",
  "\u0000",
  "\r\n",
  "\t",
  "\u007f",
  "%",
  "%%",
  "%0",
  "%zz",
  "%00",
  "%0A%0D",
  "%2F",
  "%2e%2e%2f",
  "../../../etc/passwd",
  "..%2f..%2f",
  "/%09/evil.example/",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "' or '1'='1",
  "'; drop table bookings; --",
  "$1",
  "?",
  "#",
  "&",
  "=",
  "+",
  ";",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "-0",
  "1e308",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775809",
  "99999999999999999999999999",
  "0x10",
  "1.5",
  "2024-02-30",
  "2024-13-01",
  "0000-00-00",
  "9999-12-31",
  "-0001-01-01",
  "+275760-09-13",
  "262143-12-31",
  "2024-01-01T25:61:61",
  "24:00",
  "99:99",
  "1970-01-01",
  "U",
  "b",
  "x",
  "89.7A.3",
  "89.52",
  "🏥",
  "👩🏽‍⚕️",
  "\u202e\u0041\u0042",
  "\ud800",
  "\uffff",
  "\ufeff",
  "e\u0301",
  "İ",
  "ß",
  "Ἀ",
  "日本語",
  "سلام",
  "RSSMRA48C55D612S",
  "rssmra48c55d612s",
  "RSSMRA48C55D612X",
  "STP1234567890123",
  "090A00000000101",
  "090-A00000000101",
  "999A00000000101",
  "AAAAA-AAAAA",
  "23456-789AC",
  "operatore1",
  "admin1",
  "cupola-admin-1",
  "phone_call",
  "desk",
  "booking.created",
  "it",
  "en",
  "xx",
  "*",
];

/** A value as a client might send it: mostly hostile, sometimes real, sometimes enormous. */
function value(field) {
  // Staff forms stop at a wrong token: most carry the real one, to reach what is behind it.
  if (field === "csrf" && real.csrf && chance(0.7)) return real.csrf;
  const r = random();
  if (r < 0.25 && field && realFor(field) !== undefined) return realFor(field);
  if (r < 0.65) return pick(hostileStrings);
  if (r < 0.75) return randomText(int(40));
  if (r < 0.8) return randomText(200 + int(3000));
  if (r < 0.82) return repeat(pick(["A", "é", "%", "0", "🏥", "\u0000"]), 10_000 + int(90_000));
  if (r < 0.9) return String(int(2_000_000) - 1_000_000);
  return pick(hostileStrings) + randomText(int(10)) + pick(hostileStrings);
}

function realFor(field) {
  const table = {
    codice_fiscale: real.fiscalCode,
    fiscal_code: real.fiscalCode,
    nre: real.nre,
    ricetta: real.nre,
    codice_prenotazione: real.bookingCode,
    booking_code: real.bookingCode,
    code: pick([real.bookingCode, real.serviceCode]),
    slot: real.slotId && String(real.slotId),
    slot_id: real.slotId,
    servizio: real.serviceCode,
    service: real.serviceCode,
    zona: real.areaId && String(real.areaId),
    area: real.areaId,
    struttura: real.facilityId && String(real.facilityId),
    id: real.agendaId && String(real.agendaId),
    csrf: real.csrf,
    username: pick(["operatore1", "nessuno", "admin1"]),
    motivo: pick(["phone_call", "desk", "pharmacy", "callback", "other"]),
    azione: pick(["booking.created", "citizen_viewed"]),
    torna: pick(["/prenota", "/operatore", "/%09/evil.example/", "/\t/evil.example"]),
    next: pick(["/operatore", "//evil.example", "/\\evil"]),
    q: pick(["ecografia", "89.7A.3", "visita cardiologica"]),
    dal: "2024-01-01",
  };
  return table[field];
}

function randomText(n) {
  let s = "";
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.5) s += String.fromCharCode(0x20 + int(0x5f));
    else if (r < 0.6) s += String.fromCharCode(int(0x20));
    else if (r < 0.8) s += String.fromCodePoint(0xa0 + int(0x2000));
    else if (r < 0.9) s += String.fromCodePoint(0x10000 + int(0xfffff - 0x10000));
    else s += pick(["\u0000", "\r", "\n", "\u007f", "\u0085", "\u2028", "\ufffd", "%", "&", "=", "+", "/", "\\", "'", '"', "<", ">"]);
  }
  return s;
}

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD). */
function pct(s) {
  const bytes = Buffer.from(String(s), "utf8");
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Encodes a field for a query string or form body: usually right, sometimes broken. */
function encodePair(k, v) {
  const r = random();
  if (r < 0.8) return `${pct(k)}=${pct(v)}`;
  if (r < 0.85) return `${pct(k)}`; // no "="
  if (r < 0.9) return `${pct(k)}=${String(v).replace(/[\s\u0000-\u001f\u007f-\uffff]/g, "")}`; // raw &, =, %, +
  if (r < 0.95) return `${pct(k)}=${pick(["%", "%G1", "%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%E2%82"])}`; // invalid UTF-8
  return `${pct(k)}=${pct(v)}&${pct(k)}=${pct(value(k))}`; // repeated
}

// ---------------------------------------------------------------------------------------------
// Routes: every route of the app (app/src/routes.rs and the routers), with its methods and the
// fields its forms and queries read.
const ROUTES = [
  ["GET", "/", []],
  ["GET", "/prestazioni", ["q"]],
  ["GET", "/lingua/{lang}", ["torna"]],
  ["GET", "/healthz", []],
  ["GET", "/readyz", []],
  ["GET", "/metrics", []],
  ["GET", "/manifest.webmanifest", []],
  ["GET", "/icons/icon.svg", []],
  ["GET", "/fonti", []],
  ["GET", "/app.js", []],
  ["GET", "/sw.js", []],
  ["GET", "/offline.html", []],
  ["GET", "/robots.txt", []],
  ["GET", "/style.css", []],
  ["GET", "/chiosco", ["chiave", "chiusa"]],
  ["POST", "/chiosco/fine", []],
  ["GET", "/prenota", []],
  ["POST", "/prenota", ["codice_fiscale", "nre"]],
  ["GET", "/prenota/disponibilita", ["zona", "comune", "dal", "dopo"]],
  ["POST", "/prenota/scegli", ["slot"]],
  ["GET", "/prenota/scegli", []],
  ["GET", "/prenota/conferma", []],
  ["POST", "/prenota/conferma", ["telefono", "email"]],
  ["POST", "/prenota/rilascia", []],
  ["GET", "/prenota/lista-attesa", []],
  ["POST", "/prenota/lista-attesa", ["telefono", "email"]],
  ["GET", "/le-mie-prenotazioni", []],
  ["POST", "/le-mie-prenotazioni", ["codice_fiscale", "codice_prenotazione"]],
  ["GET", "/prenotazioni/{code}", ["confermata", "spostata", "annullata"]],
  ["GET", "/prenotazioni/{code}/stampa", []],
  ["GET", "/prenotazioni/{code}/calendario.ics", []],
  ["GET", "/prenotazioni/{code}/qr.svg", []],
  ["GET", "/prenotazioni/{code}/annulla", []],
  ["POST", "/prenotazioni/{code}/annulla", ["motivo", "dettagli"]],
  ["GET", "/prenotazioni/{code}/sposta", ["zona", "comune", "dal", "dopo"]],
  ["POST", "/prenotazioni/{code}/sposta", ["slot"]],
  ["GET", "/prenotazioni/{code}/sposta/conferma", []],
  ["POST", "/prenotazioni/{code}/sposta/conferma", []],
  ["GET", "/tempi-di-attesa", ["zona", "q"]],
  ["GET", "/tempi-di-attesa/{service}", ["zona"]],
  ["GET", "/tempi-di-attesa/{service}/dati.json", []],
  ["GET", "/tempi-di-attesa/{service}/zona/{area}", []],
  ["GET", "/tempi-di-attesa/{service}/zona/{area}/dati.json", []],
  ["GET", "/trasparenza/tempi-di-attesa", ["zona"]],
  ["GET", "/trasparenza/tempi-di-attesa.csv", []],
  ["GET", "/trasparenza/tempi-di-attesa.json", []],
  ["GET", "/sospensioni", []],
  ["GET", "/sospensioni/{area}", []],
  ["GET", "/privacy", []],
  ["GET", "/accessibilita", []],
  ["GET", "/accessibilita/segnalazione", ["inviata"]],
  ["POST", "/accessibilita/segnalazione", ["pagina", "descrizione", "email"]],
  ["GET", "/cookie", []],
  ["GET", "/codice-sorgente", []],
  ["GET", "/accedi", ["uscito", "scaduta"]],
  ["GET", "/accedi/con/{id}", []],
  ["GET", "/accedi/ritorno", ["code", "state", "iss", "error"]],
  ["POST", "/esci", []],
  ["POST", "/esci/ovunque", []],
  ["POST", "/prenota/ricetta/{id}", []],
  ["POST", "/le-mie-prenotazioni/deleghe", ["delegato", "valida_fino"]],
  ["POST", "/le-mie-prenotazioni/deleghe/minore", ["minore"]],
  ["POST", "/le-mie-prenotazioni/deleghe/{id}/revoca", []],
  ["POST", "/operatore/cittadino/delega", ["delegato", "valida_fino", "documento", "csrf"]],
  ["POST", "/operatore/cittadino/delega/{id}/revoca", ["csrf"]],
  ["GET", "/operatore/segnalazioni-accessibilita", ["stato"]],
  ["GET", "/operatore/segnalazioni-accessibilita/{id}", []],
  ["POST", "/operatore/segnalazioni-accessibilita/{id}", ["risposta", "csrf"]],
  ["GET", "/operatore", []],
  ["GET", "/operatore/accesso", ["torna"]],
  ["POST", "/operatore/accesso", ["username", "password", "csrf", "next"]],
  ["POST", "/operatore/uscita", ["csrf"]],
  ["GET", "/operatore/disponibilita", ["servizio"]],
  ["GET", "/operatore/cittadino", []],
  ["POST", "/operatore/cittadino", ["codice_fiscale", "motivo", "note", "csrf"]],
  ["GET", "/operatore/cittadino/scheda", []],
  ["GET", "/operatore/cittadino/prenota", ["ricetta", "zona", "dopo"]],
  ["POST", "/operatore/cittadino/prenota", ["ricetta", "slot", "csrf"]],
  ["GET", "/operatore/prenotazioni/{code}", []],
  ["GET", "/operatore/prenotazioni/{code}/stampa", []],
  ["GET", "/operatore/prenotazioni/{code}/qr.svg", []],
  ["GET", "/operatore/prenotazioni/{code}/annulla", []],
  ["POST", "/operatore/prenotazioni/{code}/annulla", ["motivo", "dettagli", "csrf"]],
  ["GET", "/operatore/prenotazioni/{code}/sposta", ["zona", "dopo"]],
  ["POST", "/operatore/prenotazioni/{code}/sposta", ["slot", "csrf"]],
  ["GET", "/operatore/registro", ["dopo"]],
  ["POST", "/operatore/registro", ["codice_fiscale", "utente", "dal", "al", "azione", "csrf"]],
  ["GET", "/operatore/agende", ["struttura", "servizio"]],
  ["GET", "/operatore/agende/nuova", []],
  ["POST", "/operatore/agende/nuova", ["struttura", "servizio", "nome", "minuti", "csrf"]],
  ["GET", "/operatore/agende/{id}", []],
  ["POST", "/operatore/agende/{id}/modello", ["modello_giorno", "modello_inizio", "modello_fine", "modello_riserva", "modello_dal", "modello_al", "csrf"]],
  ["POST", "/operatore/agende/{id}/genera", ["genera_dal", "genera_al", "csrf"]],
  ["POST", "/operatore/agende/{id}/extra", ["extra_giorno", "extra_ora", "extra_numero", "csrf"]],
  ["POST", "/operatore/agende/{id}/sospendi", ["sospendi_dal", "sospendi_al", "sospendi_categoria", "sospendi_motivo", "csrf"]],
  ["GET", "/operatore/sospensioni", ["zona", "dopo"]],
  ["GET", "/operatore/sospensioni/{id}", []],
  ["GET", "/api/v1/services", ["q"]],
  ["GET", "/api/v1/availability", ["service", "area", "town", "from", "after", "limit"]],
  ["POST", "/api/v1/bookings", ["fiscal_code", "nre", "slot_id", "phone", "email"], "json"],
  ["POST", "/api/v1/bookings/lookup", ["booking_code", "fiscal_code"], "json"],
  ["POST", "/api/v1/bookings/cancel", ["booking_code", "fiscal_code", "reason"], "json"],
  ["POST", "/api/v1/bookings/move", ["booking_code", "fiscal_code", "slot_id"], "json"],
  ["GET", "/api/v1/openapi.json", []],
  ["GET", "/api/v1/{rest}", []],
  ["GET", "/{rest}", []],
];

function fillPath(template) {
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    const r = random();
    if (r < 0.45) {
      const good = { lang: pick(["it", "en"]), code: real.bookingCode, service: real.serviceCode, area: String(real.areaId), id: String(real.agendaId), rest: pick(["x", "v2", "prenota/../admin"]) }[name];
      if (good) return pct(good);
    }
    if (r < 0.9) return pct(value(name));
    // Raw, not encoded: what a careless client puts in a path.
    return pick(["..", ".", "%", "%2F..%2F", "a/b", "%00", "%c0%ae%c0%ae", ";x=1", "a%20b", "~", "@", ":", "!$&'()*+,;="]);
  });
}

function queryString(fields) {
  const pairs = [];
  for (const f of fields) if (chance(0.6)) pairs.push(encodePair(f, value(f)));
  for (let i = int(3); i > 0; i--) pairs.push(encodePair(pick(["x", "__proto__", "constructor", "a[b]", "a[]", "", "torna", "lang", "zona"]), value()));
  if (chance(0.05)) pairs.push(repeat("a=b&", 2000 + int(5000)));
  return pairs.length ? `?${pairs.join("&")}` : chance(0.1) ? "?" : "";
}

function jsonValue(field, depth = 0) {
  const r = random();
  if (r < 0.55) {
    const v = value(field);
    if (field === "slot_id" || field === "area") return chance(0.7) ? (Number.isFinite(Number(v)) ? Number(v) : int(1e9)) : v;
    return v;
  }
  if (r < 0.65) return null;
  if (r < 0.72) return pick([true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, Number.MAX_SAFE_INTEGER]);
  if (r < 0.8 && depth < 30) return [jsonValue(field, depth + 1)];
  if (r < 0.88 && depth < 30) return { [field || "x"]: jsonValue(field, depth + 1) };
  return randomText(int(30));
}

/** A body for `fields`, as the route expects it or not: { body: Buffer, type: string|null }. */
function body(fields, kind) {
  const r = random();
  const asJson = () => {
    const o = {};
    for (const f of fields) if (chance(0.85)) o[f] = jsonValue(f);
    for (let i = int(3); i > 0; i--) o[pick(["x", "__proto__", "constructor", "slot_id", ""])] = jsonValue();
    return JSON.stringify(o);
  };
  const asForm = () => {
    const pairs = [];
    for (const f of fields) if (chance(0.8)) pairs.push(encodePair(f, value(f)));
    if (chance(0.3)) pairs.push(encodePair(pick(["x", "csrf", "slot", "torna"]), value()));
    return pairs.join("&");
  };
  const expected = kind === "json" ? "application/json" : "application/x-www-form-urlencoded";
  if (r < 0.6) return { body: Buffer.from(kind === "json" ? asJson() : asForm()), type: chance(0.9) ? expected : `${expected}; charset=${pick(["utf-8", "latin1", "ebcdic", "", "\"x\""])}` };
  if (r < 0.7) return { body: Buffer.from(kind === "json" ? asForm() : asJson()), type: chance(0.5) ? expected : null };
  if (r < 0.78)
    return {
      body: Buffer.from(pick(["{", "[", "{\"a\":", "nul", "\"x\"", "[]", "1", "{}}", "\u0000", "{\"fiscal_code\":\"\\ud800\"}", repeat("[", 5000), `{"slot_id":${"9".repeat(400)}}`])),
      type: pick([expected, "application/json", null]),
    };
  if (r < 0.84) return { body: Buffer.from(asForm()), type: pick(["text/plain", "multipart/form-data; boundary=x", "application/xml", "image/png", "application/x-www-form-urlencoded, application/json", "", ";;;", "*/*"]) };
  if (r < 0.9) {
    const bytes = Buffer.alloc(int(4096));
    for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
    return { body: bytes, type: pick([expected, "application/octet-stream", null]) };
  }
  if (r < 0.92) return { body: Buffer.alloc(chance(0.5) ? 70_000 + int(100_000) : 1_100_000 + int(1_000_000), chance(0.5) ? "a" : "&"), type: expected };
  return { body: Buffer.alloc(0), type: chance(0.5) ? expected : null };
}

function cookies(route) {
  const jar = [];
  const r = random();
  if (r < 0.55) {
    // The real ones, as a browser would send them.
    if (real.pass && chance(0.7)) jar.push(real.pass);
    if (real.staff && (route.startsWith("/operatore") ? chance(0.85) : chance(0.2))) jar.push(real.staff);
    if (chance(0.3)) jar.push(`lang=${pick(["en", "it"])}`);
  } else if (r < 0.85) {
    // Known names, garbage values.
    for (const name of ["cupola_pass", "cupola_staff", "cupola_ticket", "cupola_admitted", "cupola_chiosco", "lang", "__Host-cupola_pass", "__Host-cupola_staff", "id"]) {
      if (chance(0.3)) jar.push(`${name}=${pick([pct(value()), "", "=", "a=b=c", "\"quoted\"", "%", repeat("A", 4000), Buffer.from(randomText(30)).toString("base64")])}`);
    }
    // Real cookies, tampered with.
    for (const c of [real.pass, real.staff]) {
      if (c && chance(0.3)) {
        const at = c.indexOf("=") + 1 + int(c.length - c.indexOf("=") - 1);
        jar.push(c.slice(0, at) + pick(["A", "_", "-", "", "%"]) + c.slice(at + 1));
      }
    }
  } else if (r < 0.88) {
    jar.push(repeat("x=y; ", 500 + int(2000)));
  }
  return jar.length ? jar.join(pick(["; ", ";", "; ; ", ","])) : null;
}

function headers(route, bodyType, length) {
  const h = {};
  if (chance(0.9)) h.Host = real.host;
  else h.Host = pick(["evil.example", "", "127.0.0.1", `${real.host}:99`, "[::1]", repeat("h", 300)]);
  const c = cookies(route);
  if (c !== null) h.Cookie = c;
  if (bodyType !== null && bodyType !== undefined) h["Content-Type"] = bodyType;
  if (length !== undefined) h["Content-Length"] = String(length);
  if (chance(0.7)) h["X-Forwarded-For"] = chance(0.9) ? `10.${int(256)}.${int(256)}.${int(256)}` : pick(["garbage", "", "1.2.3.4, ::1", "::ffff:1.2.3.4", "2001:db8::1", "999.1.1.1", "1.1.1.1,,,", repeat("1.1.1.1, ", 500)]);
  if (chance(0.5)) h["Accept-Language"] = pick(["it", "en", "en-GB,en;q=0.9", "*", "xx", "it;q=abc", ";;;", "en;q=-1", repeat("en,", 1000), "zh-Hant-TW;q=0.0"]);
  if (chance(0.4)) h["Accept-Encoding"] = pick(["gzip", "br", "gzip, deflate, br", "identity;q=0", "*", "br;q=nope", "zstd"]);
  if (chance(0.3)) h.Accept = pick(["text/html", "application/json", "*/*", "image/*", "garbage", ""]);
  if (chance(0.5)) h.Origin = chance(0.85) ? `http://${real.host}` : pick(["null", "http://evil.example", "", "http://", real.host]);
  if (chance(0.1)) h.Referer = pick([`http://${real.host}/prenota`, "http://evil.example/", "%%%"]);
  if (chance(0.1)) h["If-None-Match"] = pick(["\"x\"", "*", "W/\"1\"", "garbage", ""]);
  if (chance(0.05)) h["If-Modified-Since"] = pick(["Thu, 01 Jan 1970 00:00:00 GMT", "yesterday"]);
  if (chance(0.05)) h.Range = pick(["bytes=0-1", "bytes=-1", "bytes=9999999-", "lines=1-2", "bytes=1-0"]);
  if (chance(0.05)) h["X-Requested-With"] = "XMLHttpRequest";
  if (chance(0.05)) h["User-Agent"] = randomText(50).replace(/[^\x20-\x7e]/g, "");
  if (chance(0.03)) h["Transfer-Encoding"] = "identity";
  if (chance(0.03)) h["Expect"] = "100-continue";
  return h;
}

// ---------------------------------------------------------------------------------------------
// Requests.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** A well-framed HTTP request (Node checks its framing): { status, headers } or { error }. */
function send(method, path, hdrs, payload) {
  return new Promise((ok) => {
    let req;
    try {
      req = http.request({ host: "127.0.0.1", port: real.port, method, path, headers: hdrs, agent, timeout: 30_000 }, (res) => {
        res.on("data", () => {});
        res.on("end", () => ok({ status: res.statusCode, headers: res.headers }));
        res.on("error", (error) => ok({ error }));
      });
    } catch (error) {
      // Node refused to build it (e.g. a character it does not send): not the server's doing.
      return ok({ skipped: error.code || String(error) });
    }
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => ok({ error }));
    if (payload && payload.length) req.write(payload);
    req.end();
  });
}

/** Raw bytes on a connection of their own: { status } (the status line's code, or null). */
function sendRaw(bytes) {
  return new Promise((ok) => {
    const socket = net.connect(real.port, "127.0.0.1");
    const chunks = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const text = Buffer.concat(chunks).subarray(0, 64).toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      ok({ status: m ? Number(m[1]) : null });
    };
    socket.setTimeout(10_000, finish);
    socket.on("data", (c) => {
      chunks.push(c);
      // One answer is all we wait for.
      if (Buffer.concat(chunks).includes("\r\n\r\n")) setTimeout(finish, 20);
    });
    socket.on("end", finish);
    socket.on("error", finish);
    socket.on("close", finish);
    socket.write(bytes, () => socket.end());
  });
}

function rawRequest() {
  const route = pick(ROUTES);
  const path = fillPath(route[1]);
  const crlf = "\r\n";
  const host = `Host: ${real.host}`;
  const variants = [
    () => `${pick(["GET", "POST", "get", "G ET", "PRI", "CONNECT", "\u0000"])} ${path} HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET ${path}${String.fromCharCode(int(32))}x HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET /${Buffer.from(randomText(20)).toString("latin1")} HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET /prenota/${"\u00e8"}\u0001\u007f HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET http://evil.example${path} HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET * HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.1${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.0${crlf}${crlf}`,
    () => `GET ${path} HTTP/9.9${crlf}${host}${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.1${crlf}${host}${crlf}X: a\u0000b${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.1${crlf}${host}${crlf}Bad Header: x${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.1${crlf}${host}${crlf} folded: x${crlf}${crlf}`,
    () => `GET /${repeat("a", 20_000 + int(60_000))} HTTP/1.1${crlf}${host}${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.1${crlf}${host}${crlf}${repeat(`X-A: ${repeat("b", 100)}${crlf}`, 300 + int(1000))}${crlf}`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Content-Length: 5${crlf}Content-Length: 7${crlf}${crlf}abcdefg`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Content-Length: -1${crlf}${crlf}`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Content-Length: 99999999999999999999${crlf}${crlf}x`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Transfer-Encoding: chunked${crlf}${crlf}zz${crlf}x${crlf}0${crlf}${crlf}`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Transfer-Encoding: chunked${crlf}Content-Length: 3${crlf}${crlf}3${crlf}a=b${crlf}0${crlf}${crlf}`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Transfer-Encoding: gzip, chunked${crlf}${crlf}0${crlf}${crlf}`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Content-Type: application/x-www-form-urlencoded${crlf}Content-Encoding: gzip${crlf}Content-Length: 4${crlf}${crlf}\u001f\u008b\u0008\u0000`,
    () => `POST ${path} HTTP/1.1${crlf}${host}${crlf}Content-Length: 10${crlf}${crlf}abc`, // short body, then the end
    () => `GET ${path} HTTP/1.1\n${host}\n\n`,
    () => `GET ${path} HTTP/1.1${crlf}${host}${crlf}Connection: upgrade${crlf}Upgrade: websocket${crlf}${crlf}`,
    () => `GET ${path} HTTP/1.1${crlf}${host}${crlf}Cookie: ${"\u00ff\u00fe"}${crlf}${crlf}`,
    () => Buffer.from(randomText(100)).toString("latin1"),
    () => "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", // a TLS hello
    () => `PRI * HTTP/2.0${crlf}${crlf}SM${crlf}${crlf}`,
  ];
  return Buffer.from(pick(variants)(), "latin1");
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO"];

function fuzzRequest() {
  const route = pick(ROUTES);
  const [method0, template, fields, kind] = route;
  const method = chance(0.85) ? method0 : pick(METHODS);
  let path = fillPath(template) + (method === "GET" || chance(0.2) ? queryString(fields) : "");
  if (chance(0.05)) path = pick(["", "/", "//", "/./", "/..", "/%2e%2e/", "//prenota", "/prenota/", "/PRENOTA", "/prenota//scegli", "/prenota%2Fscegli", "/;/prenota"]) + path;
  if (!path.startsWith("/")) path = `/${path}`;
  let payload = null;
  let type = null;
  if (method !== "GET" && method !== "HEAD" || chance(0.05)) {
    const b = body(fields, kind);
    payload = b.body;
    type = b.type;
  }
  // Never the real token to sign out: the session must last the whole run.
  if (template === "/operatore/uscita" && payload) {
    payload = Buffer.from(payload.toString("latin1").split(pct(real.csrf)).join("x").split(real.csrf).join("x"), "latin1");
  }
  const hdrs = headers(template, type, payload ? payload.length : undefined);
  return { method, path, hdrs, payload, template };
}

// ---------------------------------------------------------------------------------------------
// Setup: a server on a fresh database, and real values for the fuzz to use.
const work = mkdtempSync(join(tmpdir(), "cupola-fuzz-"));
const db = opts.backend === "postgres" ? new Postgres(postgresAdminUrl(), `cupola_fuzz_${process.pid}`) : new Sqlite(work);

/**
 * A browser's request in the setup: keeps the waiting room's cookies and, while the answer is
 * not the one wanted (the waiting room), comes back a second later, as its page asks.
 */
async function like_a_browser(url, init, wanted, jar = new Map()) {
  for (let attempt = 0; ; attempt++) {
    const cookie = [...jar.values()].join("; ");
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      jar.set(pair.split("=")[0], pair);
    }
    if (res.status === wanted || attempt >= 60) return { res, jar };
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function cookiePair(setCookie, name) {
  for (const c of setCookie || []) {
    const pair = c.split(";")[0];
    if (pair.startsWith(`${name}=`) || pair.startsWith(`__Host-${name}=`)) return pair;
  }
  return null;
}

async function setup() {
  const t0 = Date.now();
  db.create("f");
  cupola(db.url("f"), ["seed"]);
  const csv = cupola(db.url("f"), ["demo", "prescriptions", "--count", "4", "--service", "89.7A.3"]);
  const rows = csv.trim().split("\n").slice(1).map((l) => l.split(","));
  const server = await serve(db.url("f"), join(work, "cupola.log"), ["--admission-rate", "100000", "--admission-burst", "100000"]);
  const base = new URL(server.base);
  real.port = Number(base.port);
  real.host = base.host;
  real.serviceCode = "89.7A.3";
  // A booking made through the API: its code, fiscal code and slot.
  const avail = await (await fetch(`${server.base}/api/v1/availability?service=89.7A.3&limit=5`)).json();
  real.slotId = avail.slots[1].slot_id;
  real.areaId = avail.slots[0].facility.area?.id ?? 1;
  real.facilityId = avail.slots[0].facility.id;
  real.agendaId = 1 + int(20);
  const [fc, nre] = rows[0];
  const booked = await fetch(`${server.base}/api/v1/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fiscal_code: fc, nre, slot_id: avail.slots[0].slot_id }),
  });
  if (booked.status !== 201) throw new Error(`setup: booking answered ${booked.status}`);
  real.bookingCode = (await booked.json()).booking_code;
  real.fiscalCode = fc;
  real.nre = rows[1][1];
  // A citizen pass: a browser that proved a second prescription, and opened the booking.
  const { jar } = await like_a_browser(
    `${server.base}/prenota`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.base },
      body: new URLSearchParams({ codice_fiscale: rows[1][0], nre: rows[1][1] }).toString(),
    },
    303,
  );
  await like_a_browser(
    `${server.base}/le-mie-prenotazioni`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: server.base },
      body: new URLSearchParams({ codice_fiscale: fc, codice_prenotazione: real.bookingCode }).toString(),
    },
    303,
    jar,
  );
  real.pass = [...jar.values()].find((c) => /^(__Host-)?cupola_pass=/.test(c));
  const receipt = await fetch(`${server.base}/prenotazioni/${real.bookingCode}`, { headers: { cookie: real.pass }, redirect: "manual" });
  if (receipt.status !== 200) throw new Error(`setup: the pass does not open the receipt (${receipt.status})`);
  // A staff session (an administrator) and its CSRF token.
  const form = await fetch(`${server.base}/operatore/accesso`);
  const session = cookiePair(form.headers.getSetCookie(), "cupola_staff");
  const token = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  const signedIn = await fetch(`${server.base}/operatore/accesso`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.base, cookie: session },
    body: new URLSearchParams({ username: "admin1", password: "cupola-admin-1", csrf: token }).toString(),
  });
  real.staff = cookiePair(signedIn.headers.getSetCookie(), "cupola_staff") || session;
  const console_ = await fetch(`${server.base}/operatore/cittadino`, { headers: { cookie: real.staff } });
  real.csrf = /name="csrf" value="([^"]+)"/.exec(await console_.text())?.[1];
  const missing = ["pass", "staff", "csrf", "bookingCode"].filter((k) => !real[k]);
  if (missing.length) throw new Error(`setup could not get: ${missing.join(", ")} (staff sign-in answered ${signedIn.status})`);
  console.log(`setup: ${db.name} database seeded, server at ${server.base}, a booking, a citizen pass and an administrator's session ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return server;
}

// ---------------------------------------------------------------------------------------------
const counts = new Map(); // status → n
const byRoute = new Map(); // route template → status → n
const failures = [];
let done = 0;
let rawCount = 0;
let noAnswer = 0;
let skipped = 0;
let server;
let exitCode = 0;
try {
  server = await setup();
  const started = Date.now();
  let issued = 0;
  const worker = async () => {
    while (issued < REQUESTS) {
      issued++;
      if (chance(0.08)) {
        rawCount++;
        const r = await sendRaw(rawRequest());
        const key = r.status === null ? "no answer (raw)" : String(r.status);
        if (r.status === null) noAnswer++;
        counts.set(key, (counts.get(key) || 0) + 1);
        if (r.status !== null && r.status >= 500) failures.push({ kind: "raw", status: r.status });
      } else {
        const q = fuzzRequest();
        const r = await send(q.method, q.path, q.hdrs, q.payload);
        if (r.skipped) {
          skipped++;
          issued--;
          continue;
        }
        const key = r.error ? `error: ${r.error.code || r.error.message}` : String(r.status);
        counts.set(key, (counts.get(key) || 0) + 1);
        const route = byRoute.get(q.template) || new Map();
        route.set(key, (route.get(key) || 0) + 1);
        byRoute.set(q.template, route);
        const bad = r.error ? !["ECONNRESET", "EPIPE"].includes(r.error.code) || server.child.exitCode !== null : r.status >= 500;
        if (bad) failures.push({ kind: "http", status: r.status, error: r.error && (r.error.code || r.error.message), method: q.method, template: q.template, path: q.path.slice(0, 300), headers: Object.fromEntries(Object.entries(q.hdrs).map(([k, v]) => [k, String(v).slice(0, 200)])), body: q.payload ? q.payload.subarray(0, 300).toString("latin1") : null, bodyLength: q.payload?.length ?? 0 });
      }
      done++;
      if (done % 2000 === 0) console.log(`  ${done} requests, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();

  // Still alive and ready?
  let alive = server.child.exitCode === null;
  let ready = false;
  try {
    ready = (await fetch(`${server.base}/readyz`)).ok;
  } catch {}
  await server.stop();
  const panics = readFileSync(join(work, "cupola.log"), "utf8")
    .split("\n")
    .filter((l) => l.includes("panicked"));

  const byClass = {};
  for (const [k, n] of counts) {
    const c = /^\d{3}$/.test(k) ? `${k[0]}xx` : k;
    byClass[c] = (byClass[c] || 0) + n;
  }
  const statusList = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(", ");
  const fives = Object.entries(byClass).filter(([k]) => k === "5xx").reduce((a, [, n]) => a + n, 0);
  console.log(`\nHTTP fuzz (${db.name}, seed ${opts.seed}): ${done} requests (${rawCount} raw, malformed at the HTTP level) in ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)}/s, ${CONCURRENCY} at once; ${skipped} not sendable by Node skipped`);
  console.log(`  answers: ${statusList}`);
  if (opts["by-route"]) {
    for (const [template, statuses] of [...byRoute.entries()].sort()) {
      console.log(`  ${template}: ${[...statuses.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(", ")}`);
    }
  }
  console.log(`  5xx: ${fives}; raw requests closed without an answer: ${noAnswer}; panics in the log: ${panics.length}; alive and ready at the end: ${alive && ready}`);
  if (failures.length || panics.length || !alive || !ready) {
    exitCode = 1;
    const file = join(process.env.FUZZ_FAILURES_DIR || work, `fuzz-failures-${opts.seed}.json`);
    writeFileSync(file, JSON.stringify({ failures, panics }, null, 1));
    console.log(`FAILED: ${failures.length} failing requests (first ones below; all in ${file})`);
    for (const f of failures.slice(0, 5)) console.log(JSON.stringify(f).slice(0, 1500));
    for (const p of panics.slice(0, 5)) console.log(p.slice(0, 500));
  }
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  if (server && server.child.exitCode === null) await server.stop();
  if (!opts.keep) {
    try {
      db.drop("f");
    } catch {}
    if (exitCode === 0) rmSync(work, { recursive: true, force: true });
  }
  if (exitCode !== 0 || opts.keep) console.log(`work directory kept: ${work}`);
}
process.exit(exitCode);
