import type { BedrockRuntimeClient, ContentBlock, ConverseRequest, ConverseResponse, ConverseStreamOutput, ResponseStream, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { ApiRequestRecord, ChatEvent, ChatRequest, GuardrailRef, ParameterAdjustment, RequestCorrection, ResolvedInvocation } from './types';
import { ChatRun, type Opened, type Prepared, type StreamMapper } from './chatRun';
import { buildConverseInput, checkChatRequest } from './converseBody';
import { buildInvokeTextBody, decodeInvokeText, invokeTextFamily, normalizeStopReason, type InvokeTextFamily } from './invokeText';
import { invokeJson, numericHeader } from './invokeModel';
import { parameterSpec } from './parameters';
import { correctable } from './correction';
import type { LearnedRule, LearnedRuleStore } from './learnedRules';
import { withRetryListener, type RetryNotice } from './retryEvents';
import type { Logger } from './logger';
import { loadRuntimeSdk } from './sdk';
import { traceOutcome } from './guardrailText';

// Chat with any text model: ConverseStream (or Converse), or InvokeModel with the model's own
// body for the few text models Converse cannot chat with. Returns an async iterable of
// ChatEvent: request, retry*, text/reasoning*, stop, usage, metrics. Throws on failure after
// any partial text; aborting ends the HTTP/2 stream and throws an AbortError.

export interface ChatContext {
  /** The clients are opened lazily: the SDK loads on the first call. */
  runtime: () => Promise<BedrockRuntimeClient>;
  invocation: ResolvedInvocation;
  /** The clients' request timeout: a stream silent for this long is reported as timed out. */
  requestTimeoutMs?: number;
  /** Called once when the chat ends, however it ends. */
  dispose?: () => void;
  logger?: Logger;
  /** What Bedrock refused for each model before; a new refusal that names its reason is added. */
  learned?: LearnedRuleStore;
}

export function chat(request: ChatRequest, ctx: ChatContext, signal?: AbortSignal): AsyncIterable<ChatEvent> {
  const prepareRun = () => ({
    ...correctable(request.model, ctx.learned, (learned, correction) => prepare(request, ctx, learned, correction), ctx.logger),
    ...(ctx.dispose ? { dispose: ctx.dispose } : {}),
  });
  return new ChatRun(prepareRun, signal, ctx.requestTimeoutMs);
}

function retryEvent(n: RetryNotice): ChatEvent {
  const e = n.error as { name?: string; message?: string } | undefined;
  const reason = e?.name ? `${e.name}${e.message ? `: ${e.message}` : ''}` : 'transient failure';
  return { type: 'retry', attempt: n.attempt, maxAttempts: n.maxAttempts, reason, delayMs: n.delayMs };
}

/** Turns SDK retry notices into retry events, logging each; logs the call itself once (`what` adds to that line). */
export function retryListener(ctx: ChatContext, record: ApiRequestRecord, onRetry: (ev: ChatEvent) => void, what = ''): (n: RetryNotice) => void {
  ctx.logger?.debug(`${record.operation} ${record.modelId}${what}`);
  return (n) => {
    const ev = retryEvent(n);
    if (ev.type === 'retry') ctx.logger?.warn(`${record.operation} ${record.modelId}: attempt ${ev.attempt} of ${ev.maxAttempts} in ${ev.delayMs} ms, after ${ev.reason}`);
    onRetry(ev);
  };
}

function requestEvent(request: ApiRequestRecord, adjustments: ParameterAdjustment[], ctx: ChatContext, correction: RequestCorrection | undefined): ChatEvent {
  return { type: 'request', request, adjustments, invocation: ctx.invocation, ...(correction ? { correction } : {}) };
}

function prepare(request: ChatRequest, ctx: ChatContext, learned: readonly LearnedRule[], correction?: RequestCorrection): Prepared {
  const spec = parameterSpec(request.model, learned);
  checkChatRequest(request, spec.systemPrompt);
  const modelId = ctx.invocation.invocationId;
  const stream = request.stream !== false && request.model.streaming;
  const family = invokeTextFamily(request.model.id);
  if (family) return prepareInvoke(family, request, ctx, modelId, stream && family === 'cohere-command-text', learned, correction);
  const { input, record, adjustments } = buildConverseInput(request, modelId, learned, stream);
  const apiRecord: ApiRequestRecord = { operation: stream ? 'ConverseStream' : 'Converse', modelId, body: record };
  return {
    request: requestEvent(apiRecord, adjustments, ctx, correction),
    async open(signal, onRetry): Promise<Opened> {
      const [runtime, sdk] = await Promise.all([ctx.runtime(), loadRuntimeSdk()]);
      const listen = retryListener(ctx, apiRecord, onRetry);
      if (stream) {
        const res = await withRetryListener(listen, () => runtime.send(new sdk.ConverseStreamCommand(input), { abortSignal: signal }));
        if (!res.stream) throw new Error('ConverseStream returned no stream.');
        const map = request.guardrail ? guardedStreamMapper(request.guardrail) : mapConverseEvent;
        return { kind: 'stream', source: res.stream[Symbol.asyncIterator](), map: map as StreamMapper<unknown> };
      }
      const res = await withRetryListener(listen, () => runtime.send(new sdk.ConverseCommand(input as ConverseRequest), { abortSignal: signal }));
      return converseEvents(res, request.guardrail);
    },
  };
}

function usageEvent(u: TokenUsage): ChatEvent {
  return {
    type: 'usage',
    inputTokens: u.inputTokens ?? 0,
    outputTokens: u.outputTokens ?? 0,
    totalTokens: u.totalTokens ?? (u.inputTokens ?? 0) + (u.outputTokens ?? 0),
    ...(u.cacheReadInputTokens !== undefined ? { cacheReadInputTokens: u.cacheReadInputTokens } : {}),
    ...(u.cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens: u.cacheWriteInputTokens } : {}),
  };
}

/** One ConverseStream event → at most one ChatEvent (the hot path: keep it allocation-free). */
const mapConverseEvent: StreamMapper<ConverseStreamOutput> = (ev, run) => {
  const delta = ev.contentBlockDelta?.delta;
  if (delta !== undefined) {
    if (delta.text) return { type: 'text', text: delta.text };
    const reasoning = delta.reasoningContent?.text;
    if (reasoning) return { type: 'reasoning', text: reasoning };
    return undefined;
  }
  if (ev.messageStop) return { type: 'stop', stopReason: ev.messageStop.stopReason ?? 'end_turn' };
  if (ev.metadata) {
    run.serverLatencyMs = ev.metadata.metrics?.latencyMs;
    return ev.metadata.usage ? usageEvent(ev.metadata.usage) : undefined;
  }
  return undefined;
};

/**
 * ConverseStream with a guardrail: the stop reason comes in messageStop and the trace in the
 * metadata event after it (API_runtime_ConverseStreamMetadataEvent), so the outcome is told there.
 */
function guardedStreamMapper(guardrail: GuardrailRef): StreamMapper<ConverseStreamOutput> {
  let stopReason: string | undefined;
  return (ev, run) => {
    if (ev.messageStop) stopReason = ev.messageStop.stopReason;
    const mapped = mapConverseEvent(ev, run);
    if (ev.metadata) {
      const outcome = traceOutcome(guardrail, stopReason, ev.metadata.trace?.guardrail);
      if (outcome) {
        if (mapped) run.later(mapped);
        return { type: 'guardrail', outcome };
      }
    }
    return mapped;
  };
}

function converseEvents(res: ConverseResponse, guardrail?: GuardrailRef): Opened {
  const events: ChatEvent[] = [];
  for (const block of (res.output?.message?.content ?? []) as ContentBlock[]) {
    if (block.text) events.push({ type: 'text', text: block.text });
    const reasoning = block.reasoningContent?.reasoningText?.text;
    if (reasoning) events.push({ type: 'reasoning', text: reasoning });
  }
  const outcome = guardrail ? traceOutcome(guardrail, res.stopReason, res.trace?.guardrail) : undefined;
  if (outcome) events.push({ type: 'guardrail', outcome });
  events.push({ type: 'stop', stopReason: res.stopReason ?? 'end_turn' });
  if (res.usage) events.push(usageEvent(res.usage));
  return { kind: 'events', events, ...(res.metrics?.latencyMs !== undefined ? { serverLatencyMs: res.metrics.latencyMs } : {}) };
}

const decoder = new TextDecoder();

function prepareInvoke(
  family: InvokeTextFamily, request: ChatRequest, ctx: ChatContext, modelId: string, stream: boolean, learned: readonly LearnedRule[], correction: RequestCorrection | undefined,
): Prepared {
  const { body, adjustments } = buildInvokeTextBody(family, request, stream, learned);
  const apiRecord: ApiRequestRecord = { operation: stream ? 'InvokeModelWithResponseStream' : 'InvokeModel', modelId, body };
  return {
    request: requestEvent(apiRecord, adjustments, ctx, correction),
    async open(signal, onRetry): Promise<Opened> {
      const runtime = await ctx.runtime();
      const listen = retryListener(ctx, apiRecord, onRetry);
      if (!stream) {
        const { json, headers } = await withRetryListener(listen, () => invokeJson(runtime, modelId, body, signal));
        const piece = decodeInvokeText(family, json);
        const events: ChatEvent[] = [];
        if (piece.text) events.push({ type: 'text', text: piece.text });
        events.push({ type: 'stop', stopReason: normalizeStopReason(piece.stopReason) });
        const input = piece.inputTokens ?? numericHeader(headers, 'x-amzn-bedrock-input-token-count');
        const output = piece.outputTokens ?? numericHeader(headers, 'x-amzn-bedrock-output-token-count');
        if (input !== undefined || output !== undefined) {
          events.push({ type: 'usage', inputTokens: input ?? 0, outputTokens: output ?? 0, totalTokens: (input ?? 0) + (output ?? 0) });
        }
        const latency = piece.serverLatencyMs ?? numericHeader(headers, 'x-amzn-bedrock-invocation-latency');
        return { kind: 'events', events, ...(latency !== undefined ? { serverLatencyMs: latency } : {}) };
      }
      const sdk = await loadRuntimeSdk();
      const command = new sdk.InvokeModelWithResponseStreamCommand({
        modelId,
        body: new TextEncoder().encode(JSON.stringify(body)),
        contentType: 'application/json',
        accept: 'application/json',
      });
      const res = await withRetryListener(listen, () => runtime.send(command, { abortSignal: signal }));
      if (!res.body) throw new Error('InvokeModelWithResponseStream returned no stream.');
      return { kind: 'stream', source: res.body[Symbol.asyncIterator](), map: invokeChunkMapper(family) as StreamMapper<unknown> };
    },
  };
}

function invokeChunkMapper(family: InvokeTextFamily): StreamMapper<ResponseStream> {
  return (ev, run) => {
    const bytes = ev.chunk?.bytes;
    if (!bytes) return undefined;
    const piece = decodeInvokeText(family, JSON.parse(decoder.decode(bytes)));
    if (piece.serverLatencyMs !== undefined) run.serverLatencyMs = piece.serverLatencyMs;
    const extra: ChatEvent[] = [];
    if (piece.stopReason !== undefined) extra.push({ type: 'stop', stopReason: normalizeStopReason(piece.stopReason) });
    if (piece.inputTokens !== undefined || piece.outputTokens !== undefined) {
      const i = piece.inputTokens ?? 0;
      const o = piece.outputTokens ?? 0;
      extra.push({ type: 'usage', inputTokens: i, outputTokens: o, totalTokens: i + o });
    }
    if (piece.text) {
      for (const e of extra) run.later(e);
      return { type: 'text', text: piece.text };
    }
    const first = extra.shift();
    for (const e of extra) run.later(e);
    return first;
  };
}
