import * as vscode from 'vscode';
import type { ChatEvent } from '../bedrock/types';
import { replacementText, tailEdit } from './answerText';
import { TrackedRange, type TextChange } from './trackedRange';

/** Streams the model's answer for one original text. */
export type AnswerSource = (original: string, signal: AbortSignal) => AsyncIterable<ChatEvent>;

export type RewriteStatus = 'done' | 'cancelled' | 'interrupted' | 'failed' | 'noText' | 'truncated' | 'editorClosed';

export interface RewriteOutcome {
  status: RewriteStatus;
  /** How many ranges ended rewritten. */
  rewritten: number;
  /** For 'interrupted': whether the original text could be put back. */
  restored?: boolean;
  error?: unknown;
}

interface Slot {
  original: string;
  tracked: TrackedRange;
  /** What the slot's range holds now. */
  shown: string;
  /** A foreign edit touched it: its text is no longer ours to change. */
  touched: boolean;
}

class Interrupted extends Error {
  constructor() { super('The document changed during the rewrite.'); this.name = 'Interrupted'; }
}

class EditorClosed extends Error {
  constructor() { super('The editor was closed during the rewrite.'); this.name = 'EditorClosed'; }
}

/**
 * Rewrites ranges of one document in place, streaming the answer into the editor. All edits
 * form ONE undo step: an undo stop is pushed before the first edit and after the last, and
 * every edit in between is made with no undo stop. Any change by someone else stops the
 * rewrite: untouched ranges get their original text back, touched ones are left alone.
 */
export class EditorRewrite {
  private readonly doc: vscode.TextDocument;
  private readonly eol: string;
  private readonly slots: Slot[];
  private readonly controller = new AbortController();
  private interrupted = false;
  /** Changes seen while one of our edits is in flight (ours is among them). */
  private inFlight: TextChange[] | undefined;
  private seenInFlight: (() => void) | undefined;
  /** Set by the first edit, which pushes the undo stop that opens the step. */
  private undoOpened = false;

  constructor(private editor: vscode.TextEditor, ranges: readonly vscode.Range[]) {
    this.doc = editor.document;
    this.eol = this.doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    this.slots = [...ranges]
      .sort((a, b) => a.start.compareTo(b.start))
      .map((r) => {
        const start = this.doc.offsetAt(r.start);
        const original = this.doc.getText(r);
        return { original, tracked: new TrackedRange(start, original.length), shown: original, touched: false };
      });
  }

  get count(): number {
    return this.slots.length;
  }

  /** Runs the rewrite; resolves with what happened (errors from the source come back as 'failed'). */
  async run(source: AnswerSource, token: vscode.CancellationToken, onProgress: (index: number, event: ChatEvent) => void): Promise<RewriteOutcome> {
    const cancel = token.onCancellationRequested(() => this.controller.abort());
    const watch = vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === this.doc) this.onChange(e.contentChanges); });
    let rewritten = 0;
    try {
      for (const [index, slot] of this.slots.entries()) {
        const result = await this.rewriteSlot(slot, source, (ev) => onProgress(index, ev));
        if (result !== 'ok') {
          // An empty or cut-off answer never replaces the text: everything goes back.
          watch.dispose();
          await this.restoreAll();
          return { status: result, rewritten: 0 };
        }
        rewritten++;
      }
      return { status: 'done', rewritten };
    } catch (err) {
      // Decide what happened before restoring: the restore's own edits are not someone else's.
      const cancelled = this.controller.signal.aborted;
      const interrupted = this.interrupted || err instanceof Interrupted;
      watch.dispose();
      const restored = await this.restoreAll();
      if (err instanceof EditorClosed) return { status: 'editorClosed', rewritten: 0, restored };
      if (interrupted) return { status: 'interrupted', rewritten: 0, restored };
      if (cancelled) return { status: 'cancelled', rewritten: 0 };
      return { status: 'failed', rewritten: 0, error: err };
    } finally {
      watch.dispose();
      cancel.dispose();
      await this.closeUndoStep();
      this.revealStart();
    }
  }

  /**
   * Brings the start of the first range into view: a long streamed line scrolls the editor
   * sideways as it grows, and it would stay scrolled to the line's end after the rewrite.
   */
  private revealStart(): void {
    const editor = this.liveEditor();
    const first = this.slots[0];
    if (!editor || !first) return;
    const at = this.doc.positionAt(first.tracked.start);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.Default);
  }

  private async rewriteSlot(slot: Slot, source: AnswerSource, onEvent: (ev: ChatEvent) => void): Promise<'ok' | 'noText' | 'truncated'> {
    let raw = '';
    let stopReason = '';
    let dirty = false;
    let pumping: Promise<void> | undefined;
    let pumpError: unknown;
    // Deltas that arrive while an edit is in flight are coalesced into the next edit.
    const pump = async (): Promise<void> => {
      while (dirty) {
        dirty = false;
        await this.show(slot, replacementText(slot.original, raw, false));
      }
    };
    try {
      for await (const event of source(slot.original, this.controller.signal)) {
        if (this.interrupted) throw new Interrupted();
        if (pumpError) throw pumpError;
        onEvent(event);
        if (event.type === 'stop') stopReason = event.stopReason;
        if (event.type !== 'text') continue;
        raw += event.text;
        dirty = true;
        pumping ??= pump().catch((err: unknown) => { pumpError = err; this.controller.abort(); }).finally(() => { pumping = undefined; });
      }
    } finally {
      // Never leave an edit in flight behind: a restore must see the text as it finally is.
      dirty = false;
      await pumping;
    }
    if (pumpError) throw pumpError;
    if (this.interrupted) throw new Interrupted();
    if (this.controller.signal.aborted) throw new DOMException('The rewrite was cancelled.', 'AbortError');
    if (stopReason === 'max_tokens') return 'truncated';
    const final = replacementText(slot.original, raw, true);
    if (!final.trim() && slot.original.trim()) return 'noText';
    await this.show(slot, final);
    return 'ok';
  }

  private normalize(text: string): string {
    return text.replace(/\r\n|\r|\n/g, this.eol);
  }

  /** Makes the slot's range hold `text`, with the smallest edit. */
  private async show(slot: Slot, text: string): Promise<void> {
    if (this.interrupted) throw new Interrupted();
    const next = this.normalize(text);
    const change = tailEdit(slot.shown, next);
    if (!change) return;
    const start = slot.tracked.start + change.start;
    const range = new vscode.Range(this.doc.positionAt(start), this.doc.positionAt(start + change.deleteLength));
    const own: TextChange = { rangeOffset: start, rangeLength: change.deleteLength, text: change.insert };
    await this.edit([[range, change.insert]], own);
    slot.shown = next;
    slot.tracked.length = next.length;
    // Ranges after this one move with it.
    for (const other of this.slots) if (other !== slot) other.tracked.applyForeign(own);
    if (this.doc.getText(this.rangeOf(slot)) !== next) {
      this.interrupted = true;
      slot.touched = true;
      throw new Interrupted();
    }
  }

  private rangeOf(slot: Slot): vscode.Range {
    return new vscode.Range(this.doc.positionAt(slot.tracked.start), this.doc.positionAt(slot.tracked.end));
  }

  /**
   * Applies edits through the editor (so they join the undo step) and checks that the only
   * change to the document while it was in flight was this one.
   */
  private async edit(edits: Array<[vscode.Range, string]>, own: TextChange): Promise<void> {
    const editor = this.liveEditor();
    if (!editor) throw new EditorClosed();
    const stops = { undoStopBefore: !this.undoOpened, undoStopAfter: false };
    this.undoOpened = true;
    this.inFlight = [];
    const seen = new Promise<void>((resolve) => { this.seenInFlight = resolve; });
    let applied = false;
    try {
      applied = await editor.edit((b) => { for (const [r, t] of edits) b.replace(r, t); }, stops);
      // The document event normally arrives before the edit's reply; wait for it if not.
      if (applied && this.inFlight.length === 0) await Promise.race([seen, delay(2000)]);
    } finally {
      const changes = this.inFlight;
      this.inFlight = undefined;
      this.seenInFlight = undefined;
      if (!applied) {
        // The editor refused our edit because someone else's change came first: only theirs happened.
        if (changes.length) this.foreign(changes);
      } else if (changes.length > 1 || (changes.length === 1 && !sameChange(changes[0], own))) {
        // Something else changed the document together with our edit: nothing can be trusted.
        this.interrupted = true;
        this.controller.abort();
        for (const s of this.slots) s.touched = true;
      }
    }
    if (!applied || this.interrupted) {
      this.interrupted = true;
      throw new Interrupted();
    }
  }

  private onChange(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const plain = changes.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
    if (this.inFlight) {
      this.inFlight.push(...plain);
      this.seenInFlight?.();
      return;
    }
    this.foreign(plain);
  }

  /** A change by someone else (typing, undo, another extension): stop, and remember which ranges it touched. */
  private foreign(changes: readonly TextChange[]): void {
    this.interrupted = true;
    this.controller.abort();
    for (const c of changes) {
      for (const slot of this.slots) {
        if (slot.tracked.applyForeign(c) === 'overlap') slot.touched = true;
      }
    }
  }

  /** The editor to edit through: the original one, or another visible editor of the same document. */
  private liveEditor(): vscode.TextEditor | undefined {
    if (this.doc.isClosed) return undefined;
    const visible = vscode.window.visibleTextEditors;
    if (visible.includes(this.editor)) return this.editor;
    const other = visible.find((e) => e.document === this.doc);
    if (other) this.editor = other;
    return other;
  }

  /**
   * Pushes the undo stop that ends the step. VS Code skips an edit call with no edits, so this
   * sends one empty replacement, which changes nothing but carries the stop.
   */
  private async closeUndoStep(): Promise<void> {
    const editor = this.undoOpened ? this.liveEditor() : undefined;
    if (!editor) return;
    const at = this.doc.positionAt(this.slots[0]?.tracked.start ?? 0);
    await Promise.resolve(editor.edit((b) => b.replace(new vscode.Range(at, at), ''), { undoStopBefore: false, undoStopAfter: true })).catch(() => undefined);
  }

  /** Puts every untouched range back to its original text; true when all could be. */
  private async restoreAll(): Promise<boolean> {
    const pending = this.slots.filter((s) => !s.touched && s.shown !== s.original);
    const allOk = this.slots.every((s) => !s.touched || s.shown === s.original);
    if (!pending.length) return allOk;
    const edits: Array<[vscode.Range, string]> = pending.map((s) => [this.rangeOf(s), s.original]);
    const editor = this.liveEditor();
    if (editor) {
      const ok = await Promise.resolve(editor.edit((b) => { for (const [r, t] of edits) b.replace(r, t); }, { undoStopBefore: false, undoStopAfter: false })).catch(() => false);
      if (ok) pending.forEach((s) => { s.shown = s.original; });
      return ok && allOk;
    }
    if (this.doc.isClosed) return false;
    // No editor shows the document any more: restore through a workspace edit.
    const we = new vscode.WorkspaceEdit();
    for (const [r, t] of edits) we.replace(this.doc.uri, r, t);
    const ok = await vscode.workspace.applyEdit(we);
    if (ok) pending.forEach((s) => { s.shown = s.original; });
    return ok && allOk;
  }
}

function sameChange(a: TextChange | undefined, b: TextChange): boolean {
  return !!a && a.rangeOffset === b.rangeOffset && a.rangeLength === b.rangeLength && a.text === b.text;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
