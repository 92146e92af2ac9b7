import type {
  ApiRequestRecord, BedrockErrorInfo, Catalog, ChatEvent, ChatRequest, ConnectionSettings, GeneratedImage, ImageModelSpec,
  ImageRequest, ModelRecord, ParameterSpec, ResolvedInvocation,
} from './types';
import { ClientCache, connectionKey, DEFAULT_TIMEOUT_MS, type ClientPair } from './clients';
import { fetchCatalog, findInCatalog } from './catalog';
import { chat, type ChatContext } from './chat';
import { describeError } from './errors';
import { imageSpecFor } from './imageSpec';
import { applyGuardrail, listGuardrails, type GuardrailInfo, type GuardrailTestRequest, type GuardrailTestResult } from './guardrails';
import { embedTexts, type EmbeddingRequest, type EmbeddingResult } from './embeddings';
import { generateImages } from './images';
import { resolveInvocation, resolveRequested } from './invocation';
import { abortError } from './layerErrors';
import { silentLogger, type Logger } from './logger';
import { KnowledgeBasesService } from './knowledgeBasesService';
import { UsageService } from './usage/usageService';
import { parameterSpec } from './parameters';
import { loadControlSdk } from './sdk';
import { toolChat, type ToolChatEvent, type ToolChatRequest } from './toolChat';
import { TokenCounter, type CountInput } from './tokenCount';
import { LearnedRules, type LearnedRuleStore } from './learnedRules';
import { modelRules } from './families/registry';
import type { ModelRules } from './families/types';
import type { AnswerCost, UsageCounts } from './cost';
import { PriceService, type PriceStore, type StoredPrices } from './pricingService';
import { createPricingClient, fetchBedrockPrices } from './pricingClient';

/** Prices kept in memory only (tests, or a host that persists nothing). */
export function memoryPriceStore(): PriceStore {
  const map = new Map<string, StoredPrices>();
  return { get: (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
}

export type { Logger } from './logger';

// The facade the extension codes against: plain Node, no `vscode`. Clients and the catalog are
// created on first use (the SDK loads then, not at activation) and kept per connection.

/** Region, profile and endpoint: what decides which account and catalog we see. */
function identityKey(s: ConnectionSettings): string {
  return JSON.stringify([s.region, s.profile ?? '', s.endpoint ?? '', s.controlEndpoint ?? '', s.local === true, s.demo === true, s.apiKey?.fingerprint ?? '']);
}

/** Settles with `p`, or rejects with an AbortError as soon as `signal` aborts. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export class BedrockService {
  private current: ConnectionSettings;
  private readonly clients = new ClientCache((line) => this.logger.info(line));
  private catalogEntry: { key: string; promise: Promise<Catalog>; value?: Catalog } | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly tokenCounter = new TokenCounter();
  /** Knowledge bases: list, Retrieve, RetrieveAndGenerateStream (own clients, same connection settings). */
  readonly knowledgeBases: KnowledgeBasesService;
  /** CloudWatch's AWS/Bedrock metrics for the Usage view (own client, same connection settings). */
  readonly usage: UsageService;

  constructor(
    private readonly settings: () => ConnectionSettings,
    private readonly logger: Logger = silentLogger,
    /** What Bedrock refused per model, applied to every request and spec (in memory unless the host persists it). */
    readonly learnedRules: LearnedRuleStore = new LearnedRules(),
    /** Where the day's Price List prices are kept (globalState in the extension). */
    priceStore: PriceStore = memoryPriceStore(),
  ) {
    this.current = settings();
    this.knowledgeBases = new KnowledgeBasesService(() => this.current, logger);
    this.usage = new UsageService(() => this.current, logger);
    this.prices = new PriceService({
      store: priceStore,
      fetch: async (s) => {
        const client = await createPricingClient(s);
        try {
          return await fetchBedrockPrices(client, s.region);
        } finally {
          client.destroy();
        }
      },
      describeError: (err, s) => describeError(err, {
        region: s.region, pricing: true, ...(s.endpoint ? { endpoint: s.endpoint } : {}), ...(s.local ? { local: true } : {}),
      }),
      log: (line) => this.logger.info(line),
    });
  }

  private readonly prices: PriceService;

  /**
   * The cost of one answer from the AWS Price List (fetched on first need, kept for a day), by
   * the model's Region and the id invoked (a cross-Region profile is priced as Bedrock prices it).
   * Never throws: a Price List that cannot be read gives `status: 'unavailable'` and the reason.
   */
  priceAnswer(model: ModelRecord, usage: UsageCounts, invokedId?: string): Promise<AnswerCost> {
    return this.prices.costFor(this.current, { name: model.name, provider: model.provider }, usage, invokedId);
  }

  /** Re-reads settings(); if region/profile/endpoint changed, drops cached clients and the catalog and fires onDidChangeConnection. */
  settingsChanged(): void {
    const next = this.settings();
    const prev = this.current;
    this.current = next;
    if (connectionKey(next) === connectionKey(prev)) return;
    // Any client option changed (retries, timeout…): new clients for the next call.
    this.clients.retire();
    if (identityKey(next) === identityKey(prev)) return;
    this.catalogEntry = undefined;
    this.logger.info(`Bedrock connection: ${next.region}${next.profile ? `, profile ${next.profile}` : ''}${next.endpoint ? `, endpoint ${next.endpoint}` : ''}`);
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (err) {
        this.logger.error('A connection-change listener failed', err);
      }
    }
  }

  onDidChangeConnection(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The current settings (region, profile, local flag...). */
  get connection(): ConnectionSettings {
    return this.current;
  }

  /** Runs `fn` with the current clients, keeping them alive until it settles. */
  private withClients<T>(fn: (pair: ClientPair) => Promise<T>): Promise<T> {
    return this.clients.use(this.current, fn);
  }

  /**
   * Loads the SDK and makes the clients, with no request: a playground calls this once its page
   * is on the way, so the SDK's parse (about a second on a busy machine) overlaps the webview's
   * start instead of following its first request for the models.
   */
  prepare(): Promise<void> {
    return this.withClients(async () => undefined);
  }

  /** Both list calls (all pages) in parallel, merged; cached per connection until refresh. */
  catalog(opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<Catalog> {
    const key = identityKey(this.current);
    if (opts.refresh || !this.catalogEntry || this.catalogEntry.key !== key) {
      const started = Date.now();
      // Shared by every caller, so no one caller's signal may cancel it; each caller races its own.
      const promise = this.withClients((pair) => fetchCatalog(pair.control));
      const entry: { key: string; promise: Promise<Catalog>; value?: Catalog } = { key, promise };
      this.catalogEntry = entry;
      promise.then(
        (c) => {
          entry.value = c;
          this.logger.info(`Catalog: ${c.models.length} models, ${c.profiles.length} inference profiles in ${Date.now() - started} ms`);
          for (const w of c.warnings ?? []) this.logger.warn(w);
        },
        (err: unknown) => {
          // A failure is not cached: the next call tries again.
          if (this.catalogEntry === entry) this.catalogEntry = undefined;
          this.logger.warn(`Catalog failed: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
    }
    return raceAbort(this.catalogEntry.promise, opts.signal);
  }

  /** Accepts a model id, an inference profile id, or a model/profile ARN. */
  async findModel(idOrArn: string): Promise<ModelRecord | undefined> {
    return findInCatalog(await this.catalog(), idOrArn);
  }

  /** GetFoundationModel, as returned (plain JSON) for "Show Details". */
  modelDetails(modelId: string, signal?: AbortSignal): Promise<unknown> {
    return this.withClients(async ({ control }) => {
      const { GetFoundationModelCommand } = await loadControlSdk();
      const res = await control.send(new GetFoundationModelCommand({ modelIdentifier: modelId }), { abortSignal: signal });
      // Dates become ISO strings, as on the wire.
      return JSON.parse(JSON.stringify(res.modelDetails ?? {})) as unknown;
    });
  }

  resolveInvocation(model: ModelRecord): ResolvedInvocation {
    return resolveInvocation(model, this.current.region);
  }

  /** The registry's parameters for the model, with what Bedrock taught us about it on top. */
  parameterSpec(model: ModelRecord): ParameterSpec {
    return parameterSpec(model, this.learnedRules.get(model.id));
  }

  /** Everything the registry knows about the model, with its sources. */
  modelRules(model: ModelRecord): ModelRules {
    return modelRules(model);
  }

  /**
   * Streams (ConverseStream / InvokeModelWithResponseStream) or not (Converse / InvokeModel).
   * First event is always {type:'request'}; then 'retry'* / 'text' / 'reasoning'; then 'stop',
   * 'usage', 'metrics'. Throws on failure (after any partial text events); aborting the signal
   * ends the HTTP/2 stream and throws an AbortError.
   */
  chat(request: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatEvent> {
    return chat(request, this.chatContext(request), signal);
  }

  /**
   * chat() with content blocks: text, images, tool calls and tool results, and tools offered as
   * toolConfig (src/bedrock/toolChat.ts). Same events, plus a 'toolUse' event per tool call.
   */
  toolChat(request: ToolChatRequest, signal?: AbortSignal): AsyncIterable<ToolChatEvent> {
    return toolChat(request, this.chatContext(request), signal);
  }

  /**
   * What one chat call needs: the id to invoke and a runtime client held (acquired on first use)
   * until the call ends, so a settings change mid-stream never destroys the client under it.
   */
  private chatContext(request: { model: ModelRecord; invocationId?: string }): ChatContext {
    const invocation = request.invocationId ? resolveRequested(request.invocationId) : this.resolveInvocation(request.model);
    const settings = this.current;
    let entry: ReturnType<ClientCache['acquire']> | undefined;
    return {
      invocation,
      requestTimeoutMs: settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      logger: this.logger,
      learned: this.learnedRules,
      runtime: async () => {
        entry ??= this.clients.acquire(settings);
        return (await entry.pair).runtime;
      },
      dispose: () => {
        if (entry) this.clients.release(entry);
        entry = undefined;
      },
    };
  }

  /** The account's guardrails in this Region, each with its versions (ListGuardrails). */
  listGuardrails(signal?: AbortSignal): Promise<GuardrailInfo[]> {
    return this.withClients((pair) => listGuardrails(pair.control, signal));
  }

  /** ApplyGuardrail: checks a text against a guardrail, no model called. */
  applyGuardrail(request: GuardrailTestRequest, signal?: AbortSignal): Promise<GuardrailTestResult> {
    return this.withClients((pair) => applyGuardrail(pair.runtime, request, signal));
  }

  imageSpec(model: ModelRecord): ImageModelSpec {
    return imageSpecFor(model);
  }

  generateImages(request: ImageRequest, signal?: AbortSignal): Promise<{ images: GeneratedImage[]; request: ApiRequestRecord }> {
    const modelId = this.resolveInvocation(request.model).invocationId;
    return this.withClients((pair) => generateImages(pair.runtime, request, modelId, signal));
  }

  /** Text embeddings through InvokeModel, in batches the model takes; `onProgress` hears (texts done, texts sent). */
  embed(request: EmbeddingRequest, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<EmbeddingResult> {
    return this.withClients((pair) => embedTexts(pair.runtime, request, signal, onProgress));
  }

  /**
   * Bedrock's exact input-token count for this input (CountTokens), or undefined where the model has
   * none: then callers use an estimate and say so. Kept per text; Bedrock errors are thrown.
   */
  countTokens(model: ModelRecord, input: CountInput, signal?: AbortSignal): Promise<number | undefined> {
    if (!TokenCounter.available(model)) return Promise.resolve(undefined);
    return this.withClients((pair) => this.tokenCounter.count(async () => pair.runtime, identityKey(this.current), model, input, signal));
  }

  /** Any error thrown by the methods above → plain words + action. */
  describeError(err: unknown, context: { modelId?: string } = {}): BedrockErrorInfo {
    const s = this.current;
    return describeError(err, {
      region: s.region,
      ...(s.profile ? { profile: s.profile } : {}),
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      ...(s.local ? { local: true } : {}),
      ...(context.modelId ? { modelId: context.modelId } : {}),
      profileFor: (modelId) => this.profileFor(modelId),
    });
  }

  /** The inference profile to call a model through, from the catalog already loaded. */
  private profileFor(modelId: string): string | undefined {
    const catalog = this.catalogEntry?.value;
    const model = catalog ? findInCatalog(catalog, modelId) : undefined;
    if (!model) return undefined;
    const asProfileOnly: ModelRecord = { ...model, inferenceTypes: ['INFERENCE_PROFILE'] };
    const resolved = resolveInvocation(asProfileOnly, this.current.region);
    return model.profiles.some((p) => p.id === resolved.invocationId) ? resolved.invocationId : undefined;
  }

  /** Closes the clients (extension deactivation, tests). */
  dispose(): void {
    this.clients.retire();
    this.knowledgeBases.dispose();
    this.usage.dispose();
    this.listeners.clear();
  }
}
