import * as assert from 'node:assert/strict';
import type { GuardrailTraceAssessment } from '@aws-sdk/client-bedrock-runtime';
import { traceOutcome } from '../../../src/bedrock/guardrailText';

const G = { id: 'abc123', version: '1', name: 'x' };

describe('guardrail trace in plain words', () => {
  it('names the policy, what it matched and the action, prompt side first', () => {
    const trace: GuardrailTraceAssessment = {
      inputAssessment: { abc123: { topicPolicy: { topics: [{ name: 'Investment advice', type: 'DENY', action: 'BLOCKED', detected: true }] } } },
      outputAssessments: { abc123: [{
        sensitiveInformationPolicy: { piiEntities: [{ match: 'a@b.co', type: 'EMAIL', action: 'ANONYMIZED', detected: true }], regexes: [{ name: 'ticket', match: 'T-1', regex: 'T-\\d', action: 'BLOCKED' }] },
        contentPolicy: { filters: [{ type: 'VIOLENCE', confidence: 'HIGH', action: 'BLOCKED', detected: true }, { type: 'HATE', confidence: 'NONE', action: 'NONE', detected: false }] },
        contextualGroundingPolicy: { filters: [{ type: 'GROUNDING', threshold: 0.7, score: 0.12, action: 'BLOCKED', detected: true }] },
      }] },
    };
    const o = traceOutcome(G, 'guardrail_intervened', trace)!;
    assert.equal(o.summary, "Guardrail 'x' (version 1) blocked the prompt: denied topic 'Investment advice'; "
      + "blocked the answer: content filter: violence (high confidence), pattern 'ticket', contextual grounding score 0.12 below the threshold 0.7; "
      + 'masked the answer: e-mail address (EMAIL).');
    assert.deepEqual(o.findings.map((f) => f.policy), ['topic', 'content', 'sensitiveInformation', 'sensitiveInformation', 'contextualGrounding']);
  });

  it('says "detected" for a filter in detect mode (action NONE) and nothing for a quiet trace', () => {
    const detectOnly = traceOutcome(G, 'end_turn', { inputAssessment: { abc123: { wordPolicy: { customWords: [{ match: 'bad', action: 'NONE', detected: true }], managedWordLists: [] } } } });
    assert.equal(detectOnly?.summary, "Guardrail 'x' (version 1) detected, without acting: word 'bad'.");
    assert.equal(traceOutcome(G, 'end_turn', { inputAssessment: { abc123: {} } }), undefined);
    assert.equal(traceOutcome(G, 'guardrail_intervened', undefined)?.summary, "Guardrail 'x' (version 1) intervened.");
  });

  it('keeps hostile text as text: no markup is added or interpreted, long matches are cut', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const o = traceOutcome(G, 'guardrail_intervened', { inputAssessment: { abc123: { wordPolicy: { customWords: [{ match: hostile, action: 'BLOCKED' }], managedWordLists: [] } } } });
    assert.ok(o?.summary.includes(hostile), 'the summary is plain text; the webview sets it with textContent');
    const long = traceOutcome(G, 'guardrail_intervened', { inputAssessment: { abc123: { wordPolicy: { customWords: [{ match: 'w'.repeat(5000), action: 'BLOCKED' }], managedWordLists: [] } } } });
    assert.ok((long?.summary.length ?? 0) < 400);
  });
});
