// What every browser test shares: Debian's Chromium driven by playwright-core, the Cupola under
// test (started by run.mjs), demo prescriptions, and the booking journey's steps.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const BASE = process.env.CUPOLA_URL || "http://127.0.0.1:3000";
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Without these, Chromium here tries to reach Google and is refused.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // An Italian browser, as most visitors have: a first visit follows Accept-Language.
  "--lang=it-IT",
  "--accept-lang=it-IT,it",
];

const prescriptions = JSON.parse(process.env.CUPOLA_PRESCRIPTIONS || "[]");
/** Demo prescription number `n`: each test file takes its own numbers (see run.mjs). */
export function prescription(n) {
  const p = prescriptions[n];
  if (!p) throw new Error(`no demo prescription #${n}`);
  return p;
}

/** Every language of the interface, Italian first (the codes of the `lang` cookie). */
export const LANGS = ["it", "en", "ro", "sq", "zh-Hans", "ar", "uk"];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** A page that fails the test on any console error, page error or failed same-origin request. */
export async function watchedPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => {
    // A text document (robots.txt) has no icon link, so the browser asks for /favicon.ico.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) {
      page.problems.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.url().startsWith(BASE) && r.status() >= 500) page.problems.push(`${r.status()} ${r.url()}`);
  });
  return page;
}

export function url(path) {
  return BASE + path;
}

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page: WCAG 2.0, 2.1 and 2.2 A and AA rules. Returns the violations. */
export async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  });
}

/** The booking journey by mouse: prescription → first free slot → confirm → receipt. */
export async function bookByClicks(page, { fiscalCode, nre }, { startAt = "/" } = {}) {
  await page.goto(url(startAt));
  await page.click('a[href="/prenota"]');
  await page.fill("#codice_fiscale", fiscalCode);
  await page.fill("#nre", nre);
  await Promise.all([page.waitForURL(/\/prenota\/disponibilita/), page.click('main form[action="/prenota"] button[type="submit"]')]);
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.click("li.slot form button")]);
  await Promise.all([page.waitForURL(/\/prenotazioni\//), page.click('main form[action="/prenota/conferma"] button[type="submit"], main form[action^="/prenota/conferma?"] button[type="submit"]')]);
  return bookingCode(page);
}

/** The booking code of the receipt the page shows (from its address). */
export function bookingCode(page) {
  const match = new URL(page.url()).pathname.match(/^\/prenotazioni\/([^/?]+)/);
  if (!match) throw new Error(`not a receipt: ${page.url()}`);
  return match[1];
}

/** Signs a browser context in with a citizen pass, without a browser: returns its cookie. */
export async function passFor({ fiscalCode, nre }) {
  const response = await fetch(url("/prenota"), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
    body: new URLSearchParams({ codice_fiscale: fiscalCode, nre }),
  });
  if (response.status !== 303) throw new Error(`prescription refused: ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Holds the first free slot over plain HTTP with `cookie`; returns the updated cookie. */
export async function holdOverHttp(cookie) {
  const slots = await (await fetch(url("/prenota/disponibilita"), { headers: { cookie } })).text();
  const slot = slots.match(/name="slot" value="(\d+)"/)[1];
  const held = await fetch(url("/prenota/scegli"), {
    method: "POST", redirect: "manual",
    headers: { cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" },
    body: `slot=${slot}`,
  });
  return merge(cookie, held);
}

/** Books the first free slot over plain HTTP with `cookie`; returns [code, cookie]. */
export async function bookOverHttp(cookie) {
  cookie = await holdOverHttp(cookie);
  const done = await fetch(url("/prenota/conferma"), {
    method: "POST", redirect: "manual",
    headers: { cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" },
    body: "telefono=&email=",
  });
  cookie = merge(cookie, done);
  const code = done.headers.get("location").match(/^\/prenotazioni\/([^/?]+)/)[1];
  return [code, cookie];
}

function merge(cookie, response) {
  const jar = new Map(cookie.split("; ").filter(Boolean).map((c) => c.split(/=(.*)/s).slice(0, 2)));
  for (const c of response.headers.getSetCookie()) {
    const [name, value] = c.split(";")[0].split(/=(.*)/s);
    jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** Cookie header → Playwright cookies for BASE. */
export function cookiesFor(cookie) {
  return cookie.split("; ").map((c) => {
    const [name, value] = c.split(/=(.*)/s);
    return { name, value, url: BASE };
  });
}
