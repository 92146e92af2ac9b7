// Renders scripts/assets/icon.svg to media/icon.png (128×128), the Marketplace icon, with the
// Chromium the e2e tier installs. Run by hand when the icon changes: `npx tsx scripts/assets/renderIcon.ts`.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(__dirname, '..', '..');
const svg = readFileSync(path.join(root, 'scripts', 'assets', 'icon.svg'), 'utf8');

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
