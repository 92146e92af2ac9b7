// How a method of the playground protocol is declared: once, with its name and the guards of what
// crosses. Both sides take these descriptors, so a call and its handler are typed by the same
// declaration and checked at run time by the same guards (every message is `unknown` until its
// guard accepts it). Pure: no DOM, no `vscode`.
//
//   export const send = stream('chat/send', isSendParams);                    // webview → host, chunks then end
//   export const clear = request('chat/clear', isNoParams, isDone);           // webview → host, one response
//   export const setOptions = notification('chat/setOptions', isSetOptionsParams); // webview → host, no reply
//   export const turn = event('chat/turn', isTurnEvent);                       // host → webview, no reply

import type { Guard } from './validate';

/** Asked by the webview, answered by the host with one response (`R`, or an error). */
export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  /** Checked by the host before its handler runs. */
  readonly params: Guard<P>;
  /** Checked by the webview before the promise resolves. */
  readonly result: Guard<R>;
}

/** Asked by the webview (or started by the host), answered by text chunks then one end. */
export interface StreamType<P> {
  readonly kind: 'stream';
  readonly method: string;
  readonly params: Guard<P>;
}

/** Told by the webview to the host; no reply. */
export interface NotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly params: Guard<P>;
}

/** Told by the host to the webview; no reply. */
export interface EventType<P> {
  readonly kind: 'event';
  readonly method: string;
  readonly params: Guard<P>;
}

export function request<P, R>(method: string, params: Guard<P>, result: Guard<R>): RequestType<P, R> {
  return { kind: 'request', method, params, result };
}

export function stream<P>(method: string, params: Guard<P>): StreamType<P> {
  return { kind: 'stream', method, params };
}

export function notification<P>(method: string, params: Guard<P>): NotificationType<P> {
  return { kind: 'notification', method, params };
}

export function event<P>(method: string, params: Guard<P>): EventType<P> {
  return { kind: 'event', method, params };
}

/** What a handler of a request returns: its result, or a promise of it. */
export type Returns<R> = R | Promise<R>;

/** An event and its params, paired where both are known (re-addressed events, queued ones). */
export interface EventMessage {
  readonly event: EventType<unknown>;
  readonly params: unknown;
}

/** Pairs an event with params of its type (the pairing is checked here, where both types are known). */
export function eventMessage<P>(e: EventType<P>, params: NoInfer<P>): EventMessage {
  return { event: e as EventType<unknown>, params };
}

/** Sends a host → webview event; held until the webview is ready. */
export type Notify = <P>(e: EventType<P>, params: NoInfer<P>) => void;
