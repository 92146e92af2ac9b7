// Links in what the playground shows (a model's answer in Chat or Compare, a knowledge-base
// answer): every tab's clicks go through one request, and the host decides. The webview never
// opens anything itself, and keeps the click from VS Code's own webview link handling (which
// would open or ask a second time). Pure: no DOM, no `vscode`.

import { request } from './methods';
import { type Guard, isNonEmptyString, isOneOf, isShape } from './validate';

/** The link's address as written in the page (its `href` attribute). */
export interface OpenLinkParams { url: string }
export const isOpenLinkParams: Guard<OpenLinkParams> = isShape({ url: isNonEmptyString(8192) });

/** What became of it: opened after the user agreed, copied instead, left, or refused (a scheme never opened). */
export type LinkOutcome = 'opened' | 'copied' | 'cancelled' | 'refused';
export interface OpenLinkResult { outcome: LinkOutcome }
export const isOpenLinkResult: Guard<OpenLinkResult> = isShape({ outcome: isOneOf(['opened', 'copied', 'cancelled', 'refused'] as const) });

export const LinkRequests = {
  /** webview → host: the user clicked a link; the host asks them (the full address, Open / Copy / Cancel) and opens it at most once. */
  open: request('links/open', isOpenLinkParams, isOpenLinkResult),
} as const;

/** The schemes a link from model output may open: the web and e-mail. Never `command:`, `file:`, `vscode:` or any other. */
export const OPENABLE_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

/**
 * The address to show and open, or why it is refused. Parsed as a browser does (WHATWG URL), so
 * what the user reads is what opens: host names in punycode, spaces and control characters
 * escaped. A relative address (no scheme) has nowhere to go and is refused too.
 */
export function checkLink(raw: string): { ok: true; href: string } | { ok: false; scheme: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, scheme: '' };
  }
  if (!OPENABLE_SCHEMES.includes(url.protocol)) return { ok: false, scheme: url.protocol.replace(/:$/, '') };
  if (url.protocol !== 'mailto:' && !url.hostname) return { ok: false, scheme: url.protocol.replace(/:$/, '') };
  return { ok: true, href: url.href };
}
