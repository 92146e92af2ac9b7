// Text embeddings through InvokeModel: one call per text for Titan, batches of up to 96 for
// Cohere. Texts over the model's limit are refused (Titan) or truncated (Cohere) before sending,
// and each text's outcome says which, so the UI can tell the user.
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { CohereInputType, EmbeddingModelSpec } from './families/embeddingModels';
import { invokeJson, numericHeader } from './invokeModel';
import { abortError, ModelResponseError, UnsupportedRequestError } from './layerErrors';
import type { ApiRequestRecord } from './types';

export interface EmbeddingRequest {
  /** The id to invoke (model id or inference profile id). */
  invocationId: string;
  spec: EmbeddingModelSpec;
  texts: string[];
  /** Titan v2: 256, 512 or 1024. */
  dimensions?: number;
  /** Titan v2: unit-length vectors (default true). */
  normalize?: boolean;
  /** Cohere: what the texts are for (default search_document). */
  inputType?: CohereInputType;
}

export type TextOutcome =
  | { status: 'embedded' }
  | { status: 'truncated'; sentChars: number; originalChars: number }
  | { status: 'refused'; reason: string };

export interface EmbeddingResult {
  /** One per input text; undefined where the text was refused. */
  vectors: (number[] | undefined)[];
  outcomes: TextOutcome[];
  dimensions: number;
  /** InvokeModel calls made. */
  calls: number;
  /** Input tokens as counted by the model, when it says. */
  inputTokens?: number;
  /** The first request as sent (texts shortened), for "View API request". */
  request?: ApiRequestRecord;
}

/** How many Titan calls run at once (each embeds a single text). */
const TITAN_PARALLEL = 4;

/** Which texts go out, as what: refused and truncated ones are decided here, before any call. */
export function planTexts(spec: EmbeddingModelSpec, texts: readonly string[]): { outcomes: TextOutcome[]; sent: { index: number; text: string }[] } {
  const outcomes: TextOutcome[] = [];
  const sent: { index: number; text: string }[] = [];
  texts.forEach((text, index) => {
    if (text.trim() === '') {
      outcomes.push({ status: 'refused', reason: 'The text is empty.' });
    } else if (text.length <= spec.maxChars) {
      outcomes.push({ status: 'embedded' });
      sent.push({ index, text });
    } else if (spec.overLimit === 'truncate') {
      outcomes.push({ status: 'truncated', sentChars: spec.maxChars, originalChars: text.length });
      sent.push({ index, text: text.slice(0, spec.maxChars) });
    } else {
      outcomes.push({ status: 'refused', reason: `${text.length.toLocaleString('en-US')} characters; the model takes at most ${spec.maxChars.toLocaleString('en-US')}.` });
    }
  });
  return { outcomes, sent };
}

/** The InvokeModel body for these texts (one text for Titan, a batch for Cohere). */
export function embeddingBody(req: Omit<EmbeddingRequest, 'texts' | 'invocationId'>, texts: readonly string[]): Record<string, unknown> {
  const { spec } = req;
  if (spec.family === 'cohereV3') return { texts, input_type: req.inputType ?? 'search_document', truncate: 'END' };
  if (texts.length !== 1) throw new UnsupportedRequestError('Titan embeds one text per call.', 'texts');
  if (spec.family === 'titanV1') return { inputText: texts[0] };
  const dimensions = req.dimensions ?? spec.defaultDimensions;
  if (!spec.dimensions?.includes(dimensions)) throw new UnsupportedRequestError(`Titan Text Embeddings v2 makes vectors of ${spec.dimensions?.join(', ')} dimensions, not ${dimensions}.`, 'dimensions');
  return { inputText: texts[0], dimensions, normalize: req.normalize ?? true };
}

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** The vectors of one response, checked (a model answering something else is an error, not a crash later). */
export function parseEmbeddings(spec: EmbeddingModelSpec, json: unknown, expected: number): { vectors: number[][]; tokens?: number } {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  let vectors: unknown;
  if (spec.family === 'cohereV3') {
    const e = o.embeddings;
    vectors = Array.isArray(e) ? e : typeof e === 'object' && e !== null ? (e as Record<string, unknown>).float : undefined;
  } else {
    vectors = [o.embedding];
  }
  if (!Array.isArray(vectors) || vectors.length !== expected || !vectors.every(isNumberArray)) {
    throw new ModelResponseError(`The model's answer has no ${expected === 1 ? 'embedding' : `${expected} embeddings`} in it.`);
  }
  const tokens = typeof o.inputTextTokenCount === 'number' ? o.inputTextTokenCount : undefined;
  return { vectors, ...(tokens !== undefined ? { tokens } : {}) };
}

/** A copy of the body fit for display: long texts shortened. */
function displayBody(body: Record<string, unknown>): Record<string, unknown> {
  const short = (t: unknown) => (typeof t === 'string' && t.length > 200 ? `${t.slice(0, 200)}… (${t.length} characters)` : t);
  const out: Record<string, unknown> = { ...body };
  if ('inputText' in out) out.inputText = short(out.inputText);
  if (Array.isArray(out.texts)) out.texts = out.texts.map(short);
  return out;
}

/** Embeds the texts; `onProgress` hears (texts done, texts to send) after each call. */
export async function embedTexts(
  runtime: BedrockRuntimeClient,
  req: EmbeddingRequest,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<EmbeddingResult> {
  const { outcomes, sent } = planTexts(req.spec, req.texts);
  const vectors: (number[] | undefined)[] = req.texts.map(() => undefined);
  const batches: { index: number; text: string }[][] = [];
  for (let i = 0; i < sent.length; i += req.spec.maxBatch) batches.push(sent.slice(i, i + req.spec.maxBatch));
  let calls = 0;
  let done = 0;
  let tokens: number | undefined;
  let request: ApiRequestRecord | undefined;

  const runBatch = async (batch: { index: number; text: string }[]) => {
    if (signal?.aborted) throw abortError(signal);
    const body = embeddingBody(req, batch.map((b) => b.text));
    request ??= { operation: 'InvokeModel', modelId: req.invocationId, body: displayBody(body) };
    calls++;
    const { json, headers } = await invokeJson(runtime, req.invocationId, body, signal);
    const parsed = parseEmbeddings(req.spec, json, batch.length);
    batch.forEach((b, k) => { vectors[b.index] = parsed.vectors[k]; });
    const t = parsed.tokens ?? numericHeader(headers, 'x-amzn-bedrock-input-token-count');
    if (t !== undefined) tokens = (tokens ?? 0) + t;
    done += batch.length;
    onProgress?.(done, sent.length);
  };

  // Titan takes one text per call, so its calls run a few at a time; Cohere's batches go one by one.
  const parallel = req.spec.maxBatch === 1 ? TITAN_PARALLEL : 1;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await runBatch(batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));

  const dimensions = vectors.find((v) => v)?.length ?? req.dimensions ?? req.spec.defaultDimensions;
  return { vectors, outcomes, dimensions, calls, ...(tokens !== undefined ? { inputTokens: tokens } : {}), ...(request ? { request } : {}) };
}
