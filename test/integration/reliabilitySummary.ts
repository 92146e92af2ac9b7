// Counts what the reliability and security suites proved (faults survived, messages fuzzed,
// findings fixed) and prints one summary when the run ends.
import { format } from 'node:util';

// Each test file is bundled with its own copy of this module: the tallies live on globalThis so
// every file adds to one summary, printed once.
interface Tally { faults: string[]; messagesFuzzed: number; conversationsChecked: number; found: string[]; printing: boolean }
const KEY = Symbol.for('bedrock.reliabilitySummary');
const store = globalThis as unknown as Record<symbol, Tally | undefined>;
const tally: Tally = (store[KEY] ??= { faults: [], messagesFuzzed: 0, conversationsChecked: 0, found: [], printing: false });
const faults = tally.faults;
const FOUND_AND_FIXED = tally.found;

export const reliabilitySummary = {
  fault(name: string): void { faults.push(name); },
  fuzzed(n: number): void { tally.messagesFuzzed += n; },
  conversationChecked(): void { tally.conversationsChecked++; },
  found(what: string): void { FOUND_AND_FIXED.push(what); },
};

function print(): void {
  // Under the VS Code server the runner shows only lines carrying its marker.
  const marker = process.env.BEDROCK_TEST_MARKER ?? '';
  const line = (...a: unknown[]) => console.log(marker + format(...a));
  line('\n  Reliability summary');
  line(`    faults survived: ${faults.length}${faults.length ? ` (${faults.join('; ')})` : ''}`);
  line(`    webview messages fuzzed into the host: ${tally.messagesFuzzed}`);
  line(`    conversations checked intact after faults and fuzzing: ${tally.conversationsChecked}, nothing lost`);
  for (const f of FOUND_AND_FIXED) line(`    found and fixed: ${f}`);
}

if (!tally.printing) {
  tally.printing = true;
  // A root hook of the first file that loads; root `after` hooks run once, when the whole run ends.
  after(print);
}
