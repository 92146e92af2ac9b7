import * as assert from 'node:assert/strict';
import { applyLearned, isLearnedRule, LearnedRules, type LearnedRule } from '../../../src/bedrock/learnedRules';
import { ruleFromRefusal } from '../../../src/bedrock/refusals';
import { parameterSpec } from '../../../src/bedrock/parameters';

// Reading rules off Bedrock's refusals (each message below is a real one, or marked as not
// confirmed), and applying them over the registry's spec.

const refusal = (message: string, name = 'ValidationException') => Object.assign(new Error(message), { name });
const at = new Date('2026-11-25T10:00:00Z');

describe('bedrock/refusals and learnedRules', () => {
  it('reads the rule each real refusal names', () => {
    assert.deepEqual(ruleFromRefusal(refusal('`temperature` is deprecated for this model.'), at), {
      kind: 'removed', parameter: 'temperature', evidence: '`temperature` is deprecated for this model.', learnedAt: at.toISOString(),
    });
    assert.equal(ruleFromRefusal(refusal('`top_p` is deprecated for this model.'))?.kind, 'removed');
    assert.deepEqual(ruleFromRefusal(refusal('`temperature` and `top_p` cannot both be specified for this model. Please use only one.'))?.kind, 'exclusive');
    const limit = ruleFromRefusal(refusal('The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.'));
    assert.equal(limit?.kind === 'maxTokens' ? limit.limit : undefined, 4096);
    const key = ruleFromRefusal(refusal('Malformed input request: #: extraneous key [top_k] is not permitted, please reformat your input and try again.'));
    assert.equal(key?.kind === 'removed' ? key.parameter : undefined, 'topK');
    assert.equal(ruleFromRefusal(refusal("This model doesn't support system messages. Try again without system messages."))?.kind, 'noSystem');
  });

  it('corrects nothing it cannot name: other validation errors, other error types, other keys', () => {
    assert.equal(ruleFromRefusal(refusal('Malformed input request: #/top_k: 900 is not less or equal to 500')), undefined);
    assert.equal(ruleFromRefusal(refusal('The provided model identifier is invalid.')), undefined);
    assert.equal(ruleFromRefusal(refusal('`temperature` is deprecated for this model.', 'ThrottlingException')), undefined);
    assert.equal(ruleFromRefusal(refusal('Malformed input request: #: extraneous key [aws_region_name] is not permitted')), undefined);
    assert.equal(ruleFromRefusal('`temperature` is deprecated for this model.'), undefined);
  });

  it('a learned rule changes the spec the UI and the request builder see', () => {
    const model = { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0', outputModalities: ['TEXT' as const] };
    const rules = [ruleFromRefusal(refusal('`temperature` is deprecated for this model.'), at)!, ruleFromRefusal(refusal('exceeds the model limit of 1000'), at)!];
    const spec = parameterSpec(model, rules);
    assert.equal(spec.temperature.supported, false);
    assert.match(spec.temperature.reason!, /2026-11-25.*deprecated for this model/);
    assert.equal(spec.maxTokens.max, 1000);
    assert.match(spec.maxTokens.note!, /At most 1000/);
    // A limit above the registry's does not raise it.
    assert.equal(applyLearned(parameterSpec(model), [{ kind: 'maxTokens', limit: 10_000_000, evidence: '', learnedAt: '' }]).maxTokens.max, 64000);
  });

  it('keeps rules per model (profiles share them), replaces an older limit, persists and forgets', () => {
    const saved: Array<Record<string, LearnedRule[]>> = [];
    const store = new LearnedRules({}, (t) => saved.push(structuredClone(t)));
    const rule = (limit: number): LearnedRule => ({ kind: 'maxTokens', limit, evidence: 'e', learnedAt: 't' });
    store.add('us.anthropic.claude-x-v1:0', rule(4000));
    store.add('anthropic.claude-x-v1:0', rule(2000));
    assert.deepEqual(store.get('eu.anthropic.claude-x-v1:0'), [rule(2000)]);
    assert.equal(saved.length, 2);
    const reread = new LearnedRules(saved[1]!);
    assert.deepEqual(reread.get('anthropic.claude-x-v1:0'), [rule(2000)]);
    reread.forget('global.anthropic.claude-x-v1:0');
    assert.deepEqual(reread.get('anthropic.claude-x-v1:0'), []);
  });

  it('reads back only well-formed rules (a hand-edited or older state loses nothing else)', () => {
    assert.equal(isLearnedRule({ kind: 'removed', parameter: 'temperature', evidence: 'e', learnedAt: 't' }), true);
    assert.equal(isLearnedRule({ kind: 'removed', parameter: '__proto__', evidence: 'e', learnedAt: 't' }), false);
    assert.equal(isLearnedRule({ kind: 'maxTokens', limit: -1, evidence: 'e', learnedAt: 't' }), false);
    const store = new LearnedRules({ m: [{ kind: 'noSystem', evidence: 'e', learnedAt: 't' }, { kind: 'bogus' }] as LearnedRule[] });
    assert.equal(store.get('m').length, 1);
  });
});
