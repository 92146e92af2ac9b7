// Saves conversations in the extension's storage: one JSON file per conversation, images once
// each in a content-addressed folder (a 20-turn chat with the same screenshot stores it once, and
// a save never copies image bytes). Writes go to a temporary file renamed over the old one, so a
// crash mid-save leaves the previous save intact. Saves of one conversation never overlap.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { type ChatOptions, IMAGE_FORMATS, type ImageFormat, type TurnView, isChatOptions, isTurnView } from '../../protocol/chat';
import { type Conversation, markInterrupted } from './conversation';
import { isArrayOf, isInteger, isNonEmptyString, isRecord, isShape, isString, own } from '../../protocol/validate';

interface StoredAttachment { format: ImageFormat; name: string; sha256: string }
type StoredTurn = Omit<TurnView, 'attachments' | 'streamId'> & { attachments?: StoredAttachment[] };

interface StoredConversation {
  version: 1;
  id: string;
  createdAt: number;
  updatedAt: number;
  options: ChatOptions;
  turns: StoredTurn[];
  invocationOverrides: Record<string, string>;
}

const SAFE_ID = /^[\w-]{1,100}$/;
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[a-f0-9]{64}$/.test(v);
const isStoredAttachment = isShape({ format: (v: unknown): v is StoredAttachment['format'] => typeof v === 'string' && (IMAGE_FORMATS as readonly string[]).includes(v), name: isString(500), sha256: isSha });

export class ConversationStore {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly written = new Set<string>();

  constructor(private readonly root: string, private readonly warn: (m: string) => void = () => undefined) {}

  private file(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id.slice(0, 40))}`);
    return path.join(this.root, 'conversations', `${id}.json`);
  }

  private imageFile(sha: string, format: string): string {
    return path.join(this.root, 'attachments', `${sha}.${format}`);
  }

  /** Queues a save of the conversation as it is now (later saves wait for earlier ones). */
  save(c: Conversation): Promise<void> {
    const snapshot = this.toStored(c);
    const images = collectImages(c);
    const prev = this.chains.get(c.id) ?? Promise.resolve();
    const next = prev.then(() => this.write(snapshot, images)).catch((err: unknown) => {
      this.warn(`Saving conversation ${c.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.chains.set(c.id, next);
    return next;
  }

  /** Waits for every queued save (tests; deactivation). */
  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  /** The saved conversation, with replies that were arriving marked interrupted; undefined if none or unreadable. */
  async load(id: string): Promise<Conversation | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.file(id), 'utf8');
    } catch {
      return undefined;
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      this.warn(`Conversation ${id} could not be read (not JSON); starting a new one. The file is kept.`);
      await rename(this.file(id), `${this.file(id)}.unreadable-${Date.now()}`).catch(() => undefined);
      return undefined;
    }
    const stored = this.fromStored(data);
    if (!stored) {
      this.warn(`Conversation ${id} has an unexpected shape; starting a new one. The file is kept.`);
      await rename(this.file(id), `${this.file(id)}.unreadable-${Date.now()}`).catch(() => undefined);
      return undefined;
    }
    const turns: TurnView[] = [];
    for (const t of stored.turns) {
      const { attachments, ...rest } = t;
      if (!attachments?.length) { turns.push(rest); continue; }
      const loaded = [];
      for (const a of attachments) {
        try {
          const bytes = await readFile(this.imageFile(a.sha256, a.format));
          loaded.push({ format: a.format, name: a.name, base64: bytes.toString('base64') });
        } catch {
          this.warn(`An image of conversation ${id} is missing from storage (${a.sha256.slice(0, 12)}…)`);
        }
      }
      turns.push(loaded.length ? { ...rest, attachments: loaded } : rest);
    }
    return {
      id: stored.id, createdAt: stored.createdAt, updatedAt: stored.updatedAt, options: stored.options,
      turns: markInterrupted(turns), invocationOverrides: stored.invocationOverrides,
    };
  }

  private toStored(c: Conversation): StoredConversation {
    return {
      version: 1, id: c.id, createdAt: c.createdAt, updatedAt: c.updatedAt, options: c.options, invocationOverrides: c.invocationOverrides,
      turns: c.turns.map((t) => {
        const { attachments, streamId: _s, ...rest } = t;
        return attachments?.length ? { ...rest, attachments: attachments.map((a) => ({ format: a.format, name: a.name, sha256: sha256(a.base64) })) } : rest;
      }),
    };
  }

  private fromStored(v: unknown): StoredConversation | undefined {
    if (!isRecord(v) || own(v, 'version') !== 1) return undefined;
    const id = own(v, 'id');
    const turnsRaw = own(v, 'turns');
    const options = own(v, 'options');
    if (!isNonEmptyString(100)(id) || !SAFE_ID.test(id) || !Array.isArray(turnsRaw) || !isChatOptions(options)) return undefined;
    const turns: StoredTurn[] = [];
    for (const raw of turnsRaw) {
      if (!isRecord(raw)) continue;
      const { attachments, ...rest } = raw;
      const view = { ...rest, attachments: undefined };
      if (!isTurnView(view)) { this.warn(`A turn of conversation ${id} was unreadable and is skipped`); continue; }
      const atts = isArrayOf(isStoredAttachment, 20)(attachments) ? attachments : undefined;
      const { attachments: _a, ...clean } = view;
      turns.push(atts ? { ...clean, attachments: atts } : clean);
    }
    const overridesRaw = own(v, 'invocationOverrides');
    const invocationOverrides: Record<string, string> = {};
    if (isRecord(overridesRaw)) for (const [k, val] of Object.entries(overridesRaw)) if (typeof val === 'string') invocationOverrides[k] = val;
    const num = isInteger(0, Number.MAX_SAFE_INTEGER);
    const createdAt = own(v, 'createdAt');
    const updatedAt = own(v, 'updatedAt');
    return {
      version: 1, id, options, turns, invocationOverrides,
      createdAt: num(createdAt) ? createdAt : Date.now(), updatedAt: num(updatedAt) ? updatedAt : Date.now(),
    };
  }

  private async write(snapshot: StoredConversation, images: Map<string, { format: string; base64: string }>): Promise<void> {
    await mkdir(path.join(this.root, 'conversations'), { recursive: true });
    if (images.size) await mkdir(path.join(this.root, 'attachments'), { recursive: true });
    for (const [sha, img] of images) {
      const file = this.imageFile(sha, img.format);
      if (this.written.has(file)) continue;
      const exists = await stat(file).then(() => true, () => false);
      if (!exists) await atomicWrite(file, Buffer.from(img.base64, 'base64'));
      this.written.add(file);
    }
    await atomicWrite(this.file(snapshot.id), JSON.stringify(snapshot));
  }
}

// Hashing a 3.75 MB image on every save would be wasted work: each attachment is hashed once.
const shaCache = new Map<string, string>();

function sha256(base64: string): string {
  let sha = shaCache.get(base64);
  if (!sha) {
    sha = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
    if (shaCache.size > 500) shaCache.clear();
    shaCache.set(base64, sha);
  }
  return sha;
}

function collectImages(c: Conversation): Map<string, { format: string; base64: string }> {
  const out = new Map<string, { format: string; base64: string }>();
  for (const t of c.turns) for (const a of t.attachments ?? []) out.set(sha256(a.base64), { format: a.format, base64: a.base64 });
  return out;
}

async function atomicWrite(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
