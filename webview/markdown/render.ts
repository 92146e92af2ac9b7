// Markdown → sanitized DOM. markdown-it with raw HTML off (model output that looks like HTML is
// shown as text), highlight.js for fenced code with a known language, and DOMPurify over the
// result as a second wall: only plain formatting tags survive, links keep only http(s) targets,
// and images become links (the CSP would block remote images anyway; a link says what was there).
// highlight.js comes in its own script on the first code block (highlightLoader.ts); blocks
// rendered before it arrives are highlighted in place when it does.

import DOMPurify, { type Config } from 'dompurify';
import MarkdownIt from 'markdown-it';
import type { Highlighter } from './highlighter';
import { requestHighlighter } from './highlightLoader';

let highlighter: Highlighter | undefined;
let highlighting = true;

const md = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: false,
  highlight: (code, lang) => {
    const language = lang.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!highlighting || !language) return '';
    if (!highlighter) {
      requestHighlighter(useHighlighter);
      return '';
    }
    return highlighter.highlight(code, language) ?? '';
  },
});

// An image in an answer becomes a link to it (its alt text as the label).
md.renderer.rules.image = (tokens, idx, _options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], md.options, env) || src;
  return `<a href="${md.utils.escapeHtml(String(src))}" class="md-image-link">${md.utils.escapeHtml(`[image: ${alt}]`)}</a>`;
};

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
];

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
    node.removeAttribute('target');
  }
  // Only highlight.js's and markdown-it's own classes; nothing that could restyle the page.
  const cls = node.getAttribute('class');
  if (cls !== null && !/^(?:(?:hljs-[\w-]+|language-[\w+#.-]+|md-image-link|_)(?:\s+|$))*$/.test(cls)) node.removeAttribute('class');
});

const PURIFY_OPTIONS: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', 'start', 'colspan', 'rowspan'],
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

/** Renders markdown into a sanitized fragment. `highlight: false` skips code highlighting (for text that is still arriving). */
export function renderMarkdown(source: string, highlight = true): DocumentFragment {
  highlighting = highlight;
  try {
    return purifier.sanitize(md.render(source), PURIFY_OPTIONS);
  } finally {
    highlighting = true;
  }
}

/**
 * Installs the highlighter (the loader calls this; the render benchmark too, up front) and
 * highlights the code blocks already on the page, which were rendered plain.
 */
export function useHighlighter(h: Highlighter, root: ParentNode = document): void {
  highlighter = h;
  for (const code of root.querySelectorAll<HTMLElement>('.md-block pre > code[class*="language-"]')) {
    if (code.querySelector('[class^="hljs-"]')) continue;
    const language = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className)?.[1]?.toLowerCase();
    const html = language ? h.highlight(code.textContent ?? '', language) : undefined;
    if (html) code.replaceChildren(purifier.sanitize(html, PURIFY_OPTIONS));
  }
}

