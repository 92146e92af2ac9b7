// Waiting for a condition without polling: whoever records what the condition reads (a message a
// host posted, a chunk that arrived, an editor change) calls changed() after each change, and
// until() re-checks the condition then, and only then. No timer decides when to look; the timeout
// only ends a wait for something that never comes, with a message saying what it was.

export class Changes {
  private readonly checks = new Set<() => void>();
  private settling = false;

  /**
   * Something the waiting conditions read has changed: check them again now, and once more when the
   * promise callbacks queued along with the change have run (a router, say, posts a message and
   * updates its own bookkeeping a moment later). Both checks follow the change; no clock is involved.
   */
  changed(): void {
    this.check();
    if (this.settling) return;
    this.settling = true;
    setImmediate(() => {
      this.settling = false;
      this.check();
    });
  }

  private check(): void {
    for (const check of [...this.checks]) check();
  }

  /** Resolves with the first value `what` gives other than undefined or false, checked now and on each change. */
  until<T>(what: () => T | undefined | false, label: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.checks.delete(check);
      };
      const check = () => {
        let value: T | undefined | false;
        try {
          value = what();
        } catch (err) {
          finish();
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (value !== undefined && value !== false) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`));
      }, timeoutMs);
      this.checks.add(check);
      check();
    });
  }
}

/**
 * An array that announces each push: `items.changes.until(() => items.find(...), '...')`. Several
 * arrays may share one Changes, for a condition that reads them all.
 */
export class Recorded<T> extends Array<T> {
  // map, filter, slice… give plain arrays.
  static override get [Symbol.species](): ArrayConstructor { return Array; }
  readonly changes: Changes;
  constructor(changes = new Changes()) {
    super();
    this.changes = changes;
  }

  override push(...items: T[]): number {
    const n = super.push(...items);
    this.changes.changed();
    return n;
  }
}
