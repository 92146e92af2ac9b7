import type { BedrockRuntimeClient, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { baseModelId } from './families/modelId';
import { modelRules } from './families/registry';
import { loadRuntimeSdk } from './sdk';
import type { ModelRecord } from './types';

// Exact input-token counts from Bedrock's CountTokens (bedrock-runtime; free of charge, AWS user guide
// "count-tokens"), for the models the registry says it answers for. The input is the Converse shape
// (`input: {converse: {system, messages}}`, the SDK's CountTokensInput). Counts are kept per text, so a
// composer asking again for the same words does not call Bedrock again.

export interface CountInput {
  system?: string;
  /** Text turns, oldest first; the last is the one being written. */
  messages: Array<{ role: 'user' | 'assistant'; text: string }>;
}

const MAX_CACHED = 500;

export class TokenCounter {
  private readonly counts = new Map<string, number>();

  /** Whether CountTokens answers for the model (registry: families/promptCaching.ts). */
  static available(model: Pick<ModelRecord, 'id' | 'outputModalities'>): boolean {
    return modelRules(model).countTokens === true;
  }

  /**
   * The exact count, or undefined when CountTokens does not answer for this model or this input (no text
   * yet). Errors from Bedrock are thrown: the caller decides whether to fall back to an estimate.
   */
  async count(runtime: () => Promise<BedrockRuntimeClient>, connection: string, model: ModelRecord, input: CountInput, signal?: AbortSignal): Promise<number | undefined> {
    if (!TokenCounter.available(model)) return undefined;
    const messages: Message[] = input.messages.filter((m) => m.text.trim()).map((m) => ({ role: m.role, content: [{ text: m.text }] }));
    if (messages.length === 0 || messages[0]!.role !== 'user') return undefined;
    const system: SystemContentBlock[] | undefined = input.system?.trim() ? [{ text: input.system }] : undefined;
    // CountTokens takes the bare foundation-model id; inference-profile ids are refused.
    const modelId = baseModelId(model.id);
    const key = JSON.stringify([connection, modelId, input.system ?? '', messages.map((m) => [m.role, m.content?.[0]?.text])]);
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const { CountTokensCommand } = await loadRuntimeSdk();
    const client = await runtime();
    const res = await client.send(new CountTokensCommand({ modelId, input: { converse: { messages, ...(system ? { system } : {}) } } }), { abortSignal: signal });
    const tokens = res.inputTokens ?? 0;
    if (this.counts.size >= MAX_CACHED) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, tokens);
    return tokens;
  }
}
