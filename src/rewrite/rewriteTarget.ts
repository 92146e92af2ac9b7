// What to rewrite when the selection is empty: the cursor's line or its paragraph.
// Works on plain lines so it is unit-tested without an editor. Plain Node: no `vscode`.

export interface LineSpan {
  /** First and last line, inclusive (0-based). */
  startLine: number;
  endLine: number;
}

/** The paragraph around `line`: the run of non-blank lines containing it; undefined on a blank line. */
export function paragraphAt(lines: readonly string[], line: number): LineSpan | undefined {
  const blank = (i: number): boolean => (lines[i] ?? '').trim() === '';
  if (line < 0 || line >= lines.length || blank(line)) return undefined;
  let start = line;
  let end = line;
  while (start > 0 && !blank(start - 1)) start--;
  while (end < lines.length - 1 && !blank(end + 1)) end++;
  return { startLine: start, endLine: end };
}

/** The cursor's line, unless it is blank. */
export function lineAt(lines: readonly string[], line: number): LineSpan | undefined {
  if (line < 0 || line >= lines.length || (lines[line] ?? '').trim() === '') return undefined;
  return { startLine: line, endLine: line };
}
