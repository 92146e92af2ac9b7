// The one click handler for links in every tab. It runs first (capture phase, on the document),
// takes every link that leaves the page, and stops the click there: VS Code's webview code, which
// listens on the window and would open the link itself or ask a second time, never sees it. The
// host then shows the full address and opens it only if the user agrees (src/playground/linkOpener.ts).
// Links within the page (`#…`, the knowledge base's citations and source cards) keep their own handlers.

import { LinkRequests } from '../src/protocol/links';
import type { HostConnection } from './host';

function leavesPage(a: HTMLAnchorElement | SVGAElement): string | undefined {
  const href = a.getAttribute('href') ?? a.getAttribute('xlink:href');
  if (!href || href.startsWith('#')) return undefined;
  return href;
}

export function installLinkHandler(host: HostConnection, doc: Document = document): void {
  const handle = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a) return;
    const href = leavesPage(a);
    if (href === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    // A middle click or one with a modifier opens nothing either: only a plain click asks.
    if (e.type !== 'click' || e.button !== 0) return;
    void host.request(LinkRequests.open, { url: href }).catch(() => undefined);
  };
  doc.addEventListener('click', handle, true);
  doc.addEventListener('auxclick', handle, true);
}
