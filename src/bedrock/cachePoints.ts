import type { ParameterSpec } from './families/types';

// Where Converse `cachePoint` blocks go: after the system prompt, and at the end of the last user
// messages (the conversation prefix the next request repeats), within the model's limit of cache points
// and only in the fields it accepts them in (AWS user guide, "Prompt caching for faster model inference":
// "Maximum number of cache checkpoints per request", "Fields that accept prompt cache checkpoints").

export const CACHE_POINT = { cachePoint: { type: 'default' as const } };

export interface CachePlaces {
  /** A cache point closes the system prompt. */
  system: boolean;
  /** Indexes of the messages whose content ends with a cache point. */
  messages: number[];
}

export function cachePlaces(spec: NonNullable<ParameterSpec['promptCache']>, hasSystem: boolean, roles: ReadonlyArray<'user' | 'assistant'>): CachePlaces {
  let left = spec.maxPoints;
  const system = hasSystem && spec.fields.includes('system') && left > 0;
  if (system) left--;
  const messages: number[] = [];
  if (spec.fields.includes('messages')) {
    // The latest user message (read by the next request) and the one before it (written by the previous
    // request, read by this one); the rest of the prefix is covered by those.
    for (let i = roles.length - 1; i >= 0 && left > 0 && messages.length < 2; i--) {
      if (roles[i] === 'user') { messages.unshift(i); left--; }
    }
  }
  return { system, messages };
}

/** Adds the cache points to a request and its record (same places in both). */
export function addCachePoints<S, M extends { content?: unknown[] }>(
  spec: NonNullable<ParameterSpec['promptCache']> | undefined,
  system: S[] | undefined,
  messages: Array<M & { role?: string }>,
): void {
  if (!spec) return;
  const places = cachePlaces(spec, !!system?.length, messages.map((m) => (m.role === 'assistant' ? 'assistant' : 'user')));
  if (places.system) system!.push(CACHE_POINT as S);
  for (const i of places.messages) messages[i]!.content?.push(CACHE_POINT);
}
