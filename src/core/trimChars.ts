// Trimming a run of one character off either end, without a regular expression: /x+$/ is
// quadratic on a long run of x followed by something else, and these see the user's text.

export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}

export function trimLeading(text: string, char: string): string {
  let start = 0;
  while (start < text.length && text[start] === char) start++;
  return text.slice(start);
}
