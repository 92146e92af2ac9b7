// Entry of dist/webviewHighlight.js: the highlighter, handed to the playground's script
// (markdown/highlightLoader.ts) through a property of the page's window.
import { createHighlighter } from './markdown/highlighter';
import { HIGHLIGHTER_GLOBAL } from './markdown/highlightLoader';

(window as unknown as Record<string, unknown>)[HIGHLIGHTER_GLOBAL] = createHighlighter();
