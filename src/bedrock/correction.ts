import type { ModelRecord, RequestCorrection } from './types';
import type { Prepared } from './chatRun';
import { describeRule, withRule, type LearnedRule, type LearnedRuleStore } from './learnedRules';
import { ruleFromRefusal } from './refusals';
import type { Logger } from './logger';

// The request path that corrects itself: a request is built with what Bedrock already taught us
// about the model; if Bedrock refuses it naming what it refuses, the rule is learned, the request
// rebuilt with it and sent once more. Chat, Compare, Rewrite and the VS Code chat provider all
// come through chat() or toolChat(), so all of them behave the same.

/** Builds the request for a given set of learned rules (and says what was corrected, if anything). */
export type BuildPrepared = (learned: readonly LearnedRule[], correction?: RequestCorrection) => Prepared;

function body(p: Prepared): string {
  return p.request.type === 'request' ? JSON.stringify(p.request.request.body) : '';
}

export function correctable(model: Pick<ModelRecord, 'id' | 'name'>, store: LearnedRuleStore | undefined, build: BuildPrepared, logger?: Logger): Prepared {
  const learned = store?.get(model.id) ?? [];
  const first = build(learned);
  return {
    ...first,
    correct(error: unknown): Prepared | undefined {
      const rule = ruleFromRefusal(error);
      if (!rule) return undefined;
      const corrected = build(withRule(learned, rule), { refusal: rule.evidence, change: describeRule(rule) });
      // A rule that changes nothing would send the same request again: the refusal stands.
      if (body(corrected) === body(first)) return undefined;
      store?.add(model.id, rule);
      logger?.warn(`${model.name || model.id}: Bedrock refused the request ("${rule.evidence}"); sent again ${describeRule(rule)}, and remembered.`);
      return corrected;
    },
  };
}
