// Links from model output, host side, in the extension host: `links/open` (the request every tab's
// click handler sends) refuses `command:`, `file:`, `vscode:`, `javascript:` and addresses without a
// scheme without asking, and tells the user; a mailto link (which VS Code's link protection does not
// check) gets our modal with the full address and Open / Copy / Cancel. An http(s) link goes to VS
// Code's opener, whose link protection asks: that is the e2e test's (test/e2e/chatsAndLinks.e2e.ts:
// one click, one question, one open), as a modal cannot be answered from the extension host.
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
    const url = 'mailto:support@example.com?subject=Hello%20there&body=From%20the%20playground';
    await vscode.env.clipboard.writeText('before');
    const asked = answerNextModal(undefined);
    const cancelled = await side.request(LinkRequests.open, { url });
    assert.deepEqual(await asked, { message: `Open ${url}?`, detail: (await asked).detail, buttons: ['Open', 'Copy'] });
    assert.equal(cancelled.outcome, 'cancelled');
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'Cancel leaves the clipboard');

    const asked2 = answerNextModal('Copy');
    const copied = await side.request(LinkRequests.open, { url });
    assert.equal((await asked2).message, `Open ${url}?`);
    assert.equal(copied.outcome, 'copied');
    assert.equal(await vscode.env.clipboard.readText(), url);
  });

  it('shows the address as it will open: a look-alike address in escaped form', async () => {
    const asked = answerNextModal(undefined);
    await side.request(LinkRequests.open, { url: 'mailto:support@\u0430pple.com ' });
    assert.equal((await asked).message, 'Open mailto:support@%D0%B0pple.com?');
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
