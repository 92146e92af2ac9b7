// Source of a script Playwright adds to every frame of the VS Code window before the frame's own
// scripts run. In the playground webview's document it notes, on the page's clock, when each
// marked first token (FTOK<n>) and each marked last word (FEND<n>) enters the DOM (as an added
// node, or as the `current-value` attribute a webview-ui-toolkit text area reflects its value
// into, which is how the peer product shows an answer), and, for a restored conversation (a chat
// state message of at least `minTurns` turns, counting the older ones it says follow), when that
// message and its older turns arrive, when its last turn is in the DOM, and when all of its turns
// are. It also notes when the message carrying a first-token marker reaches the webview, before
// the webview's own code runs on it. (A string: it runs in the browser, not in Node.)

export interface ProbeRecord {
  /** Marker number → epoch ms (timeOrigin + now) when its text entered the DOM. */
  tokens: Record<string, number>;
  /** Marker number → epoch ms when its last-word marker (FEND<n>) entered the DOM. */
  ends: Record<string, number>;
  /** Marker number → epoch ms when the message carrying its first token reached the webview. */
  arrivals: Record<string, number>;
  /** performance.now() when the webview said ready (its script ran), and when the `chat/state` message arrived. */
  readyAt?: number;
  stateAt?: number;
  /** How many turns the conversation has (those in that message and the older ones it announced). */
  stateTurns?: number;
  /** performance.now() when the older turns arrived (`chat/earlierTurns`), if the state left some out. */
  earlierAt?: number;
  /** performance.now() when its last turn was in the DOM (what the panel shows first). */
  lastTurnAt?: number;
  /** performance.now() when all of its turns were in the DOM. */
  turnsAt?: number;
}

export function probeSource(minTurns: number): string {
  return `(() => {
  const bench = { tokens: {}, ends: {}, arrivals: {} };
  window.__bench = bench;
  const marker = /FTOK(\\d+)/;
  const endMarker = /FEND(\\d+)/;
  const note = (text, now) => {
    const m = marker.exec(text);
    if (m && bench.tokens[m[1]] === undefined) bench.tokens[m[1]] = now;
    const e = endMarker.exec(text);
    if (e && bench.ends[e[1]] === undefined) bench.ends[e[1]] = now;
  };
  let lastId;
  const install = () => {
    window.addEventListener('message', (e) => {
      const d = e.data;
      // A delta: ours is { type: 'chunk', delta }, the bare webview's { text }.
      const delta = d && typeof d === 'object' ? (typeof d.delta === 'string' ? d.delta : typeof d.text === 'string' ? d.text : undefined) : undefined;
      const hit = delta !== undefined && marker.exec(delta);
      if (hit && bench.arrivals[hit[1]] === undefined) bench.arrivals[hit[1]] = performance.timeOrigin + performance.now();
      // A long conversation's state carries its last turns and says how many older ones follow (earlier).
      const total = d && d.type === 'notify' && d.method === 'chat/state' && d.params && d.params.turns ? d.params.turns.length + (d.params.earlier || 0) : 0;
      if (bench.stateAt === undefined && total >= ${minTurns}) {
        bench.stateAt = performance.now();
        bench.stateTurns = total;
        lastId = d.params.turns[d.params.turns.length - 1].id;
      }
      if (bench.stateAt !== undefined && bench.earlierAt === undefined && d && d.type === 'notify' && d.method === 'chat/earlierTurns') bench.earlierAt = performance.now();
    });
    new MutationObserver((records) => {
      const app = document.getElementById('app');
      if (app && bench.readyAt === undefined && !app.hasAttribute('aria-busy')) bench.readyAt = performance.now();
      const now = performance.timeOrigin + performance.now();
      for (const r of records) {
        if (r.type === 'attributes' && r.attributeName === 'current-value') note(r.target.getAttribute('current-value') || '', now);
        for (const n of r.addedNodes) note(n.textContent || '', now);
      }
      if (lastId === undefined) return;
      if (bench.lastTurnAt === undefined && document.querySelector('.turn[data-turn-id="' + lastId + '"]')) bench.lastTurnAt = performance.now();
      if (bench.turnsAt === undefined && document.querySelectorAll('.turn').length >= bench.stateTurns) bench.turnsAt = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy', 'current-value'] });
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
