// Bedrock's per-model rules, driven through the real SDK clients. Each test names where the rule
// (and its error text) was seen; the same sources are cited next to the code in test/localBedrock/.
import * as assert from 'node:assert/strict';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand, InvokeModelCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { countTokens } from '../../localBedrock/tokens';
import { rejection, useLocalBedrock, user } from './harness';

type Json = Record<string, unknown>;
const PREFIX = 'The model returned the following errors: ';

describe("local Bedrock: Bedrock's own per-model rules", () => {
  const h = useLocalBedrock();
  const converse = (input: Partial<ConverseCommandInput> & { modelId: string }) => h.runtime.send(new ConverseCommand({ messages: user('hi'), ...input }));
  const invoke = async (modelId: string, body: unknown): Promise<Json> => {
    const res = await h.runtime.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json' }));
    return JSON.parse(Buffer.from(res.body).toString('utf8')) as Json;
  };
  const refused = async (fn: () => Promise<unknown>): Promise<string> => {
    const err = await rejection(fn);
    assert.equal(err.name, 'ValidationException', err.message);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    return err.message;
  };
  const claudeBody = (extra: Json) => ({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], ...extra });

  describe('Claude 3.5 Sonnet v1 and v2 max tokens (vercel/ai#2772, sigoden/aichat#813, RooCodeInc/Roo-Code#248, anthropics/anthropic-sdk-python#665)', () => {
    const v1 = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
    const v2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0';

    it('v1 refuses more than 4096 under Converse and ConverseStream, by id or profile, with Bedrock\'s text', async () => {
      const text = 'The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.';
      assert.equal(await refused(() => converse({ modelId: v1, inferenceConfig: { maxTokens: 8192 } })), text);
      assert.equal(await refused(() => h.runtime.send(new ConverseStreamCommand({ modelId: `eu.${v1}`, messages: user('x'), inferenceConfig: { maxTokens: 4097 } }))), text);
      assert.equal((await converse({ modelId: `us.${v1}`, inferenceConfig: { maxTokens: 4096 } })).stopReason, 'end_turn');
    });

    it('v1 under InvokeModel takes max_tokens 8192 without an error but stops at 4096 (anthropic-sdk-python#665)', async () => {
      const res = await invoke(v1, claudeBody({ max_tokens: 8192, messages: [{ role: 'user', content: 'a long answer please' }] }));
      assert.equal(res.stop_reason, 'max_tokens');
      assert.equal((res.usage as Json).output_tokens, 4096);
      assert.equal(countTokens(((res.content as Json[])[0]!).text as string), 4096);
      assert.match(await refused(() => invoke(v1, claudeBody({ max_tokens: 8193 }))), /#\/max_tokens: 8193 is not less or equal to 8192/);
    });

    it('v2 is listed (image input, ON_DEMAND, us. profile) and takes 8192, not 8193', async () => {
      const { modelSummaries = [] } = await h.control.send(new ListFoundationModelsCommand({ byProvider: 'anthropic' }));
      const m = modelSummaries.find((s) => s.modelId === v2);
      assert.deepEqual(m?.inputModalities, ['TEXT', 'IMAGE']);
      assert.deepEqual(m?.inferenceTypesSupported, ['ON_DEMAND']);
      assert.equal((await converse({ modelId: `us.${v2}`, inferenceConfig: { maxTokens: 8192 } })).stopReason, 'end_turn');
      assert.match(await refused(() => converse({ modelId: v2, inferenceConfig: { maxTokens: 8193 } })), /model limit of 8192/);
    });
  });

  describe('Claude Opus 4.1: temperature with top_p (open-webui/functions#9, aws-samples/bedrock-chat#979)', () => {
    const opus41 = 'us.anthropic.claude-opus-4-1-20250805-v1:0';
    const text = '`temperature` and `top_p` cannot both be specified for this model. Please use only one.';

    it('is INFERENCE_PROFILE only, with a us. profile', async () => {
      assert.match(await refused(() => converse({ modelId: 'anthropic.claude-opus-4-1-20250805-v1:0' })), /on-demand throughput isn't supported/);
      await converse({ modelId: opus41, inferenceConfig: { temperature: 0.3 } });
    });

    it('Converse wraps the model\'s refusal (BerriAI/litellm#15070, mem0ai/mem0#4004); InvokeModel passes it as is (lobehub/lobehub#9523)', async () => {
      assert.equal(await refused(() => converse({ modelId: opus41, inferenceConfig: { temperature: 0.3, topP: 0.9 } })), PREFIX + text);
      assert.equal(await refused(() => invoke(opus41, claudeBody({ temperature: 0.3, top_p: 0.9 }))), text);
      await invoke(opus41, claudeBody({ top_p: 0.9 }));
    });
  });

  describe('Claude Opus 4.7: temperature, top_p and top_k removed (Bedrock Opus 4.7 model card; Comfy-Org/ComfyUI#13923, openclaw/openclaw#73663)', () => {
    const opus47 = 'anthropic.claude-opus-4-7';

    it('is listed INFERENCE_PROFILE only, reachable through us. and global.', async () => {
      const { modelSummaries = [] } = await h.control.send(new ListFoundationModelsCommand({ byProvider: 'anthropic' }));
      assert.deepEqual(modelSummaries.find((s) => s.modelId === opus47)?.inferenceTypesSupported, ['INFERENCE_PROFILE']);
      assert.match(await refused(() => converse({ modelId: opus47 })), /on-demand throughput isn't supported/);
      for (const modelId of [`us.${opus47}`, `global.${opus47}`]) assert.equal((await converse({ modelId })).stopReason, 'end_turn', modelId);
    });

    it('refuses temperature (the seen text), top_p and top_k (same pattern, unconfirmed) under Converse and ConverseStream', async () => {
      const modelId = `us.${opus47}`;
      assert.equal(await refused(() => converse({ modelId, inferenceConfig: { temperature: 1 } })), `${PREFIX}\`temperature\` is deprecated for this model.`);
      assert.equal(await refused(() => converse({ modelId, inferenceConfig: { topP: 0.5 } })), `${PREFIX}\`top_p\` is deprecated for this model.`);
      assert.equal(await refused(() => converse({ modelId, additionalModelRequestFields: { top_k: 5 } })), `${PREFIX}\`top_k\` is deprecated for this model.`);
      assert.equal(await refused(() => h.runtime.send(new ConverseStreamCommand({ modelId, messages: user('x'), inferenceConfig: { temperature: 0.2 } }))),
        `${PREFIX}\`temperature\` is deprecated for this model.`);
    });

    it('refuses them in the InvokeModel body with the plain text (Mintplex-Labs/anything-llm#5821, promptfoo/promptfoo#10307)', async () => {
      const modelId = `global.${opus47}`;
      assert.equal(await refused(() => invoke(modelId, claudeBody({ temperature: 0.5 }))), '`temperature` is deprecated for this model.');
      assert.equal(await refused(() => invoke(modelId, claudeBody({ top_k: 5 }))), '`top_k` is deprecated for this model.');
      assert.equal((await invoke(modelId, claudeBody({}))).stop_reason, 'max_tokens');
    });
  });

  it('Claude 3.7 thinking: temperature other than 1 is the model\'s refusal, wrapped by Converse (BerriAI/litellm#9524, cline/cline#2712)', async () => {
    assert.equal(await refused(() => converse({
      modelId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', inferenceConfig: { temperature: 0.2, maxTokens: 2000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    })), `${PREFIX}temperature may only be set to 1 when thinking is enabled.`);
  });

  describe('Titan Text stop sequences: one item, `|`… or `User:` (boto/boto3#3993, langchain-ai/langchain#18565)', () => {
    const titan = 'amazon.titan-text-express-v1';
    const pattern = (s: string) => `Malformed input request: string [${s}] does not match pattern ^(\\|+|User:)$, please reformat your input and try again.`;
    const count = (n: number) => `Malformed input request: expected maximum item count: 1, found: ${n}, please reformat your input and try again.`;

    it('under Converse', async () => {
      assert.equal(await refused(() => converse({ modelId: titan, inferenceConfig: { stopSequences: ['Human:'] } })), pattern('Human:'));
      assert.equal(await refused(() => converse({ modelId: titan, inferenceConfig: { stopSequences: ['|', 'User:'] } })), count(2));
      for (const stop of ['User:', '|', '|||']) await converse({ modelId: titan, inferenceConfig: { stopSequences: [stop] } });
    });

    it('in the InvokeModel body', async () => {
      const body = (stopSequences: string[]) => ({ inputText: 'x', textGenerationConfig: { stopSequences } });
      assert.equal(await refused(() => invoke(titan, body(['Observation']))), pattern('Observation'));
      assert.equal(await refused(() => invoke(titan, body(['|', '||', 'User:', 'x', 'y']))), count(5));
      await invoke(titan, body(['User:']));
    });
  });

  it('Cohere Command (command-text-v14) takes max_tokens up to 4096 (AWS user guide, Cohere Command models)', async () => {
    await invoke('cohere.command-text-v14', { prompt: 'x', max_tokens: 4096 });
    assert.equal(await refused(() => invoke('cohere.command-text-v14', { prompt: 'x', max_tokens: 4097 })),
      'Malformed input request: #/max_tokens: 4097 is not less or equal to 4096, please reformat your input and try again.');
  });

  it('SDXL steps 10–150 (AWS user guide, Stability.ai Diffusion 1.0 text to image)', async () => {
    const sdxl = (steps: number) => invoke('stability.stable-diffusion-xl-v1', { text_prompts: [{ text: 'a hill' }], steps });
    assert.match(await refused(() => sdxl(9)), /#\/steps: 9 is not greater or equal to 10/);
    assert.match(await refused(() => sdxl(151)), /#\/steps: 151 is not less or equal to 150/);
    assert.equal((await sdxl(150)).result, 'success');
  });

  it('Nova Canvas seed 0–858,993,459 (AWS user guide, Nova Canvas request; AWS code example)', async () => {
    const image = (modelId: string, seed: number) => invoke(modelId, { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'a hill' }, imageGenerationConfig: { width: 512, height: 512, seed } });
    assert.equal(((await image('amazon.nova-canvas-v1:0', 858993459)).images as string[]).length, 1);
    assert.match(await refused(() => image('amazon.nova-canvas-v1:0', 858993460)), /#\/imageGenerationConfig\/seed: 858993460 is not less or equal to 858993459/);
    // Titan Image Generator v2 keeps its own, wider range.
    assert.equal(((await image('amazon.titan-image-generator-v2:0', 858993460)).images as string[]).length, 1);
  });
});
