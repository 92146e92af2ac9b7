import * as assert from 'node:assert/strict';
import { ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { rejection, useLocalBedrock, user } from './harness';

describe('local Bedrock validation (as Bedrock does it)', () => {
  const h = useLocalBedrock();
  const converse = (input: Partial<ConverseCommandInput> & { modelId: string }) => h.runtime.send(new ConverseCommand({ messages: user('hi'), ...input }));
  const refused = async (input: Partial<ConverseCommandInput> & { modelId: string }) => {
    const err = await rejection(() => converse(input));
    assert.equal(err.name, 'ValidationException', err.message);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    return err.message;
  };

  it('refuses an unknown model id', async () => {
    assert.equal(await refused({ modelId: 'anthropic.claude-9-v1:0' }), 'The provided model identifier is invalid.');
    assert.equal(await refused({ modelId: 'xx.anthropic.claude-3-7-sonnet-20250219-v1:0' }), 'The provided model identifier is invalid.');
  });

  it("refuses the bare id of an INFERENCE_PROFILE-only model with Bedrock's message", async () => {
    assert.equal(await refused({ modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0' }),
      "Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.");
    assert.match(await refused({ modelId: 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-3-70b-instruct-v1:0' }), /on-demand throughput isn't supported/);
  });

  it('accepts geography profiles, profile ARNs, application profile ARNs and model ARNs', async () => {
    for (const modelId of ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'eu.amazon.nova-lite-v1:0', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/apac.amazon.nova-pro-v1:0',
      'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/f6e5d4c3b2a1',
      'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-micro-v1:0']) {
      const res = await converse({ modelId });
      assert.equal(res.stopReason, 'end_turn', modelId);
    }
  });

  it('checks temperature, topP and maxTokens ranges', async () => {
    assert.match(await refused({ modelId: 'amazon.nova-micro-v1:0', inferenceConfig: { temperature: 1.5 } }), /inferenceConfig\.temperature.*less than or equal to 1/);
    assert.match(await refused({ modelId: 'amazon.nova-micro-v1:0', inferenceConfig: { topP: -0.1 } }), /inferenceConfig\.topP.*greater than or equal to 0/);
    assert.match(await refused({ modelId: 'amazon.nova-micro-v1:0', inferenceConfig: { maxTokens: 0 } }), /inferenceConfig\.maxTokens/);
    assert.equal(await refused({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', inferenceConfig: { maxTokens: 5000 } }),
      'The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.');
  });

  it("takes top-k under each family's own key and range", async () => {
    await converse({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', additionalModelRequestFields: { top_k: 500 } });
    await converse({ modelId: 'amazon.nova-lite-v1:0', additionalModelRequestFields: { inferenceConfig: { topK: 128 } } });
    await converse({ modelId: 'cohere.command-r-plus-v1:0', additionalModelRequestFields: { k: 300 } });
    await converse({ modelId: 'mistral.mistral-7b-instruct-v0:2', additionalModelRequestFields: { top_k: 200 } });
    assert.match(await refused({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', additionalModelRequestFields: { top_k: 501 } }), /#\/top_k: 501 is not less or equal to 500/);
    assert.match(await refused({ modelId: 'amazon.nova-lite-v1:0', additionalModelRequestFields: { inferenceConfig: { topK: 129 } } }), /topK: 129/);
    assert.match(await refused({ modelId: 'mistral.mistral-7b-instruct-v0:2', additionalModelRequestFields: { top_k: 0 } }), /top_k: 0 is not greater or equal to 1/);
  });

  it('refuses a top-k key the family does not take', async () => {
    for (const [modelId, key] of [['amazon.nova-lite-v1:0', 'top_k'], ['anthropic.claude-3-haiku-20240307-v1:0', 'k'], ['meta.llama3-8b-instruct-v1:0', 'top_k'],
      ['mistral.mistral-large-2402-v1:0', 'top_k'], ['ai21.jamba-1-5-mini-v1:0', 'top_k'], ['amazon.titan-text-express-v1', 'topK']] as const) {
      assert.equal(await refused({ modelId, additionalModelRequestFields: { [key]: 5 } }),
        `Malformed input request: extraneous key [${key}] is not permitted, please reformat your input and try again.`, modelId);
    }
  });

  // Converse wraps the model's own refusal (BerriAI/litellm#15070, aws-samples/bedrock-access-gateway#191).
  it('refuses temperature together with top_p on Claude 4.5, but not on older Claude', async () => {
    assert.equal(await refused({ modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', inferenceConfig: { temperature: 0.5, topP: 0.9 } }),
      'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.');
    await converse({ modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', inferenceConfig: { temperature: 0.5 } });
    await converse({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', inferenceConfig: { temperature: 0.5, topP: 0.9 } });
  });

  it('refuses changed sampling with extended thinking, and thinking on models without it', async () => {
    const thinking = { thinking: { type: 'enabled', budget_tokens: 1024 } };
    assert.match(await refused({ modelId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', inferenceConfig: { temperature: 0.2 }, additionalModelRequestFields: thinking }), /temperature.*thinking/);
    assert.match(await refused({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', additionalModelRequestFields: thinking }), /extraneous key \[thinking\]/);
  });

  it('refuses a system prompt for Titan Text and an image for a text-only model', async () => {
    assert.match(await refused({ modelId: 'amazon.titan-text-express-v1', system: [{ text: 'be nice' }] }), /doesn't support system messages/);
    // earendil-works/pi#8960: Bedrock's text for an image sent to a model without image input.
    assert.equal(await refused({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: new Uint8Array(10) } } }] }] }),
      "This model doesn't support the image field for user messages. Remove image and try again.");
  });

  it('refuses Converse for models it cannot chat with', async () => {
    for (const modelId of ['cohere.command-text-v14', 'amazon.titan-embed-text-v2:0', 'stability.sd3-5-large-v1:0']) {
      assert.equal(await refused({ modelId }), "This action doesn't support the model that you provided. Try again with a supported text or chat model.");
    }
  });

  it('refuses a conversation that does not start with the user or does not alternate', async () => {
    assert.match(await refused({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'assistant', content: [{ text: 'x' }] }] }), /must start with a user message/);
    assert.match(await refused({ modelId: 'amazon.nova-micro-v1:0', messages: [...user('a'), ...user('b')] }), /alternate/);
  });
});
