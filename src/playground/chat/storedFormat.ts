// The saved form of a conversation, and the conversions both ways. Version 2 stores each answer's
// API request as a patch on the request before it (requestDelta.ts), so a file grows linearly
// with its turns; version 1 (every request in full) is still read, and saved as version 2 next.
// Images are stored by their hash (the store keeps the bytes). Pure: no file system, no `vscode`.

import { createHash } from 'node:crypto';
import type { ApiRequestRecord } from '../../bedrock/types';
import { IMAGE_FORMATS, type ImageFormat, type TurnView, isChatOptions, isTurnView } from '../../protocol/chat';
import { isApiRequest } from '../../protocol/common';
import { isArrayOf, isInteger, isNonEmptyString, isRecord, isShape, isString, own } from '../../protocol/validate';
import type { Conversation } from './conversation';
import { applyPatch, diffJson, isPatch, type Patch } from './requestDelta';

export interface StoredAttachment { format: ImageFormat; name: string; sha256: string }

/** An answer's request: its operation and model, and its body as a patch on the body of turn `base` (none: on nothing). */
export interface StoredRequest { operation: ApiRequestRecord['operation']; modelId: string; base?: string; patch: Patch }

export type StoredTurn = Omit<TurnView, 'attachments' | 'streamId' | 'request'> & { attachments?: StoredAttachment[]; request?: StoredRequest };

export interface StoredConversation {
  version: 2;
  id: string;
  title?: string;
  createdAt: number;
  updatedAt: number;
  options: Conversation['options'];
  turns: StoredTurn[];
  invocationOverrides: Record<string, string>;
}

/** What reading a saved file gave: the conversation (images still by hash), and what the reader should know. */
export interface ReadResult {
  stored: Omit<StoredConversation, 'turns'> & { turns: Array<Omit<StoredTurn, 'request'> & { request?: ApiRequestRecord }> };
  /** The file was version 1 (it is saved again as version 2). */
  migrated: boolean;
  /** Turns or requests that could not be read and were left out (the file should be kept aside before it is overwritten). */
  lost: string[];
}

export const SAFE_ID = /^[\w-]{1,100}$/;
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[a-f0-9]{64}$/.test(v);
const isStoredAttachment = isShape({ format: (v: unknown): v is ImageFormat => typeof v === 'string' && (IMAGE_FORMATS as readonly string[]).includes(v), name: isString(500), sha256: isSha });

// The patch of a request, kept per request object while it lives: a save diffs only new requests.
const patches = new WeakMap<ApiRequestRecord, { base: ApiRequestRecord | undefined; stored: StoredRequest }>();

function storedRequest(request: ApiRequestRecord, base: { id: string; request: ApiRequestRecord } | undefined): StoredRequest {
  const cached = patches.get(request);
  if (cached && cached.base === base?.request && cached.stored.base === base?.id) return cached.stored;
  const stored: StoredRequest = {
    operation: request.operation, modelId: request.modelId,
    ...(base ? { base: base.id, patch: diffJson(base.request.body, request.body) } : { patch: ['v', request.body] }),
  };
  patches.set(request, { base: base?.request, stored });
  return stored;
}

export function sha256(base64: string): string {
  let sha = shaCache.get(base64);
  if (!sha) {
    sha = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
    if (shaCache.size > 500) shaCache.clear();
    shaCache.set(base64, sha);
  }
  return sha;
}
// Hashing a 3.75 MB image on every save would be wasted work: each attachment is hashed once.
const shaCache = new Map<string, string>();

export function toStored(c: Conversation): StoredConversation {
  let prev: { id: string; request: ApiRequestRecord } | undefined;
  const turns = c.turns.map((t): StoredTurn => {
    const { attachments, streamId: _s, request, ...rest } = t;
    const out: StoredTurn = { ...rest };
    if (attachments?.length) out.attachments = attachments.map((a) => ({ format: a.format, name: a.name, sha256: sha256(a.base64) }));
    if (request) {
      out.request = storedRequest(request, prev);
      prev = { id: t.id, request };
    }
    return out;
  });
  return {
    version: 2, id: c.id, ...(c.title ? { title: c.title } : {}), createdAt: c.createdAt, updatedAt: c.updatedAt,
    options: c.options, invocationOverrides: c.invocationOverrides, turns,
  };
}

/** Reads a parsed file of version 1 or 2; undefined when it is not a conversation at all. */
export function fromStored(v: unknown): ReadResult | undefined {
  if (!isRecord(v)) return undefined;
  const version = own(v, 'version');
  if (version !== 1 && version !== 2) return undefined;
  const id = own(v, 'id');
  const turnsRaw = own(v, 'turns');
  const options = own(v, 'options');
  if (!isNonEmptyString(100)(id) || !SAFE_ID.test(id) || !Array.isArray(turnsRaw) || !isChatOptions(options)) return undefined;
  const lost: string[] = [];
  const bodies = new Map<string, ApiRequestRecord>();
  let n = 0;
  const turns: ReadResult['stored']['turns'] = [];
  for (const raw of turnsRaw) {
    n++;
    if (!isRecord(raw)) { lost.push(`turn ${n}`); continue; }
    const { attachments, request, ...rest } = raw;
    const view = { ...rest, attachments: undefined };
    if (!isTurnView(view)) { lost.push(`turn ${n}`); continue; }
    const { attachments: _a, ...clean } = view;
    const turn: ReadResult['stored']['turns'][number] = { ...clean };
    const atts = isArrayOf(isStoredAttachment, 20)(attachments) ? attachments : undefined;
    if (atts) turn.attachments = atts;
    if (request !== undefined) {
      const full = version === 1 ? (isApiRequest(request) ? request : undefined) : readRequest(request, bodies);
      if (full) {
        turn.request = full;
        bodies.set(clean.id, full);
      } else lost.push(`the API request of turn ${n}`);
    }
    turns.push(turn);
  }
  const overridesRaw = own(v, 'invocationOverrides');
  const invocationOverrides: Record<string, string> = {};
  if (isRecord(overridesRaw)) for (const [k, val] of Object.entries(overridesRaw)) if (typeof val === 'string') invocationOverrides[k] = val;
  const num = isInteger(0, Number.MAX_SAFE_INTEGER);
  const createdAt = own(v, 'createdAt');
  const updatedAt = own(v, 'updatedAt');
  const title = own(v, 'title');
  return {
    stored: {
      version: 2, id, options, turns, invocationOverrides,
      ...(isNonEmptyString(200)(title) ? { title } : {}),
      createdAt: num(createdAt) ? createdAt : Date.now(), updatedAt: num(updatedAt) ? updatedAt : Date.now(),
    },
    migrated: version === 1,
    lost,
  };
}

function readRequest(raw: unknown, bodies: Map<string, ApiRequestRecord>): ApiRequestRecord | undefined {
  if (!isRecord(raw)) return undefined;
  const operation = own(raw, 'operation');
  const modelId = own(raw, 'modelId');
  const base = own(raw, 'base');
  const patch = own(raw, 'patch');
  if (!isPatch(patch)) return undefined;
  const baseRequest = typeof base === 'string' ? bodies.get(base) : undefined;
  if (base !== undefined && !baseRequest) return undefined;
  let body: unknown;
  try { body = applyPatch(baseRequest?.body, patch); } catch { return undefined; }
  // The body comes from JSON.parse, so it is JSON already: only what names the call is checked
  // (walking every body would cost the square of the turns, as the bodies share their history).
  const head = { operation, modelId, body: null };
  if (!isApiRequest(head)) return undefined;
  const request: ApiRequestRecord = { operation: head.operation, modelId: head.modelId, body };
  // The next save writes the same patch again instead of diffing.
  patches.set(request, {
    base: baseRequest,
    stored: { operation: request.operation, modelId: request.modelId, ...(typeof base === 'string' ? { base } : {}), patch },
  });
  return request;
}
