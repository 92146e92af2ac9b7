// Opens a link from the playground only after the user has seen its full address and agreed:
// one modal, "Open <address>?", with Open, Copy and Cancel; then VS Code's opener, once. Links
// whose scheme is not http, https or mailto are never opened, and the user is told why. Every tab
// sends its clicks here (`links/open`); the webview has kept the click from VS Code's own link
// handling, so nothing else opens or asks.

import * as vscode from 'vscode';
import { log } from '../core/log';
import { checkLink, LinkRequests, type LinkOutcome } from '../protocol/links';
import { registerPlaygroundContribution } from './contributions';
import type { HostRouter } from './router';

export async function openLinkWithConsent(raw: string): Promise<LinkOutcome> {
  const link = checkLink(raw);
  if (!link.ok) {
    const what = link.scheme ? `a ${link.scheme}: link` : 'a link without a web address';
    log().warn(`Playground: refused to open ${what}: ${raw.slice(0, 200)}`);
    void vscode.window.showWarningMessage(`Not opened: ${what} in the playground is never opened (only http, https and mailto links are). ${raw.slice(0, 300)}`);
    return 'refused';
  }
  const choice = await vscode.window.showWarningMessage(
    `Open ${link.href}?`,
    { modal: true, detail: 'This link is in text the playground shows (a model\'s answer or a retrieved document), which anyone could have written. Check the full address above before you open it.' },
    'Open', 'Copy',
  );
  if (choice === 'Open') {
    const opened = await vscode.env.openExternal(vscode.Uri.parse(link.href, true));
    log().info(`Playground: ${opened ? 'opened' : 'could not open'} ${link.href}`);
    return 'opened';
  }
  if (choice === 'Copy') {
    await vscode.env.clipboard.writeText(link.href);
    return 'copied';
  }
  return 'cancelled';
}

/** Handles `links/open` in a panel's router. */
export function attachLinkOpener(router: HostRouter): vscode.Disposable {
  return vscode.Disposable.from(router.onRequest(LinkRequests.open, async ({ url }) => ({ outcome: await openLinkWithConsent(url) })));
}

/** The `links/open` handler in every playground panel. One entry in src/features.ts. */
export function registerLinkOpener(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerPlaygroundContribution((ctx) => attachLinkOpener(ctx.router)));
}
