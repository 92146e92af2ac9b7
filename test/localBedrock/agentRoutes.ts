// Which agent / agent-runtime operation a request is, for the endpoint's router. Paths are those
// of the SDK's own serializers (@aws-sdk/client-bedrock-agent and -agent-runtime).
import { getKnowledgeBase, listKnowledgeBases } from './agentControl';
import { retrieve, retrieveAndGenerate, retrieveAndGenerateStream, type AgentContext } from './agentRuntime';
import { sendJson } from './errors';
import { parseJsonObject } from './operation';
import type { Exchange } from './transport';

export interface AgentRoute {
  operation: string;
  /** The knowledge base the call is about (logged as the request's modelId). */
  target?: string;
  run(ctx: AgentContext): Promise<void>;
}

export function agentRoute(ex: Exchange, segments: string[]): AgentRoute | undefined {
  const [a, b, c] = segments;
  if (a === 'knowledgebases') {
    if (ex.method === 'POST' && segments.length === 1) {
      return { operation: 'ListKnowledgeBases', run: async (ctx) => sendJson(ctx.ex, 200, listKnowledgeBases(parseJsonObject(ctx.ex.body))) };
    }
    if (ex.method === 'GET' && b !== undefined && segments.length === 2) {
      return { operation: 'GetKnowledgeBase', target: b, run: async (ctx) => sendJson(ctx.ex, 200, getKnowledgeBase(b, ctx.region)) };
    }
    if (ex.method === 'POST' && b !== undefined && c === 'retrieve' && segments.length === 3) {
      return { operation: 'Retrieve', target: b, run: (ctx) => retrieve(ctx, b) };
    }
  }
  if (ex.method === 'POST' && segments.length === 1 && a === 'retrieveAndGenerate') return { operation: 'RetrieveAndGenerate', run: retrieveAndGenerate };
  if (ex.method === 'POST' && segments.length === 1 && a === 'retrieveAndGenerateStream') return { operation: 'RetrieveAndGenerateStream', run: retrieveAndGenerateStream };
  return undefined;
}
