// Opens a link from the playground only after the user has seen its full address and agreed, and
// opens it once. Every tab sends its clicks here (`links/open`); the webview has kept the click from
// VS Code's own webview link handling, so nothing else opens or asks.
//
// http and https go straight to VS Code's opener, whose link protection is the one question: a
// modal with the full address and Open / Copy / Cancel (and Configure Trusted Domains). A modal of
// our own before it would make the user answer twice, which is what this replaces: the e2e test
// found that `openExternal` from an extension is checked by link protection like a click, and an
// extension cannot skip that check. Domains the user has trusted there (and VS Code's own trusted
// list) open without a question, as every link in VS Code does. mailto is not checked by VS Code,
// so it gets our own modal. Every other scheme (command:, file:, vscode:…) is refused, with a message.

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
  const uri = vscode.Uri.parse(link.href, true);
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    // VS Code asks (link protection) and opens it, or not: one question, one open.
    const opened = await vscode.env.openExternal(uri);
    log().info(`Playground: ${opened ? 'opened' : 'did not open'} ${link.href}`);
    return opened ? 'opened' : 'cancelled';
  }
  const choice = await vscode.window.showWarningMessage(
    `Open ${link.href}?`,
    { modal: true, detail: 'This link is in text the playground shows (a model\'s answer or a retrieved document), which anyone could have written. Check the full address above before you open it.' },
    'Open', 'Copy',
  );
  if (choice === 'Open') {
    const opened = await vscode.env.openExternal(uri);
    log().info(`Playground: ${opened ? 'opened' : 'could not open'} ${link.href}`);
    return opened ? 'opened' : 'cancelled';
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
