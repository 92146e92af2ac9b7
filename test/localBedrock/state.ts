// Mutable state of one endpoint instance: request log, armed faults, canned replies, rate.
import { FaultStore } from './faults';
import { RequestLog } from './requestLog';

export interface CannedReply { text: string; times: number }

export class EndpointState {
  readonly log = new RequestLog();
  readonly faults = new FaultStore();
  private replies: CannedReply[] = [];
  constructor(public tokensPerSecond: number) {}

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
