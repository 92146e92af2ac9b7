// Links from model output, host side, in the extension host: `links/open` (the request every tab's
// click handler sends) shows the full address in a modal with Open / Copy / Cancel and acts on the
// answer only; `command:`, `file:`, `vscode:`, `javascript:` and addresses without a scheme are
// refused without asking, and the user is told. (That a click yields one modal and one open is the
// e2e test's: test/e2e/links.e2e.ts.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LinkRequests } from '../../src/protocol/links';
import { attachLinkOpener } from '../../src/playground/linkOpener';
import { activeExtension } from './support/extension';
import { answerNextModal, nextMessage } from './support/uiCalls';
import { WebviewSide } from './support/webviewSide';

describe('links from model output (host side)', function () {
  this.timeout(60_000);
  let side: WebviewSide;
  let attached: vscode.Disposable;

  before(async () => { await activeExtension(); });
  beforeEach(() => {
    side = new WebviewSide();
    attached = attachLinkOpener(side.router);
  });
  afterEach(() => { attached.dispose(); });

  it('asks with the full address before anything happens; Copy copies it, Cancel does nothing', async () => {
    const url = 'https://example.com/a/very/long/path?with=query&and=more#fragment';
    await vscode.env.clipboard.writeText('before');
    const asked = answerNextModal(undefined);
    const cancelled = await side.request(LinkRequests.open, { url });
    assert.deepEqual(await asked, { message: `Open ${url}?`, detail: (await asked).detail, buttons: ['Open', 'Copy'] });
    assert.equal(cancelled.outcome, 'cancelled');
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'Cancel leaves the clipboard');

    const asked2 = answerNextModal('Copy');
    const copied = await side.request(LinkRequests.open, { url });
    assert.match((await asked2).message, /^Open https:\/\/example\.com\/a\/very\/long\/path\?with=query&and=more#fragment\?$/);
    assert.equal(copied.outcome, 'copied');
    assert.equal(await vscode.env.clipboard.readText(), url);
  });

  it('shows the address as it will open: a look-alike host name in punycode', async () => {
    const asked = answerNextModal(undefined);
    await side.request(LinkRequests.open, { url: 'https://аpple.com/login' });
    assert.equal((await asked).message, 'Open https://xn--pple-43d.com/login?');
  });

  for (const url of ['command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://settings/editor', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'relative/page.html', 'vscode-webview://x/index.html']) {
    it(`refuses ${url.split(':')[0]}${url.includes(':') ? ':' : ' (no scheme)'} without asking, and says so`, async () => {
      const told = nextMessage('showWarningMessage');
      const res = await side.request(LinkRequests.open, { url });
      assert.equal(res.outcome, 'refused');
      assert.match(await told, /^Not opened: /);
    });
  }
});
