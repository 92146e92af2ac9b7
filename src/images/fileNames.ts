// File names for generated images: a slug of the prompt, the local time and the seed, so a
// folder of pictures sorts by prompt and the seed needed to regenerate one is in its name.
// Plain Node (no `vscode`): unit-tested in test/unit/images.

import type { GeneratedImage } from '../bedrock/types';
import { trimLeading, trimTrailing } from '../core/trimChars';

/** Longest slug kept from the prompt; the whole name stays well under every file system's limit. */
export const MAX_SLUG_LENGTH = 48;

/** Names Windows refuses for a file whatever its extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A lowercase ASCII slug of the prompt: accents folded, anything else becomes one dash, cut at a
 * word boundary near `maxLength`. A prompt with no letters or digits gives "image".
 */
export function slugify(prompt: string, maxLength = MAX_SLUG_LENGTH): string {
  const folded = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let slug = trimTrailing(trimLeading(folded.replace(/[^a-z0-9]+/g, '-'), '-'), '-');
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1);
    const lastDash = cut.lastIndexOf('-');
    // Prefer ending on a whole word unless that would throw most of the slug away.
    slug = lastDash >= maxLength / 2 ? cut.slice(0, lastDash) : slug.slice(0, maxLength);
    slug = trimTrailing(slug, '-');
  }
  if (!slug || WINDOWS_RESERVED.test(slug)) slug = slug ? `${slug}-image` : 'image';
  return slug;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYYMMDD-HHMMSS` in local time: what the user reads in the Explorer next to their clock. */
export function fileTimestamp(date: Date): string {
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}` +
    `-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

export function extensionFor(mimeType: GeneratedImage['mimeType']): 'png' | 'jpg' | 'webp' {
  switch (mimeType) {
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpg';
    case 'image/webp':
      return 'webp';
  }
}

/** The name without extension: `a-red-fox-in-snow-20261122-031500-seed42`. */
export function imageBaseName(prompt: string, date: Date, seed: number): string {
  return `${slugify(prompt)}-${fileTimestamp(date)}-seed${seed}`;
}

/**
 * The n-th candidate for a base name (0 = the base itself, then `-2`, `-3`, ...): used when a file
 * of that name already exists, since nothing is ever overwritten.
 */
export function candidateBaseName(base: string, attempt: number): string {
  return attempt === 0 ? base : `${base}-${attempt + 1}`;
}
