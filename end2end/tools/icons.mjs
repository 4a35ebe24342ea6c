// Renders public/icons/icon.svg to the PNG icons of the web manifest (192 and 512 px, and a
// maskable 512 px one with the safe-zone padding), in Debian's Chromium. Run after changing the
// SVG:  node tools/icons.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../lib/browser.mjs";

const icons = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "public", "icons");
const svg = readFileSync(join(icons, "icon.svg"), "utf8");
const browser = await launch();
for (const [name, size, padding] of [["icon-192.png", 192, 0], ["icon-512.png", 512, 0], ["maskable-512.png", 512, 0.1]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const inner = Math.round(size * (1 - 2 * padding));
  // The maskable icon: full-bleed brand colour, the symbol inside the central safe zone.
  await page.setContent(`<body style="margin:0;background:${padding ? "#0b4f8a" : "transparent"};display:grid;place-items:center;height:${size}px">
    <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${inner}" height="${inner}"></body>`);
  await page.screenshot({ path: join(icons, name), omitBackground: padding === 0 });
  await page.close();
}
await browser.close();
