// Turns a model's (possibly partial) answer into the text that goes into the editor: the
// wrapping the model adds (<rewrite> tags, code fences) is removed, and the original
// selection's surrounding whitespace is kept. Plain Node: no `vscode`.

const OPEN_TAG = '<rewrite>';
const CLOSE_TAG = '</rewrite>';

/** Removes a trailing part of `text` that could be the start of `token` still arriving. */
function holdBackPrefixOf(text: string, token: string): string {
  for (let n = Math.min(token.length - 1, text.length); n > 0; n--) {
    if (token.toLowerCase().startsWith(text.slice(-n).toLowerCase())) return text.slice(0, -n);
  }
  return text;
}

function unwrapTags(raw: string, done: boolean): string {
  const lower = raw.toLowerCase();
  const open = lower.indexOf(OPEN_TAG);
  if (open < 0) {
    // The tag may still be arriving: show nothing until it can be told apart from text.
    if (!done && OPEN_TAG.startsWith(raw.trimStart().toLowerCase())) return '';
    return done ? raw.replace(/<\/rewrite>\s*$/i, '') : raw;
  }
  const body = raw.slice(open + OPEN_TAG.length);
  const close = body.toLowerCase().indexOf(CLOSE_TAG);
  if (close >= 0) return body.slice(0, close);
  return done ? body : holdBackPrefixOf(body, CLOSE_TAG);
}

/**
 * Where a closing fence (``` then only whitespace to the end, with the newline before it) starts,
 * if the text ends with one. String work, not a regular expression: this runs on every streamed
 * update of the model's answer, and /\n?```[ \t]*\s*$/ took seconds on a fence and 40,000 spaces.
 */
export function closingFenceAt(text: string): number | undefined {
  const end = text.trimEnd().length;
  if (end < 3 || !text.startsWith('```', end - 3)) return undefined;
  const start = end - 3;
  return start > 0 && text[start - 1] === '\n' ? start - 1 : start;
}

function unwrapFence(body: string, done: boolean): string {
  const start = body.search(/\S/);
  if (start < 0 || !body.startsWith('`', start)) return body;
  const rest = body.slice(start);
  if (!done && '```'.startsWith(rest)) return ''; // a fence may be starting
  if (!rest.startsWith('```')) return body;
  const eol = rest.indexOf('\n');
  if (eol < 0) return done ? body : ''; // the fence line (with its language) is still arriving
  let inner = rest.slice(eol + 1);
  const closing = closingFenceAt(inner);
  if (closing !== undefined) inner = inner.slice(0, closing);
  else if (!done) inner = inner.replace(/\n`{1,2}$/, '').replace(/^`{1,2}$/, '');
  return inner;
}

/**
 * The rewritten passage within the model's answer. `done` = the answer is complete; while it
 * streams, text that may turn out to be wrapping is held back rather than shown and removed.
 * `keepFences`: the original text itself was a fenced block, so fences are content.
 */
export function extractRewrite(raw: string, done: boolean, keepFences = false): string {
  let body = unwrapTags(raw, done);
  if (!keepFences) body = unwrapFence(body, done);
  return body;
}

export interface Whitespace {
  leading: string;
  trailing: string;
}

export function surroundingWhitespace(original: string): Whitespace {
  const leading = /^\s*/.exec(original)?.[0] ?? '';
  if (leading.length === original.length) return { leading: original, trailing: '' };
  const trailing = original.slice(original.trimEnd().length);
  return { leading, trailing };
}

/**
 * The text to show in place of the original: the original's leading whitespace, the rewrite,
 * and (once done) the original's trailing whitespace.
 */
export function replacementText(original: string, raw: string, done: boolean): string {
  const ws = surroundingWhitespace(original);
  const keepFences = original.trimStart().startsWith('```');
  const body = extractRewrite(raw, done, keepFences).replace(/^\s*\n/, '').replace(/^[ \t]+/, '');
  return done ? `${ws.leading}${body.trimEnd()}${ws.trailing}` : `${ws.leading}${body}`;
}

export interface TailEdit {
  /** Offset into the old text where the change starts. */
  start: number;
  /** How many characters of the old text, from `start`, are replaced. */
  deleteLength: number;
  insert: string;
}

/** The smallest edit that turns `before` into `after` keeping their common prefix (streaming mostly appends). */
export function tailEdit(before: string, after: string): TailEdit | undefined {
  if (before === after) return undefined;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Never split a surrogate pair.
  if (p > 0 && p < max && isHighSurrogate(before.charCodeAt(p - 1))) p--;
  return { start: p, deleteLength: before.length - p, insert: after.slice(p) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
