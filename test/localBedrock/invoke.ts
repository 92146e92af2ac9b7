// InvokeModel / InvokeModelWithResponseStream with each model family's own body.
import { randomUUID } from 'node:crypto';
import { invokeEmbeddingModel } from './embeddings';
import { BedrockError, validation } from './errors';
import { chunkFrame } from './eventStream';
import { invokeImageModel } from './imageModels';
import type { OperationContext } from './operation';
import { beforeSingleResponse, generationWait, sendEventStream, type PlannedEvent } from './streaming';
import { parseTextBody, isTextFamily } from './textBodies';
import { generateText } from './textReply';
import { textChunks, textResponse } from './textResponses';

export async function invokeModel(ctx: OperationContext): Promise<void> {
  const model = ctx.model();
  const body = ctx.json();
  let payload: Record<string, unknown> | undefined;
  let counts: { input: number; output?: number } | undefined;
  if (isTextFamily(model)) {
    const req = parseTextBody(model, body, { streaming: false, modelId: ctx.modelId });
    const res = generateText(req, ctx.state.takeReply());
    payload = textResponse(model.family, req, res);
    counts = { input: req.inputTokens, output: res.outputTokens };
  } else {
    payload = invokeImageModel(model, body);
    const embedded = payload ? undefined : invokeEmbeddingModel(model, body);
    if (embedded) {
      payload = embedded.body;
      // Embedding responses carry the input token count in the header too: Cohere Embed's body
      // has no count at all, so clients read it there (the AI SDK's Bedrock provider, for one,
      // reported NaN tokens for Cohere against the stand-in). Seen on live Bedrock: vercel/ai
      // PR #15973, langchain4j issue #5057, maximhq/bifrost issue #3917 (those show only the input
      // count, so no output count is sent for embeddings).
      counts = { input: embedded.inputTokens };
    }
  }
  // A stand-in limit, not a Bedrock rule (e.g. Qwen has no InvokeModel body here).
  if (!payload) throw validation(`The model ${model.modelId} cannot be invoked on the local endpoint.`);
  if (!(await beforeSingleResponse(ctx))) return;
  // A text answer arrives whole when its last token is generated (images and embeddings count no output tokens).
  if (counts?.output !== undefined && !(await generationWait(ctx, counts.output))) return;
  if (ctx.fault?.fault === 'streamException') throw new BedrockError('ModelErrorException', ctx.fault.message ?? 'The model returned an error while processing the request.');
  const headers: Record<string, string> = {
    'content-type': 'application/json', 'x-amzn-requestid': randomUUID(),
    'x-amzn-bedrock-invocation-latency': String(Date.now() - ctx.started),
  };
  if (counts) {
    headers['x-amzn-bedrock-input-token-count'] = String(counts.input);
    if (counts.output !== undefined) headers['x-amzn-bedrock-output-token-count'] = String(counts.output);
  }
  // For the CloudWatch metrics of what was served: tokens, and the images an image model returned
  // (Titan / Nova Canvas `images`, Stability `images`, SDXL `artifacts`).
  if (ctx.logged) {
    if (counts) ctx.logged.usage = { inputTokens: counts.input, outputTokens: counts.output ?? 0 };
    const images = Array.isArray(payload.images) ? payload.images.length : Array.isArray(payload.artifacts) ? payload.artifacts.length : undefined;
    if (images !== undefined && !counts) ctx.logged.images = images;
  }
  ctx.ex.respond(200, headers);
  ctx.ex.end(JSON.stringify(payload));
}

export async function invokeModelWithResponseStream(ctx: OperationContext): Promise<void> {
  const model = ctx.model();
  // langchain-ai/langchainjs#2645, aws-samples/amazon-bedrock-client-for-mac#112.
  if (!model.responseStreamingSupported || model.noInvokeStream || !isTextFamily(model)) throw validation('The model is unsupported for streaming.');
  const req = parseTextBody(model, ctx.json(), { streaming: true, modelId: ctx.modelId });
  const res = generateText(req, ctx.state.takeReply());
  const chunks = textChunks(model.family, req, res);
  let firstByte = 0;
  const events: PlannedEvent[] = chunks.map((c, i) => ({
    tokens: c.tokens,
    frame: () => {
      if (i === 0) firstByte = Date.now() - ctx.started;
      // Bedrock appends its own invocation metrics to the model's last chunk.
      const body = i === chunks.length - 1
        ? { ...c.body, 'amazon-bedrock-invocationMetrics': { inputTokenCount: req.inputTokens, outputTokenCount: res.outputTokens, invocationLatency: Date.now() - ctx.started, firstByteLatency: firstByte } }
        : c.body;
      return chunkFrame(body);
    },
  }));
  await sendEventStream(ctx.ex, events, ctx.fault, ctx.state, { 'x-amzn-bedrock-content-type': 'application/json' }, ctx.logged);
}
