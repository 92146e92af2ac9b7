// The knowledge-base half of the Bedrock facade: BedrockService.knowledgeBases. Keeps its own
// agent / agent-runtime clients per connection (created on first use, so the SDK loads then).
import { askStream, listKnowledgeBases, retrieve, type AskEvent, type AskParams, type KnowledgeBaseSummary, type RetrievedChunk, type RetrieveParams } from './knowledgeBases';
import { KnowledgeBaseClientCache } from './knowledgeBasesClients';
import { silentLogger, type Logger } from './logger';
import type { ConnectionSettings } from './types';

export class KnowledgeBasesService {
  private readonly clients = new KnowledgeBaseClientCache();

  constructor(private readonly settings: () => ConnectionSettings, private readonly logger: Logger = silentLogger) {}

  /** ListKnowledgeBases, all pages, sorted by name. */
  async list(signal?: AbortSignal): Promise<KnowledgeBaseSummary[]> {
    const started = Date.now();
    const kbs = await this.clients.use(this.settings(), (c) => listKnowledgeBases(c.agent, signal));
    this.logger.info(`Knowledge bases: ${kbs.length} listed in ${Date.now() - started} ms`);
    return kbs;
  }

  retrieve(params: RetrieveParams, signal?: AbortSignal): Promise<RetrievedChunk[]> {
    return this.clients.use(this.settings(), (c) => retrieve(c.agentRuntime, params, signal));
  }

  /** RetrieveAndGenerateStream; the clients stay alive until the stream ends. */
  async *ask(params: AskParams, signal?: AbortSignal): AsyncGenerator<AskEvent> {
    const lease = await this.clients.acquire(this.settings());
    try {
      yield* askStream(lease.clients.agentRuntime, params, signal);
    } finally {
      lease.release();
    }
  }

  dispose(): void {
    this.clients.retire();
  }
}
