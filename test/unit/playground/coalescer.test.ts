import * as assert from 'node:assert/strict';
import { type CoalescerClock, DeltaCoalescer } from '../../../src/playground/coalescer';

/** A clock the test moves by hand: timers fire when time passes them. */
class ManualClock implements CoalescerClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private next = 1;
  now() { return this.t; }
  setTimeout(fn: () => void, ms: number) { const id = this.next++; this.timers.push({ at: this.t + ms, fn, id }); return id; }
  clearTimeout(h: unknown) { this.timers = this.timers.filter((x) => x.id !== h); }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.t = due.at;
      this.timers = this.timers.filter((x) => x !== due);
      due.fn();
    }
    this.t = end;
  }
}

describe('delta coalescer', () => {
  it('sends the first delta at once, then at most one message per frame with only the new text', () => {
    const clock = new ManualClock();
    const sent: Array<[number, string]> = [];
    const c = new DeltaCoalescer((t) => sent.push([clock.t, t]), 16, clock);
    c.push('Hel');
    assert.deepEqual(sent, [[0, 'Hel']], 'no added latency for the first token');
    for (const d of ['lo', ',', ' wor', 'ld']) { clock.advance(2); c.push(d); }
    assert.equal(sent.length, 1, 'held while inside the frame');
    clock.advance(10);
    assert.deepEqual(sent, [[0, 'Hel'], [16, 'lo, world']]);
  });

  it('costs about 60 messages a second at 1,000+ tokens a second, and loses nothing', () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const c = new DeltaCoalescer((t) => sent.push(t), undefined, clock);
    let all = '';
    for (let i = 0; i < 5000; i++) { // 5,000 tokens over 2.5 s = 2,000 tokens/s
      const tok = `t${i} `;
      all += tok;
      c.push(tok);
      clock.advance(0.5);
    }
    c.flush();
    assert.equal(sent.join(''), all);
    const perSecond = sent.length / 2.5;
    assert.ok(perSecond <= 60, `${perSecond} messages/s`);
  });

  it('passes slow streams through untouched (one message per delta)', () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const c = new DeltaCoalescer((t) => sent.push(t), 16, clock);
    for (const d of ['a', 'b', 'c']) { c.push(d); clock.advance(50); }
    assert.deepEqual(sent, ['a', 'b', 'c']);
  });

  it('flushes pending text on demand and discards it when told', () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const c = new DeltaCoalescer((t) => sent.push(t), 16, clock);
    c.push('a');
    c.push('b');
    c.flush();
    c.push('c');
    c.discard();
    clock.advance(100);
    assert.deepEqual(sent, ['a', 'b']);
    assert.equal(c.hasPending, false);
  });
});
