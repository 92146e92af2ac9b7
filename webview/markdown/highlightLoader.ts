// Loads dist/webviewHighlight.js once, when the first code block that could be highlighted is
// rendered: a <script> with the page's nonce (the CSP allows only scripts carrying it) and the
// address of the playground's own script with the file name changed.

import type { Highlighter } from './highlighter';

export const HIGHLIGHTER_GLOBAL = 'bedrockHighlighter';

// Read while the playground's script runs for the first time: document.currentScript is null later.
const own = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
let requested = false;

/** Starts loading the highlighter, once; `loaded` gets it when it has run. Without a script to follow (tests), nothing happens. */
export function requestHighlighter(loaded: (h: Highlighter) => void): void {
  if (requested || !own?.src) return;
  requested = true;
  const script = document.createElement('script');
  script.nonce = own.nonce;
  script.src = own.src.replace(/webview\.js(?=$|[?#])/, 'webviewHighlight.js');
  script.addEventListener('load', () => {
    const h = (window as unknown as Record<string, unknown>)[HIGHLIGHTER_GLOBAL] as Highlighter | undefined;
    if (h) loaded(h);
  });
  // If it fails to load, code blocks stay plain (as for a language highlight.js does not know); no retry.
  document.head.appendChild(script);
}
