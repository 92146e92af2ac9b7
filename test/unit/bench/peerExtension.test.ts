import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countTokens } from '../../localBedrock/tokens';
import { buildPeerVsix } from '../../bench/peerExtension';
import { longAnswer } from '../../bench/vscodePeer';

// What the side-by-side benchmark says when the peer's source is not there, and the answer it uses.
describe('bench: the peer side by side', () => {
  let dir: string;
  const saved = process.env.PEER_SOURCE_DIR;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peer-src-test-')); });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.PEER_SOURCE_DIR;
    else process.env.PEER_SOURCE_DIR = saved;
  });

  it('reports the peer as not present when PEER_SOURCE_DIR holds no package.json', async () => {
    process.env.PEER_SOURCE_DIR = dir;
    assert.deepEqual(await buildPeerVsix(() => undefined), { missing: 'peer source not present (PEER_SOURCE_DIR; see CONTRIBUTING)' });
  });

  it('refuses a source that is another package, or has no lockfile of its own', async () => {
    process.env.PEER_SOURCE_DIR = dir;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'something-else' }));
    assert.deepEqual(await buildPeerVsix(() => undefined), { missing: 'PEER_SOURCE_DIR holds "something-else", not bedrock-vscode-playground' });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bedrock-vscode-playground', version: '0.7.0' }));
    assert.deepEqual(await buildPeerVsix(() => undefined), { missing: 'PEER_SOURCE_DIR has no package-lock.json (the peer is built with its own lockfile)' });
  });

  it('answers with about 1,000 tokens between the first-word and last-word markers', () => {
    const text = longAnswer(7);
    assert.ok(text.startsWith('FTOK7 '));
    assert.ok(text.endsWith('FEND7'));
    const tokens = countTokens(text);
    assert.ok(tokens >= 990 && tokens <= 1050, `${tokens} tokens`);
  });
});
