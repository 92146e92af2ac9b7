// Screenshots of e2e runs, kept in artifacts/e2e/<suite>/ (ignored by git; CI can upload it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsRoot } from '../../../scripts/lib/paths';

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
