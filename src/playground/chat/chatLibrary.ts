// The saved chats as a list (what the Chats view shows: title, model, date, size), and what is
// done to them as files: rename one that is not open, delete one or all, drop those older than
// `bedrock.chats.keepDays`, and delete images no chat refers to any more. No `vscode` here.

import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { conversationTitle } from './conversation';
import type { ConversationStore } from './conversationStore';
import { fromStored, SAFE_ID } from './storedFormat';

export interface ChatSummary {
  id: string;
  title: string;
  /** The model of its last answer, else the model chosen in it. */
  modelId: string;
  modelName?: string;
  updatedAt: number;
  turns: number;
  /** Bytes of its file (images, stored once for all chats, not counted). */
  bytes: number;
}

/** An image newer than this is never collected: a save may be writing the chat that uses it. */
const IMAGE_GRACE_MS = 60 * 60_000;

export class ChatLibrary {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; summary: ChatSummary | undefined }>();

  constructor(private readonly store: ConversationStore) {}

  /** Every saved chat, newest first. Files are read only when they changed since the last call. */
  async list(): Promise<ChatSummary[]> {
    const names = await readdir(this.store.folder).catch(() => [] as string[]);
    const out: ChatSummary[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!SAFE_ID.test(id)) continue; // `x.unreadable.json` has a dot: not a chat id
      seen.add(id);
      const s = await this.summary(id);
      if (s) out.push(s);
    }
    for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private async summary(id: string): Promise<ChatSummary | undefined> {
    const file = this.store.file(id);
    const st = await stat(file).catch(() => undefined);
    if (!st) return undefined;
    const hit = this.cache.get(id);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.summary;
    let summary: ChatSummary | undefined;
    try {
      const read = fromStored(JSON.parse(await readFile(file, 'utf8')));
      if (read) {
        const { stored } = read;
        const lastAnswer = [...stored.turns].reverse().find((t) => t.role === 'assistant' && t.modelId);
        summary = {
          id, title: conversationTitle(stored), updatedAt: stored.updatedAt, turns: stored.turns.length, bytes: st.size,
          modelId: lastAnswer?.modelId ?? stored.options.modelId,
          ...(lastAnswer?.modelName ? { modelName: lastAnswer.modelName } : {}),
        };
      }
    } catch {
      summary = undefined; // opening it moves it aside and says so (ConversationStore.load)
    }
    if (!summary) summary = { id, title: 'Unreadable chat (open it to keep it aside)', modelId: '', updatedAt: st.mtimeMs, turns: 0, bytes: st.size };
    this.cache.set(id, { mtimeMs: st.mtimeMs, size: st.size, summary });
    return summary;
  }

  /** Renames a chat that no panel has open (an open one is renamed through its session). */
  async rename(id: string, title: string): Promise<void> {
    const c = await this.store.load(id);
    if (!c) throw new Error('This chat is no longer saved.');
    const t = title.trim().slice(0, 200);
    if (t) c.title = t;
    else delete c.title;
    await this.store.save(c);
  }

  /** Deletes a chat's file (after any save of it in flight), then the images only it used. */
  async delete(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.store.remove(id);
      this.cache.delete(id);
    }
    await this.collectImages();
  }

  /** Deletes chats not changed for `keepDays` days (0: keeps every chat). Returns how many. */
  async prune(keepDays: number, keep: ReadonlySet<string> = new Set(), now = Date.now()): Promise<number> {
    if (!(keepDays > 0)) return 0;
    const cutoff = now - keepDays * 86_400_000;
    const old = (await this.list()).filter((c) => c.updatedAt < cutoff && !keep.has(c.id)).map((c) => c.id);
    if (old.length) await this.delete(old);
    return old.length;
  }

  /** Deletes stored images that no saved chat refers to (and that are not brand new). */
  async collectImages(now = Date.now()): Promise<number> {
    const folder = path.join(this.store.root, 'attachments');
    const files = await readdir(folder).catch(() => [] as string[]);
    if (!files.length) return 0;
    const used = new Set<string>();
    for (const name of await readdir(this.store.folder).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue; // chats kept aside count too: their images stay
      const text = await readFile(path.join(this.store.folder, name), 'utf8').catch(() => '');
      for (const m of text.matchAll(/"sha256":"([a-f0-9]{64})"/g)) used.add(m[1]!);
    }
    let removed = 0;
    for (const name of files) {
      const sha = name.split('.')[0]!;
      if (used.has(sha)) continue;
      const st = await stat(path.join(folder, name)).catch(() => undefined);
      if (!st || now - st.mtimeMs < IMAGE_GRACE_MS) continue;
      await unlink(path.join(folder, name)).catch(() => undefined);
      removed++;
    }
    if (removed) this.store.forgetWrittenImages();
    return removed;
  }
}
