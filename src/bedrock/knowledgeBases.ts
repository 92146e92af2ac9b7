// Knowledge Bases for Amazon Bedrock: list them (all pages), Retrieve chunks, and
// RetrieveAndGenerateStream an answer with its citations. SDK shapes stay in here; callers get
// plain data (types below) that can cross into the webview as is.
import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import type {
  BedrockAgentRuntimeClient, RetrievalResultLocation, RetrievedReference, RetrieveAndGenerateStreamResponseOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { abortError } from './layerErrors';
import { loadAgentRuntimeSdk, loadAgentSdk } from './sdk';
import type { ModelRecord } from './types';

export interface KnowledgeBaseSummary {
  id: string;
  name: string;
  description?: string;
  status: string;
  /** ISO date. */
  updatedAt?: string;
}

/** Where a chunk came from; `uri` is an S3 URI or a web URL when the source has one. */
export interface ChunkSource {
  type: string;
  uri?: string;
}

export interface RetrievedChunk {
  text: string;
  /** Relevance as the vector store reports it (absent in citations). */
  score?: number;
  source: ChunkSource;
  /** The chunk id from the metadata, when given (links citations to retrieved chunks). */
  chunkId?: string;
}

export interface RetrieveParams { knowledgeBaseId: string; query: string; numberOfResults: number }

export interface AskParams extends RetrieveParams {
  /** The model that writes the answer: a foundation-model or inference-profile ARN (or id). */
  modelArn: string;
  /** Continues a conversation when given. */
  sessionId?: string;
}

export interface Citation {
  /** Span of the answer text this citation covers (inclusive end, as the API gives it). */
  start: number;
  end: number;
  references: RetrievedChunk[];
}

export type AskEvent =
  | { type: 'session'; sessionId: string }
  | { type: 'text'; text: string }
  | { type: 'citation'; citation: Citation }
  | { type: 'guardrail'; action: string };

/** Every knowledge base of the account and Region (follows nextToken). */
export async function listKnowledgeBases(agent: BedrockAgentClient, signal?: AbortSignal): Promise<KnowledgeBaseSummary[]> {
  const { ListKnowledgeBasesCommand } = await loadAgentSdk();
  const out: KnowledgeBaseSummary[] = [];
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    const res = await agent.send(new ListKnowledgeBasesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }), { abortSignal: signal });
    for (const kb of res.knowledgeBaseSummaries ?? []) {
      if (!kb.knowledgeBaseId) continue;
      out.push({
        id: kb.knowledgeBaseId,
        name: kb.name ?? kb.knowledgeBaseId,
        ...(kb.description ? { description: kb.description } : {}),
        status: kb.status ?? 'UNKNOWN',
        ...(kb.updatedAt ? { updatedAt: kb.updatedAt.toISOString() } : {}),
      });
    }
    nextToken = res.nextToken;
    // A service repeating a token would loop forever.
    if (nextToken && seen.has(nextToken)) break;
    if (nextToken) seen.add(nextToken);
  } while (nextToken);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The source of a chunk: S3 URI, web URL, or the type of the other connectors. */
export function chunkSource(location: RetrievalResultLocation | undefined): ChunkSource {
  if (!location) return { type: 'UNKNOWN' };
  const type = location.type ?? 'UNKNOWN';
  const uri = location.s3Location?.uri ?? location.webLocation?.url ?? location.confluenceLocation?.url ?? location.salesforceLocation?.url
    ?? location.sharePointLocation?.url ?? location.kendraDocumentLocation?.uri ?? location.customDocumentLocation?.id;
  return { type, ...(uri ? { uri } : {}) };
}

function chunkOf(ref: Pick<RetrievedReference, 'content' | 'location' | 'metadata'>, score?: number): RetrievedChunk {
  const chunkId = ref.metadata?.['x-amz-bedrock-kb-chunk-id'];
  return {
    text: ref.content?.text ?? '',
    ...(score !== undefined ? { score } : {}),
    source: chunkSource(ref.location),
    ...(typeof chunkId === 'string' ? { chunkId } : {}),
  };
}

export async function retrieve(runtime: BedrockAgentRuntimeClient, p: RetrieveParams, signal?: AbortSignal): Promise<RetrievedChunk[]> {
  const { RetrieveCommand } = await loadAgentRuntimeSdk();
  const res = await runtime.send(new RetrieveCommand({
    knowledgeBaseId: p.knowledgeBaseId,
    retrievalQuery: { text: p.query },
    retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: p.numberOfResults } },
  }), { abortSignal: signal });
  return (res.retrievalResults ?? []).map((r) => chunkOf(r, r.score));
}

/** The ARN RetrieveAndGenerate wants for a catalog model, called the way chat calls it. */
export function generationModelArn(model: ModelRecord, invocationId: string): string {
  if (invocationId === model.id) return model.arn || invocationId;
  return model.profiles.find((p) => p.id === invocationId)?.arn ?? invocationId;
}

function eventOf(e: RetrieveAndGenerateStreamResponseOutput): AskEvent | undefined {
  if (e.output) return { type: 'text', text: e.output.text ?? '' };
  if (e.citation) {
    // The top-level members replaced the nested `citation`; read either.
    const part = e.citation.generatedResponsePart ?? e.citation.citation?.generatedResponsePart;
    const refs = e.citation.retrievedReferences ?? e.citation.citation?.retrievedReferences ?? [];
    const span = part?.textResponsePart?.span;
    return { type: 'citation', citation: { start: span?.start ?? 0, end: span?.end ?? 0, references: refs.map((r) => chunkOf(r)) } };
  }
  if (e.guardrail) return { type: 'guardrail', action: e.guardrail.action ?? 'INTERVENED' };
  // Modeled exceptions inside the stream are thrown by the SDK's deserializer; nothing else is expected.
  return undefined;
}

/** Streams the answer: first the session, then text and citation events in the order they arrive. */
export async function* askStream(runtime: BedrockAgentRuntimeClient, p: AskParams, signal?: AbortSignal): AsyncGenerator<AskEvent> {
  const { RetrieveAndGenerateStreamCommand } = await loadAgentRuntimeSdk();
  const res = await runtime.send(new RetrieveAndGenerateStreamCommand({
    input: { text: p.query },
    ...(p.sessionId ? { sessionId: p.sessionId } : {}),
    retrieveAndGenerateConfiguration: {
      type: 'KNOWLEDGE_BASE',
      knowledgeBaseConfiguration: {
        knowledgeBaseId: p.knowledgeBaseId,
        modelArn: p.modelArn,
        retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: p.numberOfResults } },
      },
    },
  }), { abortSignal: signal });
  if (res.sessionId) yield { type: 'session', sessionId: res.sessionId };
  if (!res.stream) return;
  for await (const e of res.stream) {
    if (signal?.aborted) throw abortError(signal);
    const ev = eventOf(e);
    if (ev) yield ev;
  }
  // An aborted HTTP/2 stream may simply end: that is a cancellation, not a complete answer.
  if (signal?.aborted) throw abortError(signal);
}
