// Issue 14, finding 8: 200 % zoom and 200 % text size. Every page of the journey, the home, the
// receipt and the kiosk at 180 CSS px wide (a 360 px phone zoomed to 200 %), and at 360 px with
// the browser's default font size doubled (Chromium's font-size preference, 16 → 32 px, set
// through the DevTools protocol's Page.setFontSizes: what a person's "text size" setting does;
// setting the root element's font size by script would not resize text in px or change `em`
// media queries the same way). No horizontal scrolling, no element sticking out of the
// viewport, and no heading word broken in the middle.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, prescription, passFor, bookOverHttp, holdOverHttp, cookiesFor, url } from "../lib/browser.mjs";

let browser;
let receipt;
let receiptCookie;
let slotsCookie;
let confirmCookie;

before(async () => {
  browser = await launch();
  [receipt, receiptCookie] = await bookOverHttp(await passFor(prescription(53)));
  slotsCookie = await passFor(prescription(52));
  confirmCookie = await holdOverHttp(await passFor(prescription(49)));
});
after(async () => { await browser.close(); });

const PUBLIC = ["/", "/prestazioni?q=eco", "/prestazioni?q=cuore", "/prenota", "/le-mie-prenotazioni", "/tempi-di-attesa", "/tempi-di-attesa/89.7A.3"];

/** What sticks out at the page's current size: the document's scroll, elements and words. */
function offenders() {
  const width = document.documentElement.clientWidth;
  const found = [];
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) found.push(`document scrolls sideways: ${scroll} > ${width}`);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".vh, .skip, [hidden], dialog:not([open]), script, style")) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.right > width + 0.5 || box.left < -0.5) found.push(`${name(el)} spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${width}`);
  }
  // A heading's word on two lines ("Prenotaz-ione") has two boxes. (Only h1: a service's name
  // such as "Eco(color)dopplergrafia" may still break where nothing else fits.)
  for (const h of document.querySelectorAll("h1")) {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) found.push(`${h.tagName.toLowerCase()} breaks “${match[0]}” mid-word`);
      }
    }
  }
  return found;
}

/** A context at one of the two sizes, with an optional pass; pages get the font size too. */
async function sized(mode, cookie, options = {}) {
  const width = mode === "zoom" ? 180 : 360;
  const context = await browser.newContext({ viewport: { width, height: 640 }, ...options });
  if (cookie) await context.addCookies(cookiesFor(cookie));
  const page = await context.newPage();
  if (mode === "text") {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Page.setFontSizes", { fontSizes: { standard: 32, fixed: 26 } });
  }
  return [context, page];
}

async function check(mode, paths, cookie, options) {
  const [context, page] = await sized(mode, cookie, options);
  const failures = [];
  for (const path of paths) {
    await page.goto(url(path));
    if (mode === "text") {
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.equal(size, 32, "the text size preference is applied");
    }
    for (const problem of await page.evaluate(offenders)) failures.push(`${path}: ${problem}`);
  }
  await context.close();
  return failures;
}

for (const mode of ["zoom", "text"]) {
  const label = mode === "zoom" ? "at 180 CSS px (200 % zoom)" : "at 360 px with 200 % text";
  test(`finding 8: nothing overflows ${label}`, async () => {
    const failures = [
      ...(await check(mode, PUBLIC)),
      ...(await check(mode, ["/prenota/disponibilita"], slotsCookie)),
      ...(await check(mode, ["/prenota/conferma"], confirmCookie)),
      ...(await check(mode, [`/prenotazioni/${receipt}?confermata`, `/prenotazioni/${receipt}/stampa`, `/prenotazioni/${receipt}/annulla`, `/prenotazioni/${receipt}/sposta`], receiptCookie)),
      ...(await check(mode, ["/chiosco", "/prenota"])),
    ];
    assert.deepEqual(failures, []);
  });
}
