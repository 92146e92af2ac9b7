// Saves conversations in the extension's storage: one JSON file per conversation (storedFormat.ts:
// each answer's API request as what it added, so a file grows linearly), images once each in a
// content-addressed folder (a 20-turn chat with the same screenshot stores it once, and a save
// never copies image bytes). Writes go to a temporary file renamed over the old one, so a crash
// mid-save leaves the previous save intact. Saves of one conversation never overlap. A file that
// cannot be read is moved aside (`<id>.unreadable.json`) and reported, never dropped.

import { copyFile, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { TurnView } from '../../protocol/chat';
import { type Conversation, markInterrupted } from './conversation';
import { fromStored, SAFE_ID, sha256, type StoredConversation, toStored } from './storedFormat';

export interface StoreHooks {
  /** For the log. */
  warn?(message: string): void;
  /** For the user: a saved chat could not be read (in full), and where its file was kept. */
  unreadable?(message: string, keptAt: string): void;
  /** A conversation was saved, renamed or deleted (the Chats view refreshes). */
  changed?(id: string): void;
}

export class ConversationStore {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly written = new Set<string>();
  /** Deleted chats: a panel closing on one (its last save still queued) must not write it back. */
  private readonly deleted = new Set<string>();
  private readonly hooks: StoreHooks;

  constructor(readonly root: string, hooks: StoreHooks | ((m: string) => void) = {}) {
    this.hooks = typeof hooks === 'function' ? { warn: hooks } : hooks;
  }

  get folder(): string {
    return path.join(this.root, 'conversations');
  }

  file(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id.slice(0, 40))}`);
    return path.join(this.folder, `${id}.json`);
  }

  imageFile(sha: string, format: string): string {
    return path.join(this.root, 'attachments', `${sha}.${format}`);
  }

  private warn(m: string): void {
    this.hooks.warn?.(m);
  }

  /** Queues a save of the conversation as it is now (later saves wait for earlier ones). */
  save(c: Conversation): Promise<void> {
    if (this.deleted.has(c.id)) return Promise.resolve();
    const snapshot = toStored(c);
    const images = collectImages(c);
    return this.queue(c.id, async () => {
      await this.write(snapshot, images);
      this.hooks.changed?.(c.id);
    });
  }

  /** Runs `job` after every save of `id` queued before it (deleting waits for a save in flight). */
  queue(id: string, job: () => Promise<void>): Promise<void> {
    const prev = this.chains.get(id) ?? Promise.resolve();
    const next = prev.then(job).catch((err: unknown) => {
      this.warn(`Saving conversation ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.chains.set(id, next);
    return next;
  }

  /** Waits for every queued save (tests; deactivation). */
  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  /** Deletes a chat's file after any save of it queued before; later saves of it are dropped until it is loaded again. */
  async remove(id: string): Promise<void> {
    this.deleted.add(id);
    await this.queue(id, async () => {
      await unlink(this.file(id)).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') throw e; });
    });
    this.hooks.changed?.(id);
  }

  /** Images may have been deleted (a chat removed): the next save writes them again if needed. */
  forgetWrittenImages(): void {
    this.written.clear();
  }

  /** The saved conversation, with replies that were arriving marked interrupted; undefined if none or unreadable. */
  async load(id: string): Promise<Conversation | undefined> {
    this.deleted.delete(id);
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
      await this.moveAside(id, 'is not JSON');
      return undefined;
    }
    const read = fromStored(data);
    if (!read || read.stored.id !== id) {
      await this.moveAside(id, 'is not a conversation this version can read');
      return undefined;
    }
    if (read.lost.length) await this.keepCopy(id, read.lost);
    const { stored } = read;
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
    const c: Conversation = {
      id: stored.id, createdAt: stored.createdAt, updatedAt: stored.updatedAt, options: stored.options,
      turns: markInterrupted(turns), invocationOverrides: stored.invocationOverrides,
      ...(stored.title ? { title: stored.title } : {}),
    };
    if (read.migrated) {
      this.warn(`Conversation ${id}: saved in the old format; saving it in the current one (each answer's request as what it added)`);
      void this.save(c);
    }
    return c;
  }

  /** A file no reader can use goes to `<id>.unreadable.json` (or a numbered name), and the user is told. */
  private async moveAside(id: string, why: string): Promise<void> {
    const kept = await this.freeName(id);
    try {
      await rename(this.file(id), kept);
    } catch (err) {
      this.warn(`Conversation ${id} ${why}, and could not be moved aside: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const message = `A saved Bedrock chat could not be opened: its file ${why}. It was kept as ${path.basename(kept)}; a new chat starts in its place.`;
    this.warn(message);
    this.hooks.unreadable?.(message, kept);
    this.hooks.changed?.(id);
  }

  /** Parts of a file were unreadable: a copy of the whole file is kept before the next save overwrites it. */
  private async keepCopy(id: string, lost: string[]): Promise<void> {
    const kept = await this.freeName(id);
    await copyFile(this.file(id), kept).catch(() => undefined);
    const message = `Parts of a saved Bedrock chat could not be read (${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', …' : ''}) and are left out. The original file was kept as ${path.basename(kept)}.`;
    this.warn(message);
    this.hooks.unreadable?.(message, kept);
  }

  private async freeName(id: string): Promise<string> {
    const first = path.join(this.folder, `${id}.unreadable.json`);
    if (!(await exists(first))) return first;
    for (let n = 2; ; n++) {
      const next = path.join(this.folder, `${id}.unreadable-${n}.json`);
      if (!(await exists(next))) return next;
    }
  }

  private async write(snapshot: StoredConversation, images: Map<string, { format: string; base64: string }>): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    if (images.size) await mkdir(path.join(this.root, 'attachments'), { recursive: true });
    for (const [sha, img] of images) {
      const file = this.imageFile(sha, img.format);
      if (this.written.has(file)) continue;
      if (!(await exists(file))) await atomicWrite(file, Buffer.from(img.base64, 'base64'));
      this.written.add(file);
    }
    await atomicWrite(this.file(snapshot.id), JSON.stringify(snapshot));
  }
}

const exists = (file: string): Promise<boolean> => stat(file).then(() => true, () => false);

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
