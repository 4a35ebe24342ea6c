// Signing in with SPID or CIE (issue 16) in Chromium, against a real OpenID Connect provider
// (tools/oidc-op.mjs: the npm package oidc-provider, with its own sign-in page): the page that
// asks for codes offers signing in; the provider's form; the citizen's own area (their
// prescription listed, no code typed); booking it from there by clicks; the receipt; signing out.
// axe (WCAG 2.2 A/AA) on the new pages in Italian and English (the first visit of /accedi is
// measured with the others in lowend.test.mjs). JavaScript is off for the journey: it must work
// without.
//
// Its own Cupola (the tiny region), on a port chosen first so that its address can be
// registered with the provider, which is started before it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCupola, freePort } from "../lib/cupola.mjs";
import { startProvider } from "../lib/oidc-op.mjs";
import { launch, axe } from "../lib/browser.mjs";

let browser, cupola, op;
before(async () => {
  const port = await freePort();
  op = await startProvider(`http://127.0.0.1:${port}`);
  cupola = await startCupola({
    scale: "tiny",
    prescriptions: 2,
    port,
    env: { CUPOLA_OIDC_PROVIDERS: JSON.stringify([op.provider]) },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await cupola?.stop();
  await op?.stop();
});

async function contextIn(lang, options = {}) {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: "lang", value: lang, url: cupola.base }]);
  return context;
}

test("sign in with SPID → own area → book without codes → receipt → sign out (no JavaScript)", async () => {
  const [citizen] = cupola.prescriptions;
  const context = await contextIn("it", { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(cupola.base + "/le-mie-prenotazioni");
  await Promise.all([page.waitForURL(/\/accedi$/), page.click('main a[href="/accedi"]')]);
  await page.click('main a[href^="/accedi/con/"]');
  // The provider's own sign-in form.
  await page.waitForSelector('input[name="login"]');
  await page.fill('input[name="login"]', `TINIT-${citizen.fiscalCode}`);
  await page.fill('input[name="password"]', "any");
  await Promise.all([page.waitForURL(/\/le-mie-prenotazioni$/), page.click('button[type="submit"]')]);
  const area = await page.textContent("main");
  assert.match(area, /Hai effettuato l'accesso come Prova Cittadino/);
  assert.ok(area.includes(citizen.nre), "the prescription is listed without typing it");

  // Book it from the area, by clicks.
  await Promise.all([page.waitForURL(/\/prenota\/disponibilita/), page.click('main form[action^="/prenota/ricetta/"] button')]);
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.click("li.slot form button")]);
  await Promise.all([
    page.waitForURL(/\/prenotazioni\//),
    page.click('main form[action="/prenota/conferma"] button[type="submit"], main form[action^="/prenota/conferma?"] button[type="submit"]'),
  ]);
  const code = new URL(page.url()).pathname.split("/")[2];
  await page.goto(cupola.base + "/le-mie-prenotazioni");
  assert.ok(await page.$(`main a[href="/prenotazioni/${code}"]`), "the new booking is in the area");

  // Sign out: the area is gone, the codes are asked for again.
  await Promise.all([page.waitForURL(/\/accedi\?uscito=1$/), page.click('main form[action="/esci"] button')]);
  assert.match(await page.textContent("main"), /Sei uscito/);
  await page.goto(cupola.base + "/le-mie-prenotazioni");
  assert.ok(await page.$("#codice_prenotazione"), "the codes are asked for again");
  await page.goto(cupola.base + `/prenotazioni/${code}`);
  assert.ok(!new URL(page.url()).pathname.startsWith("/prenotazioni/"), "the receipt needs codes again");
  await context.close();
});

test("axe: the sign-in page, the signed-in area and the signed-out notice, in Italian and English", async () => {
  const [, citizen] = cupola.prescriptions;
  for (const lang of ["it", "en"]) {
    const context = await contextIn(lang, { bypassCSP: true });
    const page = await context.newPage();
    const failures = [];
    const scan = async (what) => {
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const violations = await axe(page);
        if (violations.length) failures.push({ what, lang, width, violations });
        const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.ok(!scrolls, `${what} (${lang}) scrolls sideways at ${width} px`);
      }
    };
    await page.goto(cupola.base + "/accedi");
    await scan("/accedi");
    await page.goto(cupola.base + "/le-mie-prenotazioni");
    await scan("/le-mie-prenotazioni (codes, with the sign-in offer)");
    await page.goto(cupola.base + "/accedi");
    await page.click('main a[href^="/accedi/con/"]');
    await page.waitForSelector('input[name="login"]');
    await page.fill('input[name="login"]', `TINIT-${citizen.fiscalCode}`);
    await page.fill('input[name="password"]', "any");
    await Promise.all([page.waitForURL(/\/le-mie-prenotazioni$/), page.click('button[type="submit"]')]);
    await scan("/le-mie-prenotazioni (signed in)");
    await Promise.all([page.waitForURL(/\/accedi\?uscito=1$/), page.click('main form[action="/esci"] button')]);
    await scan("/accedi?uscito=1");
    assert.deepEqual(failures, [], JSON.stringify(failures, null, 2));
    await context.close();
  }
});
