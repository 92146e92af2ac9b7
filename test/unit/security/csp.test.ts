// The playground page's Content Security Policy stays strict: read from the shipped template and
// from the page the host actually fills in. No inline or eval'd script, no remote origin, a fresh
// nonce per page, and start-up state that cannot break out of its script element.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fillTemplate } from '../../../src/playground/html';

const root = path.resolve(__dirname, '..', '..', '..');
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function pages(): string[] {
  // Every HTML page the extension ships.
  return fs.readdirSync(path.join(root, 'media'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => path.join(root, 'media', f));
}

function fill(template: string, panelId = 'p1'): string {
  return fillTemplate(template, { cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/dist/webview.js`, styleUri: `${CSP_SOURCE}/media/playground.css`, boot: { panelId, tab: 'chat' } });
}

function policyOf(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta element');
  const directives = new Map<string, string[]>();
  for (const part of metas[0]![1]!.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

describe('security: the webview CSP', () => {
  it('ships at least the playground page, each with a CSP before any script or style', () => {
    const files = pages();
    assert.ok(files.some((f) => f.endsWith('playground.html')), files.join(', '));
    for (const f of files) {
      const html = fs.readFileSync(f, 'utf8');
      const csp = html.search(/http-equiv="Content-Security-Policy"/i);
      assert.ok(csp > 0, `${f} has a CSP`);
      for (const tag of ['<script', '<link', '<style']) {
        const at = html.indexOf(tag);
        if (at >= 0) assert.ok(at > csp, `${f}: the CSP comes before the first ${tag}`);
      }
    }
  });

  for (const file of pages()) {
    it(`${path.basename(file)}: no unsafe-inline, no unsafe-eval, no remote origins, scripts by nonce only`, () => {
      const html = fill(fs.readFileSync(file, 'utf8'));
      const policy = policyOf(html);
      assert.deepEqual(policy.get('default-src'), ["'none'"]);
      const all = [...policy.values()].flat();
      for (const v of all) {
        assert.doesNotMatch(v, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/, `forbidden source ${v}`);
        assert.notEqual(v, '*', 'no wildcard');
        assert.ok(!/^(https?:|wss?:|\*\.)/.test(v) || v === CSP_SOURCE, `no remote origin: ${v}`);
        assert.notEqual(v, 'blob:', 'no blob: sources');
      }
      const script = policy.get('script-src') ?? [];
      assert.equal(script.length, 1);
      assert.match(script[0]!, /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
      for (const d of ['object-src', 'frame-src', 'base-uri', 'form-action', 'connect-src']) {
        assert.deepEqual(policy.get(d) ?? policy.get('default-src'), ["'none'"], d);
      }
      // Every script element carries the nonce; none is inline code.
      const nonce = script[0]!.slice(7, -1);
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        assert.ok(m[1]!.includes(`nonce="${nonce}"`), `script without the nonce: ${m[0].slice(0, 80)}`);
        if (!/type="application\/json"/.test(m[1]!)) assert.equal(m[2]!.trim(), '', 'no inline script code');
      }
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    });
  }

  it('uses a fresh nonce for every page', () => {
    const template = fs.readFileSync(path.join(root, 'media', 'playground.html'), 'utf8');
    const nonces = new Set(Array.from({ length: 20 }, () => policyOf(fill(template)).get('script-src')![0]));
    assert.equal(nonces.size, 20);
  });

  it('keeps hostile start-up state inside its JSON script element', () => {
    const template = fs.readFileSync(path.join(root, 'media', 'playground.html'), 'utf8');
    const html = fill(template, '</script><script>alert(1)</script><!--');
    assert.equal((html.match(/<script\b/gi) ?? []).length, (template.match(/<script\b/gi) ?? []).length, 'no script element was added');
    assert.doesNotMatch(html, /<\/script><script>alert/);
    const boot = /<script type="application\/json" id="boot"[^>]*>([^<]*)<\/script>/.exec(html);
    assert.equal((JSON.parse(boot![1]!) as { panelId: string }).panelId, '</script><script>alert(1)</script><!--');
  });
});
