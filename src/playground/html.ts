// Fills the static page template (media/playground.html) for one webview. Values go in through
// `{{token}}`s, escaped for where they land; start-up state goes in as JSON, never as markup.

import { randomBytes } from 'node:crypto';
import type { BootState } from '../protocol/envelope';

export interface PageValues {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  boot: BootState;
  /** Fresh per page load; the only key that lets a script run. */
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** JSON that is safe inside a `<script type="application/json">` element: no `<`, `>`, `&` or line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeAttribute(v: string): string {
  return v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The template with every token replaced; throws if a token is left (a template/code mismatch is a bug). */
export function fillTemplate(template: string, values: PageValues): string {
  const nonce = values.nonce ?? makeNonce();
  const tokens: Record<string, string> = {
    nonce: escapeAttribute(nonce),
    cspSource: escapeAttribute(values.cspSource),
    scriptUri: escapeAttribute(values.scriptUri),
    styleUri: escapeAttribute(values.styleUri),
    boot: jsonForScript(values.boot),
  };
  const html = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(tokens, name) ? tokens[name]! : whole));
  const left = /\{\{\w+\}\}/.exec(html);
  if (left) throw new Error(`Playground template token ${left[0]} has no value`);
  return html;
}
