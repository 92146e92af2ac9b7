// Follows the region the rewrite owns while other edits happen in the document, so a change
// by someone else can be told apart from the rewrite's own and handled without corrupting text.
// Plain Node: no `vscode`.

export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export type ChangeEffect = 'before' | 'after' | 'overlap';

export class TrackedRange {
  constructor(
    public start: number,
    public length: number,
  ) {}

  get end(): number {
    return this.start + this.length;
  }

  /**
   * Applies a change made by someone else. A change wholly before the range shifts it; one
   * wholly after leaves it; one that touches or overlaps it is reported (the caller stops).
   */
  applyForeign(change: TextChange): ChangeEffect {
    const a = change.rangeOffset;
    const b = a + change.rangeLength;
    if (b < this.start || (b === this.start && a < this.start)) {
      this.start += change.text.length - change.rangeLength;
      return 'before';
    }
    if (a > this.end) return 'after';
    return 'overlap';
  }
}
