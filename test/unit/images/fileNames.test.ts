import * as assert from 'node:assert/strict';
import { candidateBaseName, extensionFor, fileTimestamp, imageBaseName, MAX_SLUG_LENGTH, slugify } from '../../../src/images/fileNames';

describe('image file names', () => {
  describe('slugify', () => {
    it('lowercases and joins words with single dashes', () => {
      assert.equal(slugify('A Red  Fox, in the SNOW!'), 'a-red-fox-in-the-snow');
    });
    it('folds accents and drops what is not a letter or digit', () => {
      assert.equal(slugify('Crème brûlée à Zürich — 3 façons'), 'creme-brulee-a-zurich-3-facons');
    });
    it('never lets path characters through', () => {
      const slug = slugify('../../etc/passwd C:\\Windows\\x <a>|b?*"');
      assert.match(slug, /^[a-z0-9-]+$/);
      assert.equal(slug, 'etc-passwd-c-windows-x-a-b');
    });
    it('cuts long prompts at a word boundary', () => {
      const slug = slugify('a watercolor painting of a lighthouse on a rocky coast at dawn with seagulls and fog');
      assert.ok(slug.length <= MAX_SLUG_LENGTH, slug);
      assert.equal(slug, 'a-watercolor-painting-of-a-lighthouse-on-a-rocky');
      assert.ok(!slug.endsWith('-'));
    });
    it('cuts one very long word hard', () => {
      assert.equal(slugify('x'.repeat(200)).length, MAX_SLUG_LENGTH);
    });
    it('gives "image" for a prompt with no letters or digits', () => {
      assert.equal(slugify('!!! ??? 🎨🦊'), 'image');
      assert.equal(slugify(''), 'image');
    });
    it('avoids the names Windows reserves', () => {
      assert.equal(slugify('CON'), 'con-image');
      assert.equal(slugify('nul'), 'nul-image');
      assert.equal(slugify('console'), 'console');
    });
  });

  it('stamps local time as YYYYMMDD-HHMMSS', () => {
    assert.equal(fileTimestamp(new Date(2026, 0, 5, 7, 8, 9)), '20260105-070809');
    assert.equal(fileTimestamp(new Date(2026, 10, 22, 23, 59, 1)), '20261122-235901');
  });

  it('names an image by slug, time and seed', () => {
    assert.equal(imageBaseName('A fox', new Date(2026, 10, 22, 3, 15, 0), 42), 'a-fox-20261122-031500-seed42');
  });

  it('numbers the candidates after the first', () => {
    assert.deepEqual([0, 1, 2].map((n) => candidateBaseName('x', n)), ['x', 'x-2', 'x-3']);
  });

  it('maps mime types to extensions', () => {
    assert.equal(extensionFor('image/png'), 'png');
    assert.equal(extensionFor('image/jpeg'), 'jpg');
    assert.equal(extensionFor('image/webp'), 'webp');
  });
});
