import { parameterSpec } from '../bedrock/parameters';
import type { ToolChatRequest } from '../bedrock/toolChat';

// VS Code Chat sends long, repeated prompts (instructions, files, the conversation so far): prompt
// caching is on by default there, for models that take it, once the prompt reaches the model's minimum
// tokens per cache checkpoint (below it nothing is cached: AWS user guide, "Prompt caching for faster
// model inference"). A caller can turn it off with modelOptions `{cachePrompt: false}`.

export function withPromptCaching(request: ToolChatRequest, promptTokens: number, modelOptions: Readonly<Record<string, unknown>> | undefined): ToolChatRequest {
  const cache = parameterSpec(request.model).promptCache;
  if (!cache || modelOptions?.cachePrompt === false || promptTokens < cache.minTokens) return request;
  return { ...request, settings: { ...request.settings, cachePrompt: true } };
}
