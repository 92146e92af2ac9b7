// Converse and ConverseStream for the stand-in chat models.
import { eventFrame } from './eventStream';
import { sendJson } from './errors';
import { parseConverse } from './converseRequest';
import type { OperationContext } from './operation';
import { beforeSingleResponse, sendEventStream, type PlannedEvent } from './streaming';
import { generateText, type TextRequest } from './textReply';
import { guardedReply } from './guardrailRuntime';
import type { StandInModel } from './models';
import type { EndpointState } from './state';
import { deltaGroups } from './tokens';

const SIGNATURE = 'bG9jYWwtc3RhbmQtaW4tc2lnbmF0dXJl';

/**
 * Converse usage: with prompt caching, inputTokens counts only what was neither read from nor written
 * to the cache, and totalTokens adds the cache tokens (AWS user guide, prompt caching: CacheReadInputTokens
 * and CacheWriteInputTokens in the Converse response).
 */
function usage(state: EndpointState, model: StandInModel, req: TextRequest, outputTokens: number): Record<string, number> {
  const cache = req.cachePoints ? state.promptCache.use(model, req.cachePoints) : undefined;
  if (!cache) return { inputTokens: req.inputTokens, outputTokens, totalTokens: req.inputTokens + outputTokens };
  const input = Math.max(0, req.inputTokens - cache.cacheReadInputTokens - cache.cacheWriteInputTokens);
  return { inputTokens: input, outputTokens, totalTokens: req.inputTokens + outputTokens, ...cache };
}

export async function converse(ctx: OperationContext): Promise<void> {
  const model = ctx.model();
  const body = ctx.json();
  const req = parseConverse(model, body);
  const reply = ctx.state.takeReply();
  const result = guardedReply(body, req, (r) => generateText(r, reply));
  if (!(await beforeSingleResponse(ctx))) return;
  if (ctx.logged) ctx.logged.usage = { inputTokens: req.inputTokens, outputTokens: result.outputTokens };
  const content: unknown[] = [];
  if (result.reasoning.length) content.push({ reasoningContent: { reasoningText: { text: result.reasoning.join(''), signature: SIGNATURE } } });
  content.push({ text: result.text });
  sendJson(ctx.ex, 200, {
    output: { message: { role: 'assistant', content } },
    stopReason: result.stopReason,
    usage: usage(ctx.state, model, req, result.outputTokens),
    metrics: { latencyMs: Date.now() - ctx.started },
    ...(result.trace ? { trace: result.trace } : {}),
  });
}

export async function converseStream(ctx: OperationContext): Promise<void> {
  const model = ctx.model();
  const body = ctx.json();
  const req = parseConverse(model, body);
  const reply = ctx.state.takeReply();
  // With a guardrail in sync mode (the default) every chunk is checked before it is sent, so the
  // stream carries the guarded text; its trace goes in the metadata event (ConverseStreamMetadataEvent).
  const result = guardedReply(body, req, (r) => generateText(r, reply));
  if (ctx.logged) ctx.logged.usage = { inputTokens: req.inputTokens, outputTokens: result.outputTokens };
  const counted = usage(ctx.state, model, req, result.outputTokens);
  const events: PlannedEvent[] = [{ frame: () => eventFrame('messageStart', { role: 'assistant' }), tokens: 0 }];
  let index = 0;
  if (result.reasoning.length) {
    for (const g of deltaGroups(result.reasoning)) {
      events.push({ frame: () => eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: g.join('') } } }), tokens: g.length });
    }
    events.push({ frame: () => eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: SIGNATURE } } }), tokens: 0 });
    events.push({ frame: () => eventFrame('contentBlockStop', { contentBlockIndex: 0 }), tokens: 0 });
    index = 1;
  }
  const textIndex = index;
  for (const g of deltaGroups(result.tokens)) {
    events.push({ frame: () => eventFrame('contentBlockDelta', { contentBlockIndex: textIndex, delta: { text: g.join('') } }), tokens: g.length });
  }
  events.push({ frame: () => eventFrame('contentBlockStop', { contentBlockIndex: textIndex }), tokens: 0 });
  events.push({ frame: () => eventFrame('messageStop', { stopReason: result.stopReason }), tokens: 0 });
  events.push({
    frame: () => eventFrame('metadata', {
      usage: counted,
      metrics: { latencyMs: Date.now() - ctx.started },
      ...(result.trace ? { trace: result.trace } : {}),
    }),
    tokens: 0,
  });
  await sendEventStream(ctx.ex, events, ctx.fault, ctx.state, {}, ctx.logged);
}
