// Mutable state of one endpoint instance: request log, armed faults, canned replies, rate.
import { FaultStore } from './faults';
import { PromptCache } from './promptCache';
import { RequestLog } from './requestLog';

export interface CannedReply { text: string; times: number }

export class EndpointState {
  readonly log = new RequestLog();
  readonly faults = new FaultStore();
  /** Prefixes written by cachePoint requests (promptCache.ts). */
  readonly promptCache = new PromptCache();
  private replies: CannedReply[] = [];
  private holdGate: { released: Promise<void>; release: () => void } | undefined;
  constructor(public tokensPerSecond: number) {}

  /** True while streams are held (POST /_local/hold): each waits before its next event. */
  get held(): boolean { return this.holdGate !== undefined; }
  hold(): void {
    if (this.holdGate) return;
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    this.holdGate = { released, release };
  }
  release(): void {
    const gate = this.holdGate;
    this.holdGate = undefined;
    gate?.release();
  }
  /** Resolves when the current hold is released (at once when nothing is held). */
  whenReleased(): Promise<void> { return this.holdGate?.released ?? Promise.resolve(); }

  addReply(r: CannedReply): void { this.replies.push(r); }
  clearReplies(): void { this.replies = []; }
  /** The text the next reply must be (from POST /_local/reply), using up one of its `times`. */
  takeReply(): string | undefined {
    const r = this.replies[0];
    if (!r) return undefined;
    if (r.times > 0 && --r.times === 0) this.replies.shift();
    return r.text;
  }
}
