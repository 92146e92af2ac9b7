// The envelope of every message between the playground's host and its webview. Imported by both
// sides; pure (no DOM, no `vscode`). Each feature of the playground (chat, images...) declares its
// own methods in its own protocol module (chat.ts, ...) as descriptors (methods.ts: a `scope/name`
// with the guards of its params and result), and registers handlers for them in the routers of
// both sides.
//
// Webview → host: `ready` first; then `request` (expects one `response`, or a stream of `chunk`s
// closed by one `end`), `notify` (no reply) and `cancel` (aborts a request or stream by id).
// Host → webview: `notify`, `response`, `chunk`, `end`.

import { type Guard, isInteger, isLiteral, isNonEmptyString, isOneOf, isOptional, isRecord, isShape, isString, own } from './validate';

/** Longest method name accepted (`scope/name`). */
export const MAX_METHOD_LENGTH = 64;
/** Longest text that may cross in one message (a 1 MB prompt fits, with room for JSON escapes). */
export const MAX_TEXT = 4_000_000;
/** Request ids are positive integers chosen by the webview. */
export const MAX_REQUEST_ID = Number.MAX_SAFE_INTEGER;

/** An error that ended a request or a stream, in words a user can read. */
export interface ProtocolError {
  message: string;
  /** Machine-readable kind, when the method defines one (e.g. a Bedrock error kind). */
  code?: string;
}

// ---- Webview → host ----

/** First message of every webview document (also after the webview was reloaded or shown again). */
export interface ReadyMessage { type: 'ready' }
/** Asks the host something; answered by one `response`, or by `chunk`s then `end` for stream methods. */
export interface RequestMessage { type: 'request'; id: number; method: string; params: unknown }
/** Tells the host something; no reply. */
export interface NotifyMessage { type: 'notify'; method: string; params: unknown }
/** Aborts the request or stream with this id (the host aborts its AbortController). */
export interface CancelMessage { type: 'cancel'; id: number }

export type WebviewToHost = ReadyMessage | RequestMessage | NotifyMessage | CancelMessage;

// ---- Host → webview ----

/** The answer to a request: `result` on success, `error` on failure (never both). */
export interface ResponseMessage { type: 'response'; id: number; result?: unknown; error?: ProtocolError }
/** New text of a stream (only what was not sent before). `channel` separates reasoning text from the answer. */
export interface ChunkMessage { type: 'chunk'; id: number; delta: string; channel?: 'text' | 'reasoning' }
/** The end of a stream: `done` when it finished, `error` when it failed or was cancelled. */
export interface EndMessage { type: 'end'; id: number; done?: true; error?: ProtocolError }

export type HostToWebview = NotifyMessage | ResponseMessage | ChunkMessage | EndMessage;

// ---- Guards ----

const isId = isInteger(1, MAX_REQUEST_ID);
const isMethod: Guard<string> = (v): v is string => isNonEmptyString(MAX_METHOD_LENGTH)(v) && /^[a-zA-Z][\w-]*(\/[a-zA-Z][\w-]*)+$/.test(v);

export const isProtocolError: Guard<ProtocolError> = isShape({ message: isString(100_000), code: isOptional(isString(100)) });

export const isReadyMessage: Guard<ReadyMessage> = isShape({ type: isLiteral('ready') });
export const isRequestMessage: Guard<RequestMessage> = (v): v is RequestMessage =>
  isShape({ type: isLiteral('request'), id: isId, method: isMethod })(v) && isRecord(v) && 'params' in v;
export const isNotifyMessage: Guard<NotifyMessage> = (v): v is NotifyMessage =>
  isShape({ type: isLiteral('notify'), method: isMethod })(v) && isRecord(v) && 'params' in v;
export const isCancelMessage: Guard<CancelMessage> = isShape({ type: isLiteral('cancel'), id: isId });

export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isRecord(v)) return false;
  switch (own(v, 'type')) {
    case 'ready': return isReadyMessage(v);
    case 'request': return isRequestMessage(v);
    case 'notify': return isNotifyMessage(v);
    case 'cancel': return isCancelMessage(v);
    default: return false;
  }
}

export const isResponseMessage: Guard<ResponseMessage> = (v): v is ResponseMessage =>
  isShape({ type: isLiteral('response'), id: isId, error: isOptional(isProtocolError) })(v);
export const isChunkMessage: Guard<ChunkMessage> = isShape({
  type: isLiteral('chunk'), id: isId, delta: isString(MAX_TEXT), channel: isOptional(isOneOf(['text', 'reasoning'] as const)),
});
export const isEndMessage: Guard<EndMessage> = (v): v is EndMessage =>
  isShape({ type: isLiteral('end'), id: isId, done: isOptional(isLiteral(true)), error: isOptional(isProtocolError) })(v) &&
  isRecord(v) && (own(v, 'done') === true) !== (own(v, 'error') !== undefined);

export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isRecord(v)) return false;
  switch (own(v, 'type')) {
    case 'notify': return isNotifyMessage(v);
    case 'response': return isResponseMessage(v);
    case 'chunk': return isChunkMessage(v);
    case 'end': return isEndMessage(v);
    default: return false;
  }
}

/** Start-up state the host writes into the page as JSON (never as markup). */
export interface BootState {
  /** Identifies the panel (and its conversation) across reloads; the webview keeps it in its state. */
  panelId: string;
  /** The tab to show first. */
  tab: string;
}

export const isBootState: Guard<BootState> = isShape({ panelId: isNonEmptyString(200), tab: isString(40) });

/** A short, log-safe description of a rejected message (never the whole thing: it may be huge or hostile). */
export function describeMessage(v: unknown): string {
  if (!isRecord(v)) return Array.isArray(v) ? `array(${v.length})` : typeof v;
  const type = own(v, 'type');
  const method = own(v, 'method');
  const t = typeof type === 'string' ? type.slice(0, 40) : typeof type;
  const m = typeof method === 'string' ? ` ${method.slice(0, 64)}` : '';
  return `{type: ${JSON.stringify(t)}${m}, keys: ${Object.keys(v).length}}`;
}
