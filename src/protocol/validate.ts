// Small composable type guards for messages that cross the webview boundary. Every message
// is `unknown` until one of these accepts it. Shared by the host and the webview (pure code,
// no DOM and no `vscode`), and by every protocol module of the playground (chat, images...).

export type Guard<T> = (v: unknown) => v is T;

/** Type a guard checks, for `type X = Guarded<typeof isX>`. */
export type Guarded<G> = G extends Guard<infer T> ? T : never;

/** Keys that must never be read from or copied out of an untrusted object. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A plain object (not null, not an array) whose own keys include none of the prototype-polluting names. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const key of Object.keys(v)) if (POISON_KEYS.has(key)) return false;
  return true;
}

/** Own property read that never walks the prototype chain (so `toString` etc. are not "present"). */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export const isString = (maxLength: number): Guard<string> => (v): v is string => typeof v === 'string' && v.length <= maxLength;

export const isNonEmptyString = (maxLength: number): Guard<string> => (v): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= maxLength;

export const isNumber = (min: number, max: number): Guard<number> => (v): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

export const isInteger = (min: number, max: number): Guard<number> => (v): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export const isBoolean: Guard<boolean> = (v): v is boolean => typeof v === 'boolean';

export function isOneOf<const T extends readonly string[]>(values: T): Guard<T[number]> {
  const set = new Set<string>(values);
  return (v): v is T[number] => typeof v === 'string' && set.has(v);
}

export function isLiteral<const T extends string | number | boolean>(value: T): Guard<T> {
  return (v): v is T => v === value;
}

export function isArrayOf<T>(item: Guard<T>, maxItems: number): Guard<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.length <= maxItems && v.every((x) => item(x));
}

export function isOptional<T>(g: Guard<T>): Guard<T | undefined> {
  return (v): v is T | undefined => v === undefined || g(v);
}

export function isEither<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return (v): v is A | B => a(v) || b(v);
}

type Shape = Record<string, Guard<unknown>>;
type ShapeType<S extends Shape> = { [K in keyof S]: Guarded<S[K]> };

/**
 * An object with exactly the listed fields checked (unknown extra fields are allowed and ignored,
 * so a newer webview can talk to an older host). Optional fields use `isOptional`.
 */
export function isShape<S extends Shape>(shape: S): Guard<ShapeType<S>> {
  const entries = Object.entries(shape);
  return (v): v is ShapeType<S> => {
    if (!isRecord(v)) return false;
    for (const [key, guard] of entries) if (!guard(own(v, key))) return false;
    return true;
  };
}

/** Any JSON-like value (for opaque payloads such as an API request body): bounded depth, no poison keys. */
export function isJsonValue(maxDepth = 32): Guard<unknown> {
  const check = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (depth >= maxDepth) return false;
    if (Array.isArray(v)) return v.every((x) => check(x, depth + 1));
    if (!isRecord(v)) return false;
    return Object.values(v).every((x) => x === undefined || check(x, depth + 1));
  };
  return (v): v is unknown => check(v, 0);
}
