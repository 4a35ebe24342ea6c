// The recall flow (issue 13) in Chromium, end to end with a real SMTP server: a booking with an
// e-mail address gets its reminder; the reminder's cancel link opens a page that asks for one
// click (JavaScript off: it must work without); cancelling frees the slot, which is offered at
// once to the waiting list, whose offer e-mail arrives with a link that books it.
//
// Its own Cupola (the tiny region, a reminder stage for every working day from 3 to 15 ahead,
// the waiting-list sweep once a day so that only the cancellation can offer the slot) and its
// own mail sink (tools/mail-sink.mjs: smtp-server + mailparser).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCupola } from "../lib/cupola.mjs";
import { startMailSink } from "../lib/mail-sink.mjs";
import { launch, axe } from "../lib/browser.mjs";

let browser, cupola, sink;
before(async () => {
  sink = await startMailSink();
  cupola = await startCupola({
    scale: "tiny",
    prescriptions: 2,
    env: {
      CUPOLA_SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
      CUPOLA_MAIL_FROM: "Cupola <cup@cupola.test>",
      CUPOLA_REMINDER_DAYS: Array.from({ length: 13 }, (_, i) => i + 3).join(","),
      CUPOLA_RECALL_INTERVAL_SECONDS: "1",
      CUPOLA_WAITLIST_SWEEP_SECONDS: "86400",
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await cupola?.stop();
  await sink?.stop();
});

/** The ISO date `days` calendar days from today (UTC is fine: the test runs well inside a day). */
function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The visit's date and time as the receipt shows them. */
async function visitTime(page) {
  const rows = await page.$$eval("dl dd", (dds) => dds.map((d) => d.textContent.trim()));
  const found = rows.find((r) => /\d{1,2}[:.]\d{2}/.test(r));
  assert.ok(found, `the receipt shows the visit's time: ${rows.join(" | ")}`);
  return found;
}

test("reminder → cancel link → slot freed and offered to the waiting list → accept link books it", async () => {
  const [booker, waiter] = cupola.prescriptions;
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  // axe runs in a page with JavaScript, on the same links (opening one changes nothing).
  const axePage = await (await browser.newContext()).newPage();
  const axeOn = async (link) => {
    await axePage.goto(link);
    return axe(axePage);
  };
  const url = (path) => cupola.base + path;

  // The booker takes the first free slot at least five days ahead and leaves an e-mail address.
  await page.goto(url("/prenota"));
  await page.fill("#codice_fiscale", booker.fiscalCode);
  await page.fill("#nre", booker.nre);
  await Promise.all([page.waitForURL(/\/prenota\/disponibilita/), page.click('main form[action="/prenota"] button[type="submit"]')]);
  await page.goto(url(`/prenota/disponibilita?dal=${inDays(5)}`));
  await Promise.all([page.waitForURL(/\/prenota\/conferma/), page.click("li.slot form button")]);
  await page.fill("#email", "booker@cupola.test");
  await Promise.all([page.waitForURL(/\/prenotazioni\//), page.click('main form[action^="/prenota/conferma?"] button[type="submit"]')]);
  const code = new URL(page.url()).pathname.split("/")[2];
  const when = await visitTime(page);

  // Someone waits for this service, anywhere in the region, for the next 30 days.
  cupola.cli(["demo", "waiting", "--nre", waiter.nre, "--deadline", inDays(30), "--email", "waiter@cupola.test"]);

  // The reminder arrives, in Italian, with a link to cancel.
  const reminder = await sink.waitFor((m) => m.to === "booker@cupola.test" && /promemoria/i.test(m.subject));
  assert.ok(reminder.text.includes(`${code.slice(0, 5)}-${code.slice(5)}`) || reminder.text.includes(code), "the reminder names the booking code");
  const cancelLink = reminder.text.match(/https?:\/\/\S+\/r\/x\S+/)?.[0];
  assert.ok(cancelLink, "the reminder carries a one-tap cancel link");
  assert.ok(!reminder.text.includes(booker.fiscalCode) && !cancelLink.includes(booker.fiscalCode), "no fiscal code in the message or link");

  // Opening the link changes nothing; it asks for one click.
  await page.goto(cancelLink);
  const h1 = await page.textContent("h1");
  assert.ok(h1.trim().length > 0);
  assert.deepEqual(await axeOn(cancelLink), []);
  await page.goto(url(`/prenotazioni/${code}`));
  // (the receipt is still a confirmed booking: the GET did not cancel it)
  assert.doesNotMatch(await page.textContent("main"), /annullat/i);
  await page.goto(cancelLink);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
  assert.match(await page.textContent("main"), /annullat/i);

  // The freed slot is offered to the waiting list: the offer e-mail arrives with an accept link.
  const offer = await sink.waitFor((m) => m.to === "waiter@cupola.test");
  const acceptLink = offer.text.match(/https?:\/\/\S+\/r\/a\S+/)?.[0];
  assert.ok(acceptLink, "the offer carries a one-tap accept link");
  assert.deepEqual(await axeOn(acceptLink), []);
  await page.goto(acceptLink);
  await Promise.all([page.waitForURL(/\/prenotazioni\//), page.click('main form button[type="submit"]')]);
  assert.doesNotMatch(await page.textContent("main"), /annullat/i);
  assert.equal(await visitTime(page), when, "the waiter now has the slot the booker gave up");
});
