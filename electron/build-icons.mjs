// Converts the application icon (assets/icon.svg) into what the installers need, in Chromium
// (Debian's, through playwright-core: the only SVG renderer on the build machines):
// assets/icons/<size>x<size>.png (Linux: deb, AppImage), assets/icon.png (512 px) and
// assets/icon.ico (Windows: 16–256 px, PNG-compressed entries). Run after changing the SVG:
//   node electron/build-icons.mjs        (commit the files it writes)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assets = path.join(root, 'assets');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** An .ico file holding PNG images (Windows Vista and later read them). */
export function icoFile(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

async function main() {
  const svg = readFileSync(path.join(assets, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    const images = [];
    mkdirSync(path.join(assets, 'icons'), { recursive: true });
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
      );
      const png = await page.screenshot({ omitBackground: true, type: 'png' });
      writeFileSync(path.join(assets, 'icons', `${size}x${size}.png`), png);
      images.push({ size, png });
    }
    writeFileSync(path.join(assets, 'icon.png'), images.find((i) => i.size === 512).png);
    writeFileSync(
      path.join(assets, 'icon.ico'),
      icoFile(images.filter((i) => ICO_SIZES.includes(i.size))),
    );
    console.log(`assets/icons/*.png (${PNG_SIZES.join(', ')}), assets/icon.png, assets/icon.ico`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
