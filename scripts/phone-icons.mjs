// Renders the phone app's PNG icons (src/web/public/icons) from the favicon's design in Chromium.
// Run once after changing the mark: node scripts/phone-icons.mjs; the PNGs are committed.
import { chromium } from 'playwright-core';

const mark = (size, padding) => `<!doctype html><html><body style="margin:0">
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="${padding ? 0 : 14}" fill="#b7282e"/>
  <text x="32" y="${padding ? 42 : 44}" font-size="${padding ? 28 : 36}" text-anchor="middle" fill="#fff" font-family="'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif" font-weight="600">连</text>
</svg></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
// A maskable icon keeps its mark inside the middle 80%: the launcher crops the rest to its own shape.
for (const [name, size, maskable] of [
  ['phone-192', 192, false],
  ['phone-512', 512, false],
  ['phone-maskable-512', 512, true],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(mark(size, maskable));
  await page.locator('svg').screenshot({ path: `src/web/public/icons/${name}.png`, omitBackground: true });
}
await browser.close();
