// highlight.js with the languages answers use most, behind a small interface. It is bundled on
// its own (dist/webviewHighlight.js, see highlightEntry.ts) and loaded when the first fenced code
// block with a language is rendered, so a playground opens without parsing it.

import hljs from 'highlight.js/lib/core';
import { registerLanguages } from './languages';

export interface Highlighter {
  /** The code as highlight.js's HTML (text escaped, `hljs-*` spans), or undefined for an unknown language. */
  highlight(code: string, language: string): string | undefined;
}

export function createHighlighter(): Highlighter {
  registerLanguages(hljs);
  return {
    highlight(code, language) {
      if (!hljs.getLanguage(language)) return undefined;
      try {
        return hljs.highlight(code, { language, ignoreIllegals: true }).value;
      } catch {
        return undefined;
      }
    },
  };
}
