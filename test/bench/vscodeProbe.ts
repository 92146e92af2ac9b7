// Source of a script Playwright adds to every frame of the VS Code window before the frame's own
// scripts run. In the playground webview's document it notes, on the page's clock, when each
// marked first token (FTOK<n>) enters the DOM, when the chat state message arrives, and when the
// conversation first holds `turns` turns. (A string: it runs in the browser, not in Node.)

export interface ProbeRecord {
  /** Marker number → epoch ms (timeOrigin + now) when its text entered the DOM. */
  tokens: Record<string, number>;
  /** performance.now() when the webview said ready (its script ran), when the `chat/state` message arrived, and when `turns` turns were in the DOM. */
  readyAt?: number;
  stateAt?: number;
  turnsAt?: number;
}

export function probeSource(turns: number): string {
  return `(() => {
  const bench = { tokens: {} };
  window.__bench = bench;
  const marker = /FTOK(\\d+)/;
  const install = () => {
    window.addEventListener('message', (e) => {
      const d = e.data;
      if (bench.stateAt === undefined && d && d.type === 'notify' && d.method === 'chat/state' && d.params && d.params.turns && d.params.turns.length >= ${turns}) bench.stateAt = performance.now();
    });
    new MutationObserver((records) => {
      const app = document.getElementById('app');
      if (!app) return;
      if (bench.readyAt === undefined && !app.hasAttribute('aria-busy')) bench.readyAt = performance.now();
      const now = performance.timeOrigin + performance.now();
      for (const r of records) for (const n of r.addedNodes) {
        const m = marker.exec(n.textContent || '');
        if (m && bench.tokens[m[1]] === undefined) bench.tokens[m[1]] = now;
      }
      if (bench.turnsAt === undefined && document.querySelectorAll('.turn').length >= ${turns}) bench.turnsAt = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  };
  install();
  // VS Code writes a webview's HTML into its frame with document.open(), which drops every
  // listener and observer of the document: install them again right after.
  const open = Document.prototype.open;
  Document.prototype.open = function (...args) {
    const result = open.apply(this, args);
    if (this === document) install();
    return result;
  };
})();`;
}
