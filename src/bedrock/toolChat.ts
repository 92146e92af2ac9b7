import type { ContentBlock, ConverseResponse, ConverseStreamOutput, ConverseStreamRequest, Message, SystemContentBlock, Tool, ToolChoice } from '@aws-sdk/client-bedrock-runtime';
import type { ApiRequestRecord, ChatEvent, ImageAttachment, InferenceSettings, ModelRecord, ParameterAdjustment, RequestCorrection } from './types';
import { ChatRun, type Opened, type Prepared, type StreamMapper } from './chatRun';
import { retryListener, type ChatContext } from './chat';
import { UnsupportedRequestError } from './layerErrors';
import { buildInferenceRequest, parameterSpec } from './parameters';
import { addCachePoints } from './cachePoints';
import { withRetryListener } from './retryEvents';
import { loadRuntimeSdk } from './sdk';
import { toolSupport } from './families/registry';
import { correctable } from './correction';
import { EMPTY_TURN } from './converseBody';
import type { LearnedRule } from './learnedRules';

// Chat through Converse / ConverseStream with structured content: text, images, tool calls and
// tool results, and tools offered as toolConfig. Used where a caller speaks in content blocks
// (VS Code's language model API) rather than the playground's text turns. The events are
// chat()'s, plus one 'toolUse' event per tool call the model makes (before its 'stop').

export type ToolChatBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; image: ImageAttachment }
  | { type: 'toolUse'; toolUseId: string; name: string; input: unknown }
  | { type: 'toolResult'; toolUseId: string; content: ToolResultPiece[]; status?: 'success' | 'error' };

export type ToolResultPiece = { type: 'text'; text: string } | { type: 'json'; json: unknown } | { type: 'image'; image: ImageAttachment };

export interface ToolChatMessage {
  role: 'user' | 'assistant';
  content: ToolChatBlock[];
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON schema of the input; an empty object schema when the tool takes none. */
  inputSchema: Record<string, unknown>;
}

export interface ToolChatRequest {
  model: ModelRecord;
  /** Overrides id resolution (a profile id or application-profile ARN). */
  invocationId?: string;
  system?: string;
  messages: ToolChatMessage[];
  settings: InferenceSettings;
  tools?: ToolDefinition[];
  /** 'auto' (default): the model decides; 'any': it must call some tool; or one tool by name. */
  toolChoice?: 'auto' | 'any' | { tool: string };
}

export type ToolUseEvent = { type: 'toolUse'; toolUseId: string; name: string; input: unknown };
export type ToolChatEvent = ChatEvent | ToolUseEvent;

const MAX_IMAGE_BYTES = 3_750_000;

function imageBytes(img: ImageAttachment): number {
  return Math.floor((img.base64.length * 3) / 4);
}

/** Refuses, in plain words, what the model cannot take. */
export function checkToolChatRequest(request: ToolChatRequest, learned: readonly LearnedRule[] = []): void {
  const { model, messages } = request;
  if (!model.outputModalities.includes('TEXT')) throw new UnsupportedRequestError(`${model.name} does not chat: pick a text model.`, 'model');
  if (messages.length === 0) throw new UnsupportedRequestError('There is no message to send.', 'messages');
  if (messages[0]!.role !== 'user') throw new UnsupportedRequestError('The conversation must start with a user message.', 'messages');
  if (messages[messages.length - 1]!.role !== 'user') throw new UnsupportedRequestError('The conversation must end with a user message.', 'messages');
  for (const m of messages) {
    if (m.content.length === 0) throw new UnsupportedRequestError(`A ${m.role} message has no content.`, 'messages');
    for (const b of m.content) {
      const images = b.type === 'image' ? [b.image] : b.type === 'toolResult' ? b.content.flatMap((p) => (p.type === 'image' ? [p.image] : [])) : [];
      if (images.length > 0 && !model.inputModalities.includes('IMAGE')) {
        throw new UnsupportedRequestError(`${model.name} does not take images. Remove them or pick a model that accepts image input.`, 'images');
      }
      for (const img of images) {
        const bytes = imageBytes(img);
        if (bytes > MAX_IMAGE_BYTES) throw new UnsupportedRequestError(`An image is ${(bytes / 1e6).toFixed(1)} MB; Bedrock takes at most 3.75 MB per image.`, 'images');
      }
    }
  }
  const usesTools = (request.tools?.length ?? 0) > 0 || messages.some((m) => m.content.some((b) => b.type === 'toolUse' || b.type === 'toolResult'));
  if (usesTools && !toolSupport(model).tools) throw new UnsupportedRequestError(`${model.name} cannot call tools on Bedrock. Pick a model that supports tool use.`, 'tools');
  const system = parameterSpec(model, learned).systemPrompt;
  if (request.system?.trim() && !system.supported && !system.fold) {
    throw new UnsupportedRequestError(`${model.name} takes no system prompt.`, 'system');
  }
}

function imageBlock(img: ImageAttachment, forRecord: boolean): { image: { format: ImageAttachment['format']; source: { bytes: Uint8Array | string } } } {
  return { image: { format: img.format, source: { bytes: forRecord ? `<${imageBytes(img)} bytes elided>` : Buffer.from(img.base64, 'base64') } } };
}

function resultPiece(p: ToolResultPiece, forRecord: boolean): unknown {
  if (p.type === 'text') return { text: p.text };
  if (p.type === 'json') return { json: p.json };
  return imageBlock(p.image, forRecord);
}

function block(b: ToolChatBlock, forRecord: boolean): unknown {
  switch (b.type) {
    case 'text':
      return { text: b.text };
    case 'image':
      return imageBlock(b.image, forRecord);
    case 'toolUse':
      return { toolUse: { toolUseId: b.toolUseId, name: b.name, input: b.input } };
    case 'toolResult': {
      // Bedrock refuses an empty result; an empty output still needs saying.
      const content = b.content.length > 0 ? b.content.map((p) => resultPiece(p, forRecord)) : [{ text: '(no output)' }];
      return { toolResult: { toolUseId: b.toolUseId, content, ...(b.status ? { status: b.status } : {}) } };
    }
  }
}

/** The tools as Converse's toolConfig (undefined when none are offered or used). */
export function toolConfigFor(request: Pick<ToolChatRequest, 'tools' | 'toolChoice' | 'messages'>): { tools: Tool[]; toolChoice?: ToolChoice } | undefined {
  const offered = request.tools ?? [];
  const tools: Tool[] = offered.map((t) => ({
    toolSpec: { name: t.name, ...(t.description ? { description: t.description } : {}), inputSchema: { json: t.inputSchema as never } },
  }));
  // Bedrock refuses tool blocks in the history without a toolConfig: declare the tools they name.
  const named = new Set(offered.map((t) => t.name));
  for (const m of request.messages) {
    for (const b of m.content) {
      if (b.type === 'toolUse' && !named.has(b.name)) {
        named.add(b.name);
        tools.push({ toolSpec: { name: b.name, description: 'A tool used earlier in this conversation.', inputSchema: { json: { type: 'object' } as never } } });
      }
    }
  }
  if (tools.length === 0) return undefined;
  const choice = request.toolChoice ?? 'auto';
  if (choice === 'auto' || offered.length === 0) return { tools };
  return { tools, toolChoice: choice === 'any' ? { any: {} } : { tool: { name: choice.tool } } };
}

export interface ToolConverseInput {
  input: ConverseStreamRequest;
  record: ApiRequestRecord['body'];
  adjustments: ParameterAdjustment[];
}

/**
 * The blocks Bedrock will take: a blank or whitespace-only text block is refused ("The text field in
 * the ContentBlock object at messages.N.content.M is blank…": aws-samples/bedrock-engineer#8), so
 * those are left out, and a message left with nothing says so in words.
 */
function sendable(content: readonly ToolChatBlock[]): ToolChatBlock[] {
  const kept = content.filter((b) => b.type !== 'text' || b.text.trim().length > 0);
  return kept.length > 0 ? kept : [{ type: 'text', text: EMPTY_TURN }];
}

/** The system prompt, or (for a model that refuses system messages) the messages with it at the head of the first user message. */
function placeSystem(request: ToolChatRequest, fold: boolean): { messages: ToolChatMessage[]; system: string | undefined; adjustments: ParameterAdjustment[] } {
  const system = request.system?.trim() ? request.system : undefined;
  const messages = request.messages.map((m) => ({ role: m.role, content: sendable(m.content) }));
  if (!system || !fold) return { messages, system, adjustments: [] };
  const first = messages.findIndex((m) => m.role === 'user');
  if (first >= 0) messages[first] = { ...messages[first]!, content: [{ type: 'text', text: system }, ...messages[first]!.content] };
  return { messages, system: undefined, adjustments: [{ parameter: 'system', from: system, to: undefined, reason: `${request.model.name || request.model.id} takes no system messages: the system prompt was sent at the head of the first message.` }] };
}

export function buildToolConverseInput(request: ToolChatRequest, modelId: string, learned: readonly LearnedRule[] = []): ToolConverseInput {
  const parts = buildInferenceRequest(request.model, request.settings, learned);
  const placed = placeSystem(request, parameterSpec(request.model, learned).systemPrompt.fold === true);
  const messages = placed.messages.map((m) => ({ role: m.role, content: m.content.map((b) => block(b, false)) }) as Message);
  const recordMessages = placed.messages.map((m) => ({ role: m.role, content: m.content.map((b) => block(b, true)) }));
  const system: SystemContentBlock[] | undefined = placed.system ? [{ text: placed.system }] : undefined;
  const recordSystem: unknown[] | undefined = placed.system ? [{ text: placed.system }] : undefined;
  addCachePoints(parts.promptCache, system, messages);
  addCachePoints(parts.promptCache, recordSystem, recordMessages);
  const hasConfig = Object.keys(parts.inferenceConfig).length > 0;
  const toolConfig = toolConfigFor(request);
  const common = {
    ...(hasConfig ? { inferenceConfig: parts.inferenceConfig } : {}),
    ...(toolConfig ? { toolConfig } : {}),
  };
  const inputCommon = {
    ...(system ? { system } : {}),
    ...(hasConfig ? { inferenceConfig: parts.inferenceConfig } : {}),
    ...(toolConfig ? { toolConfig } : {}),
  };
  const extra = parts.additionalModelRequestFields;
  const input: ConverseStreamRequest = {
    modelId,
    messages,
    ...inputCommon,
    ...(extra ? { additionalModelRequestFields: extra as ConverseStreamRequest['additionalModelRequestFields'] } : {}),
  };
  const record = { messages: recordMessages, ...(recordSystem ? { system: recordSystem } : {}), ...common, ...(extra ? { additionalModelRequestFields: extra } : {}) };
  return { input, record, adjustments: [...parts.adjustments, ...placed.adjustments] };
}

function usageEvent(u: { inputTokens?: number; outputTokens?: number; totalTokens?: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number }): ChatEvent {
  const i = u.inputTokens ?? 0;
  const o = u.outputTokens ?? 0;
  return {
    type: 'usage', inputTokens: i, outputTokens: o, totalTokens: u.totalTokens ?? i + o,
    ...(u.cacheReadInputTokens !== undefined ? { cacheReadInputTokens: u.cacheReadInputTokens } : {}),
    ...(u.cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens: u.cacheWriteInputTokens } : {}),
  };
}

/** Parses a tool's input JSON; Bedrock streams it in pieces that only parse once joined. */
function parseInput(json: string, name: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new Error(`The model sent input for ${name} that is not valid JSON.`);
  }
}

/** Collects tool calls out of the stream; the finished ones are handed out before 'stop'. */
class ToolCalls {
  readonly done: ToolUseEvent[] = [];
  private open = new Map<number, { toolUseId: string; name: string; json: string }>();

  readonly map: StreamMapper<ConverseStreamOutput> = (ev, run) => {
    const start = ev.contentBlockStart;
    if (start?.start?.toolUse) {
      const t = start.start.toolUse;
      this.open.set(start.contentBlockIndex ?? 0, { toolUseId: t.toolUseId ?? '', name: t.name ?? '', json: '' });
      return undefined;
    }
    const delta = ev.contentBlockDelta;
    if (delta?.delta) {
      const d = delta.delta;
      if (d.toolUse) {
        const call = this.open.get(delta.contentBlockIndex ?? 0);
        if (call) call.json += d.toolUse.input ?? '';
        return undefined;
      }
      if (d.text) return { type: 'text', text: d.text };
      const reasoning = d.reasoningContent?.text;
      return reasoning ? { type: 'reasoning', text: reasoning } : undefined;
    }
    if (ev.contentBlockStop) {
      const index = ev.contentBlockStop.contentBlockIndex ?? 0;
      const call = this.open.get(index);
      if (call) {
        this.open.delete(index);
        this.done.push({ type: 'toolUse', toolUseId: call.toolUseId, name: call.name, input: parseInput(call.json, call.name) });
      }
      return undefined;
    }
    if (ev.messageStop) return { type: 'stop', stopReason: ev.messageStop.stopReason ?? 'end_turn' };
    if (ev.metadata) {
      run.serverLatencyMs = ev.metadata.metrics?.latencyMs;
      return ev.metadata.usage ? usageEvent(ev.metadata.usage) : undefined;
    }
    return undefined;
  };

  fromResponse(res: ConverseResponse): Opened {
    const events: ChatEvent[] = [];
    for (const b of (res.output?.message?.content ?? []) as ContentBlock[]) {
      if (b.text) events.push({ type: 'text', text: b.text });
      const reasoning = b.reasoningContent?.reasoningText?.text;
      if (reasoning) events.push({ type: 'reasoning', text: reasoning });
      if (b.toolUse) this.done.push({ type: 'toolUse', toolUseId: b.toolUse.toolUseId ?? '', name: b.toolUse.name ?? '', input: b.toolUse.input ?? {} });
    }
    events.push({ type: 'stop', stopReason: res.stopReason ?? 'end_turn' });
    if (res.usage) events.push(usageEvent(res.usage));
    return { kind: 'events', events, ...(res.metrics?.latencyMs !== undefined ? { serverLatencyMs: res.metrics.latencyMs } : {}) };
  }
}

/** Whether this request streams: the model must stream, and stream with tools when tools are in play. */
export function streamsWithTools(request: ToolChatRequest, input: ConverseStreamRequest): boolean {
  if (!request.model.streaming) return false;
  return input.toolConfig === undefined || toolSupport(request.model).streaming;
}

export function toolChat(request: ToolChatRequest, ctx: ChatContext, signal?: AbortSignal): AsyncIterable<ToolChatEvent> {
  const calls = new ToolCalls();
  const build = (learned: readonly LearnedRule[], correction?: RequestCorrection): Prepared => {
    checkToolChatRequest(request, learned);
    const modelId = ctx.invocation.invocationId;
    const { input, record, adjustments } = buildToolConverseInput(request, modelId, learned);
    const stream = streamsWithTools(request, input);
    const apiRecord: ApiRequestRecord = { operation: stream ? 'ConverseStream' : 'Converse', modelId, body: record };
    return {
      request: { type: 'request', request: apiRecord, adjustments, invocation: ctx.invocation, ...(correction ? { correction } : {}) },
      async open(abort, onRetry): Promise<Opened> {
        const [runtime, sdk] = await Promise.all([ctx.runtime(), loadRuntimeSdk()]);
        const listen = retryListener(ctx, apiRecord, onRetry, input.toolConfig ? ` with ${input.toolConfig.tools?.length ?? 0} tools` : '');
        if (stream) {
          const res = await withRetryListener(listen, () => runtime.send(new sdk.ConverseStreamCommand(input), { abortSignal: abort }));
          if (!res.stream) throw new Error('ConverseStream returned no stream.');
          return { kind: 'stream', source: res.stream[Symbol.asyncIterator](), map: calls.map as StreamMapper<unknown> };
        }
        const res = await withRetryListener(listen, () => runtime.send(new sdk.ConverseCommand(input), { abortSignal: abort }));
        return calls.fromResponse(res);
      },
    };
  };
  const prepare = (): Prepared => ({ ...correctable(request.model, ctx.learned, build, ctx.logger), ...(ctx.dispose ? { dispose: ctx.dispose } : {}) });
  const run = new ChatRun(prepare, signal, ctx.requestTimeoutMs);
  return withToolCalls(run, calls.done);
}

/** chat()'s events, with the finished tool calls handed out just before 'stop'. */
async function* withToolCalls(run: ChatRun, done: ToolUseEvent[]): AsyncGenerator<ToolChatEvent> {
  try {
    for await (const ev of run) {
      if (ev.type === 'stop') yield* done.splice(0);
      yield ev;
    }
  } finally {
    // An early return (a cancelled consumer) ends the HTTP/2 stream too.
    await run.return();
  }
}
