// Screenshots of e2e runs, kept in artifacts/e2e/<suite>/ (ignored by git; CI can upload it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsRoot, repoRoot } from '../../../scripts/lib/paths';

export const e2eArtifactsDir = path.join(artifactsRoot, 'e2e');

export class Screenshots {
  private count = 0;
  readonly dir: string;

  constructor(suite: string) {
    this.dir = path.join(e2eArtifactsDir, slug(suite));
    fs.rmSync(this.dir, { recursive: true, force: true }); // only this run's pictures
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** A numbered PNG of the whole window, so the folder reads in the order things happened. */
  async take(page: Page, name: string): Promise<string> {
    const file = path.join(this.dir, `${String(++this.count).padStart(2, '0')}-${slug(name)}.png`);
    await page.screenshot({ path: file });
    return file;
  }
}

function slug(s: string): string {
  return s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80) || 'shot';
}

/**
 * The README's pictures are taken by the e2e tier itself, against the demo models, so they show the
 * product as it is: media/screenshots/<name>.png, the whole window at the session's 1400×900.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, 'media', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${slug(name)}.png`);
  await page.screenshot({ path: file });
  return file;
}
