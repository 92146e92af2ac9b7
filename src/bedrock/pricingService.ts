// Prices for costs: fetched from the AWS Price List on first need, kept for a day in a store that
// survives a reload (the host gives VS Code's globalState), and turned into the cost of an answer.
// Never throws into the chat: a Price List that cannot be read gives a cost "unavailable" with
// the reason in plain words, and the next answer tries again after a short pause.
import { type AnswerCost, costOf, PriceBook, type UsageCounts } from './cost';
import type { PriceRow } from './priceList';
import { pricingEndpointFor } from './pricingClient';
import type { BedrockErrorInfo, ConnectionSettings } from './types';

/** Prices are fetched again after a day. */
export const PRICE_TTL_MS = 24 * 60 * 60 * 1000;
/** After a failure, the Price List is asked again no sooner than this. */
export const PRICE_RETRY_MS = 60 * 1000;

export interface StoredPrices {
  fetchedAt: number;
  rows: PriceRow[];
}

/** Where the day's prices are kept (globalState in the extension; a Map in tests). */
export interface PriceStore {
  get(key: string): StoredPrices | undefined;
  set(key: string, value: StoredPrices): Thenable<void> | Promise<void>;
}

export interface PriceServiceDeps {
  store: PriceStore;
  fetch(settings: ConnectionSettings): Promise<PriceRow[]>;
  describeError(err: unknown, settings: ConnectionSettings): BedrockErrorInfo;
  log?(line: string): void;
  now?(): number;
}

export class PriceService {
  private readonly inFlight = new Map<string, Promise<PriceBook>>();
  private readonly failures = new Map<string, { at: number; info: BedrockErrorInfo }>();

  constructor(private readonly deps: PriceServiceDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** One cache entry per Price List source and Region: AWS's, or the endpoint override's. */
  static keyFor(s: ConnectionSettings): string {
    return `prices/${pricingEndpointFor(s) ?? 'aws'}/${s.region}`;
  }

  /** The day's prices of the connection's Region, fetched when none are kept or they are older than a day. */
  async book(s: ConnectionSettings): Promise<PriceBook> {
    const key = PriceService.keyFor(s);
    const kept = this.deps.store.get(key);
    if (kept && Array.isArray(kept.rows) && this.now() - kept.fetchedAt < PRICE_TTL_MS && kept.fetchedAt <= this.now()) {
      return new PriceBook(s.region, kept.rows, kept.fetchedAt);
    }
    const failed = this.failures.get(key);
    if (failed && this.now() - failed.at < PRICE_RETRY_MS) throw new PricesUnavailable(failed.info);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.load(key, s).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async load(key: string, s: ConnectionSettings): Promise<PriceBook> {
    try {
      const rows = await this.deps.fetch(s);
      const fetchedAt = this.now();
      await this.deps.store.set(key, { fetchedAt, rows });
      this.failures.delete(key);
      this.deps.log?.(`Prices: ${rows.length} on-demand token prices of Bedrock in ${s.region} read from the ${s.local ? 'local endpoint (stand-in prices)' : 'AWS Price List'}; kept for a day.`);
      return new PriceBook(s.region, rows, fetchedAt);
    } catch (err) {
      const info = this.deps.describeError(err, s);
      this.failures.set(key, { at: this.now(), info });
      this.deps.log?.(`Prices: the AWS Price List could not be read (${info.message}) ${info.detail}`);
      throw new PricesUnavailable(info);
    }
  }

  /** The cost of one answer; never throws. */
  async costFor(s: ConnectionSettings, model: { name: string; provider?: string }, usage: UsageCounts, invokedId?: string): Promise<AnswerCost> {
    try {
      return costOf(usage, await this.book(s), model, invokedId);
    } catch (err) {
      const info = err instanceof PricesUnavailable ? err.info : this.deps.describeError(err, s);
      return { status: 'unavailable', reason: `Cost unavailable: ${info.message}` };
    }
  }
}

export class PricesUnavailable extends Error {
  constructor(readonly info: BedrockErrorInfo) {
    super(info.message);
  }
}
