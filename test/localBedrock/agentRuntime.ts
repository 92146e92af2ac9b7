// Agents for Bedrock Runtime (`bedrock-agent-runtime`, restJson; the SDK talks HTTP/2 to it):
// Retrieve, RetrieveAndGenerate, and RetrieveAndGenerateStream (an event stream of `output` text
// and `citation` events). Answers are built from the retrieved chunks, so they are deterministic.
import { randomUUID } from 'node:crypto';
import { resolveTarget } from './catalog';
import { findKnowledgeBase, indexText, search, type ScoredChunk, type StandInKnowledgeBase } from './corpus';
import { BedrockError, sendJson, validation } from './errors';
import { eventFrame } from './eventStream';
import type { Fault } from './faults';
import { parseJsonObject } from './operation';
import type { LoggedRequest } from './requestLog';
import type { EndpointState } from './state';
import { beforeSingleResponse, sendEventStream, type PlannedEvent } from './streaming';
import { deltaGroups, splitTokens } from './tokens';
import type { Exchange } from './transport';
import { optionalInteger, optionalString, requireObject, requireText } from './agentValidation';
import type { Json } from './bodyCheck';

/** Longest query text accepted (the stand-in's choice; Bedrock's own limit is larger). */
const MAX_QUERY = 20_000;
const SESSION_HEADER = 'x-amzn-bedrock-knowledge-base-session-id';

export interface AgentContext { ex: Exchange; state: EndpointState; fault: Fault | undefined; region: string; logged?: LoggedRequest }

function knowledgeBase(id: string): StandInKnowledgeBase {
  const kb = findKnowledgeBase(id);
  if (!kb) throw new BedrockError('ResourceNotFoundException', `Knowledge base with id ${id} does not exist`);
  return kb;
}

function reference(r: ScoredChunk): Json {
  const c = r.chunk;
  const uri = c.location.type === 'S3' ? c.location.s3Location.uri : c.location.webLocation.url;
  return {
    content: { type: 'TEXT', text: c.text },
    location: c.location,
    metadata: { 'x-amz-bedrock-kb-source-uri': uri, 'x-amz-bedrock-kb-chunk-id': c.chunkId, 'x-amz-bedrock-kb-data-source-id': c.dataSourceId },
  };
}

function numberOfResults(config: Json | undefined, path: string): number {
  if (!config) return 5;
  return optionalInteger(config, path, 1, 100) ?? 5;
}

export async function retrieve(ctx: AgentContext, knowledgeBaseId: string): Promise<void> {
  const body = parseJsonObject(ctx.ex.body);
  const kb = knowledgeBase(knowledgeBaseId);
  const query = requireText(body, 'retrievalQuery.text', MAX_QUERY);
  const n = numberOfResults(body, 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults');
  optionalString(body, 'retrievalConfiguration.vectorSearchConfiguration.overrideSearchType', 16);
  const results = search(kb, query, n).map((r) => ({ ...reference(r), score: r.score }));
  if (!(await beforeSingleResponse(ctx))) return;
  sendJson(ctx.ex, 200, { retrievalResults: results });
}

interface RagRequest { query: string; kb: StandInKnowledgeBase; n: number; sessionId: string }

function ragRequest(ctx: AgentContext): RagRequest {
  const body = parseJsonObject(ctx.ex.body);
  const query = requireText(body, 'input.text', MAX_QUERY);
  const config = requireObject(body, 'retrieveAndGenerateConfiguration');
  const type = requireText(config, 'type', 32);
  if (type !== 'KNOWLEDGE_BASE') throw validation(`The stand-in answers only KNOWLEDGE_BASE retrieve-and-generate configurations, not ${type}.`);
  const kbConfig = requireObject(config, 'knowledgeBaseConfiguration');
  const kb = knowledgeBase(requireText(kbConfig, 'knowledgeBaseId', 10));
  const modelArn = requireText(kbConfig, 'modelArn', 2048);
  const model = resolveTarget(modelArn, ctx.region).model;
  if (!model.outputModalities.includes('TEXT') || model.family === 'titanEmbed' || model.family === 'cohereEmbed') {
    throw validation(`The model ${model.modelId} cannot generate text; choose a text model for retrieve and generate.`);
  }
  const n = numberOfResults(kbConfig, 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults');
  const sessionId = optionalString(body, 'sessionId', 100) ?? randomUUID();
  return { query, kb, n, sessionId };
}

const topicWords = (s: string) => new Set(indexText(s).split(' '));

/** The sentence of the chunk sharing most topic words with the question (the first on a tie), and how many it shares. */
function bestSentence(text: string, query: string): { sentence: string; shared: number } {
  const q = topicWords(query);
  const sentences = text.match(/[^.!?]+[.!?]+/g)?.map((s) => s.trim()) ?? [text];
  let best = { sentence: sentences[0]!, shared: -1 };
  for (const sentence of sentences) {
    const shared = [...topicWords(sentence)].filter((w) => q.has(w)).length;
    if (shared > best.shared) best = { sentence, shared };
  }
  return best;
}

interface AnswerPart { text: string; start: number; end: number; source: ScoredChunk }

/** One cited sentence per relevant retrieved chunk (at most three), joined into the answer. */
function answer(r: RagRequest): { text: string; parts: AnswerPart[] } {
  const parts: AnswerPart[] = [];
  let text = '';
  for (const source of search(r.kb, r.query, r.n).slice(0, 3)) {
    const { sentence, shared } = bestSentence(source.chunk.text, r.query);
    // Like a model told to use the sources: a chunk with nothing on the question is left out (the best one never is).
    if (parts.length > 0 && shared === 0) continue;
    if (parts.some((p) => p.text === sentence)) continue;
    const start = text.length ? text.length + 1 : 0;
    text = text ? `${text} ${sentence}` : sentence;
    parts.push({ text: sentence, start, end: text.length - 1, source });
  }
  return { text, parts };
}

function citation(p: AnswerPart): Json {
  return { generatedResponsePart: { textResponsePart: { text: p.text, span: { start: p.start, end: p.end } } }, retrievedReferences: [reference(p.source)] };
}

export async function retrieveAndGenerate(ctx: AgentContext): Promise<void> {
  const r = ragRequest(ctx);
  const a = answer(r);
  if (!(await beforeSingleResponse(ctx))) return;
  sendJson(ctx.ex, 200, { sessionId: r.sessionId, output: { text: a.text }, citations: a.parts.map(citation) });
}

export async function retrieveAndGenerateStream(ctx: AgentContext): Promise<void> {
  const r = ragRequest(ctx);
  const a = answer(r);
  const events: PlannedEvent[] = [];
  a.parts.forEach((p, i) => {
    // The space between sentences belongs to the next sentence's output, as the text is joined.
    const tokens = splitTokens(i === 0 ? p.text : ` ${p.text}`);
    for (const g of deltaGroups(tokens)) events.push({ frame: () => eventFrame('output', { text: g.join('') }), tokens: g.length });
    const c = citation(p);
    events.push({ frame: () => eventFrame('citation', { citation: c, ...c }), tokens: 0 });
  });
  await sendEventStream(ctx.ex, events, ctx.fault, ctx.state, { [SESSION_HEADER]: r.sessionId }, ctx.logged);
}
