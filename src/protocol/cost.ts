// The cost of answers as the webview shows it: the guard of a turn's cost, its wording, the total
// of a conversation and the cheapest of Compare's answers. Pure: used by host and webview.

import type { AnswerCost } from '../bedrock/cost';
import type { TurnView } from './chat';
import { type Guard, isBoolean, isNumber, isOneOf, isOptional, isShape, isString } from './validate';

export type { AnswerCost } from '../bedrock/cost';

const isAmount = isOptional(isNumber(0, 1e9));
export const isAnswerCost: Guard<AnswerCost> = isShape({
  status: isOneOf(['priced', 'unknown', 'unavailable'] as const),
  total: isAmount, input: isAmount, output: isAmount, cacheRead: isAmount, cacheWrite: isAmount,
  basis: isOptional(isString(500)),
  reason: isOptional(isString(2000)),
  standIn: isOptional(isBoolean),
});

/** "$0.0123": enough digits to tell small answers apart. */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  if (amount >= 0.01) return `$${amount.toFixed(4)}`;
  return `$${amount.toPrecision(2)}`;
}

/** The cost as the metrics line shows it: "$0.0012", "price unknown", "unavailable". */
export function costLabel(c: AnswerCost): string {
  if (c.status === 'priced' && c.total !== undefined) return formatUsd(c.total);
  return c.status === 'unknown' ? 'price unknown' : 'unavailable';
}

/** The breakdown (input, output, cache read/write), where the prices came from, or the reason: the tooltip. */
export function costDetail(c: AnswerCost): string {
  if (c.status !== 'priced') return c.reason ?? '';
  const parts = [
    c.input !== undefined ? `input ${formatUsd(c.input)}` : '',
    c.output !== undefined ? `output ${formatUsd(c.output)}` : '',
    c.cacheRead !== undefined ? `cache read ${formatUsd(c.cacheRead)}` : '',
    c.cacheWrite !== undefined ? `cache write ${formatUsd(c.cacheWrite)}` : '',
  ].filter(Boolean);
  return `${parts.join(', ')}${c.basis ? ` — ${c.basis}` : ''}`;
}

export interface ConversationCost {
  total: number;
  priced: number;
  /** Answers with usage but no cost (price unknown or unavailable): the total leaves them out. */
  unpriced: number;
  standIn: boolean;
}

/** The sum of the priced answers of a conversation, and how many could not be priced. */
export function conversationCost(turns: readonly TurnView[]): ConversationCost | undefined {
  const out: ConversationCost = { total: 0, priced: 0, unpriced: 0, standIn: false };
  for (const t of turns) {
    const c = t.role === 'assistant' ? t.metrics?.cost : undefined;
    if (!c) continue;
    if (c.status === 'priced' && c.total !== undefined) {
      out.total += c.total;
      out.priced++;
      if (c.standIn) out.standIn = true;
    } else out.unpriced++;
  }
  return out.priced || out.unpriced ? out : undefined;
}

/** "Cost $0.0123 (2 answers)", "+ 1 not priced" when some could not be. */
export function conversationCostLabel(c: ConversationCost): string {
  const n = c.priced === 1 ? '1 answer' : `${c.priced} answers`;
  const rest = c.unpriced ? `; ${c.unpriced} not priced` : '';
  return c.priced ? `Cost ${formatUsd(c.total)} (${n}${rest})` : `Cost: price unknown (${c.unpriced} not priced)`;
}

/** Which finished answers cost least (ties all marked); only when at least two are priced. */
export function cheapest(answers: ReadonlyArray<TurnView | undefined>): boolean[] {
  const total = (a: TurnView | undefined) => (a?.status === 'done' && a.metrics?.cost?.status === 'priced' ? a.metrics.cost.total : undefined);
  const priced = answers.map(total).filter((t): t is number => t !== undefined);
  if (priced.length < 2) return answers.map(() => false);
  const min = Math.min(...priced);
  return answers.map((a) => total(a) === min);
}
