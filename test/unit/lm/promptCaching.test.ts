import * as assert from 'node:assert/strict';
import type { ModelRecord } from '../../../src/bedrock/types';
import { withPromptCaching } from '../../../src/lm/promptCaching';

const model = (id: string): ModelRecord => ({
  id, arn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`, name: id, provider: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'],
  streaming: true, lifecycle: 'ACTIVE', inferenceTypes: ['ON_DEMAND'], profiles: [],
});
const request = (id: string) => ({ model: model(id), messages: [], settings: {} });

describe('VS Code Chat: prompt caching on by default when the prompt is long enough', () => {
  it('asks for caching from the model minimum up, for models that cache, unless turned off', () => {
    const sonnet = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
    assert.equal(withPromptCaching(request(sonnet), 1023, undefined).settings.cachePrompt, undefined);
    assert.equal(withPromptCaching(request(sonnet), 1024, undefined).settings.cachePrompt, true);
    assert.equal(withPromptCaching(request(sonnet), 5000, { cachePrompt: false }).settings.cachePrompt, undefined);
    assert.equal(withPromptCaching(request('anthropic.claude-haiku-4-5-20251001-v1:0'), 2000, undefined).settings.cachePrompt, undefined);
    assert.equal(withPromptCaching(request('meta.llama3-8b-instruct-v1:0'), 50_000, undefined).settings.cachePrompt, undefined);
  });
});
