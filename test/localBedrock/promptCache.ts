// Prompt caching (Converse `cachePoint` blocks): which models take checkpoints, how many, in which
// fields, and what a request reads from or writes to the cache. The rules are Bedrock's, from the AWS
// user guide page "Prompt caching for faster model inference" (table "Supported models, Regions, and
// limits"); the stand-in's own part is only the cache itself (a set of prefix hashes per endpoint).
import { validation } from './errors';
import { modelError } from './modelRules';
import type { StandInModel } from './models';
import { countTokens, hash32 } from './tokens';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CacheRule {
  /** Minimum number of tokens per cache checkpoint. */
  minTokens: number;
  /** Maximum number of cache checkpoints per request. */
  maxPoints: number;
  /** Fields that accept prompt cache checkpoints. */
  fields: ReadonlyArray<'system' | 'messages' | 'tools'>;
}

const CLAUDE = (minTokens: number): CacheRule => ({ minTokens, maxPoints: 4, fields: ['system', 'messages', 'tools'] });
// Nova: "1K" minimum, 4 checkpoints, `system` and `messages` only (same table, footnotes 1 and 2).
const NOVA: CacheRule = { minTokens: 1000, maxPoints: 4, fields: ['system', 'messages'] };

/** By model id, from the AWS table; models not listed take no cachePoint. */
const RULES: Record<string, CacheRule> = {
  'anthropic.claude-3-5-sonnet-20241022-v2:0': CLAUDE(1024),
  'anthropic.claude-3-7-sonnet-20250219-v1:0': CLAUDE(1024),
  'anthropic.claude-opus-4-1-20250805-v1:0': CLAUDE(1024),
  'anthropic.claude-sonnet-4-5-20250929-v1:0': CLAUDE(4096),
  'anthropic.claude-haiku-4-5-20251001-v1:0': CLAUDE(4096),
  'amazon.nova-micro-v1:0': NOVA,
  'amazon.nova-lite-v1:0': NOVA,
  'amazon.nova-pro-v1:0': NOVA,
  'amazon.nova-premier-v1:0': NOVA,
};

export function cacheRule(model: StandInModel): CacheRule | undefined {
  return RULES[model.modelId];
}

/** One checkpoint: the tokens before it, and a key for the exact prefix. */
interface Checkpoint { tokens: number; key: string }

export interface CacheUsage { cacheReadInputTokens: number; cacheWriteInputTokens: number }

/** Tokens of one content block, as the stand-in's usage counts them (text and images; see README). */
function blockTokens(block: Json, imageTokens: number): number {
  if (typeof block.text === 'string') return countTokens(block.text);
  if (block.image !== undefined) return imageTokens;
  return 0;
}

/**
 * Finds the cachePoint blocks of a Converse body (tools, then system, then messages: the order Bedrock
 * reads a prompt in) and checks them against the model's rule. Returns the checkpoints in order.
 */
export function cacheCheckpoints(model: StandInModel, body: Json, imageTokens: number): Checkpoint[] {
  const points: Checkpoint[] = [];
  let tokens = 0;
  let prefix = model.modelId;
  const rule = cacheRule(model);
  const visit = (field: 'system' | 'messages' | 'tools', block: unknown): void => {
    if (!isObj(block)) return;
    if (block.cachePoint !== undefined) {
      // The wording of these two refusals: source not found (the rules are the AWS table's).
      if (!rule) throw validation("This model doesn't support prompt caching. Remove the cachePoint blocks and try again.");
      if (!rule.fields.includes(field)) throw validation(`This model doesn't support cache checkpoints in the ${field} field. Remove the cachePoint block from ${field} and try again.`);
      if (!isObj(block.cachePoint) || block.cachePoint.type !== 'default') {
        // SDK model: CachePointBlock.type is required, enum ["default"]. Wording: the Coral constraint format.
        throw validation(`1 validation error detected: Value '${JSON.stringify(isObj(block.cachePoint) ? block.cachePoint.type : null)}' at 'cachePoint.type' failed to satisfy constraint: Member must satisfy enum value set: [default]`);
      }
      points.push({ tokens, key: `${hash32(prefix)}:${prefix.length}` });
      return;
    }
    prefix += `\u0000${JSON.stringify(block)}`;
    tokens += field === 'tools' ? 0 : blockTokens(block, imageTokens);
  };
  const toolConfig = isObj(body.toolConfig) ? body.toolConfig : undefined;
  if (Array.isArray(toolConfig?.tools)) for (const t of toolConfig.tools) visit('tools', t);
  if (Array.isArray(body.system)) for (const s of body.system) visit('system', s);
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (!isObj(m) || !Array.isArray(m.content)) continue;
      prefix += `\u0000${String(m.role)}`;
      for (const b of m.content) visit('messages', b);
    }
  }
  if (rule && points.length > rule.maxPoints) {
    // Anthropic's refusal, passed on by Bedrock as the model's error ("A maximum of 4 blocks with
    // cache_control may be provided. Found 5.", quoted in many public trackers); Bedrock's exact
    // Converse wording for cachePoint blocks: not confirmed.
    throw modelError('converse', `A maximum of ${rule.maxPoints} blocks with cache_control may be provided. Found ${points.length}.`);
  }
  return points;
}

/** The cache of one endpoint: prefixes written by earlier requests. */
export class PromptCache {
  private readonly keys = new Set<string>();
  clear(): void { this.keys.clear(); }

  /**
   * Reads the longest prefix already cached and writes the rest up to the last checkpoint. A checkpoint
   * below the model's minimum (counted from the previous one) is ignored: "inference still succeeds but
   * your prefix isn't cached" (AWS user guide, prompt caching, "How it works").
   */
  use(model: StandInModel, points: readonly Checkpoint[]): CacheUsage {
    const rule = cacheRule(model);
    if (!rule || points.length === 0) return { cacheReadInputTokens: 0, cacheWriteInputTokens: 0 };
    const eligible: Checkpoint[] = [];
    let last = 0;
    for (const p of points) {
      if (p.tokens - last >= rule.minTokens) { eligible.push(p); last = p.tokens; }
    }
    let read = 0;
    for (const p of eligible) if (this.keys.has(p.key)) read = Math.max(read, p.tokens);
    const end = eligible.length ? eligible[eligible.length - 1]!.tokens : 0;
    for (const p of eligible) this.keys.add(p.key);
    return { cacheReadInputTokens: read, cacheWriteInputTokens: Math.max(0, end - read) };
  }
}
