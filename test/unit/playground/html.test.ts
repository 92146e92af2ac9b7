import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fillTemplate } from '../../../src/playground/html';

const template = readFileSync(path.resolve(__dirname, '../../../media/playground.html'), 'utf8');
const values = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/media/playground.css' };

describe('playground page', () => {
  it('has a strict CSP: nothing by default, scripts only by nonce, no inline or eval, no network', () => {
    const html = fillTemplate(template, { ...values, boot: { panelId: 'p', tab: 'chat' }, nonce: 'N0NCE' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE';/);
    assert.match(csp, /connect-src 'none'/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net;/);
    assert.match(csp, /img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net data:;/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    // Every script element carries the nonce; none has inline code.
    for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1]!, /nonce="N0NCE"/);
      if (!/type="application\/json"/.test(m[1]!)) assert.equal(m[2]!.trim(), '');
    }
  });

  it('puts start-up state in as JSON that cannot close its element, and uses a fresh nonce per load', () => {
    const html = fillTemplate(template, { ...values, boot: { panelId: '</script><script>alert(1)</script>', tab: 'chat' } });
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real closing tags');
    const json = /<script type="application\/json" id="boot"[^>]*>([^<]*)<\/script>/.exec(html)![1]!;
    assert.equal((JSON.parse(json) as { panelId: string }).panelId, '</script><script>alert(1)</script>');
    const nonce = (h: string) => /'nonce-([^']+)'/.exec(h)![1];
    assert.notEqual(nonce(fillTemplate(template, { ...values, boot: { panelId: 'p', tab: 'chat' } })), nonce(html));
  });

  it('refuses a template with a token it has no value for', () => {
    assert.throws(() => fillTemplate(`${template}{{unknown}}`, { ...values, boot: { panelId: 'p', tab: 'chat' } }), /unknown/);
  });
});
