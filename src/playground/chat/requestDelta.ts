// A saved answer's API request, stored as what it added to the request before it. Each request of
// a chat repeats the whole history (Converse `messages`, or a model's own `prompt` string), so
// storing every one in full makes a conversation's file grow with the square of its turns. A patch
// keeps only what differs from the previous request's body, and applying it gives back the same
// JSON, key order included, so "View API request" and "Copy as code" show exactly what was sent.

/** How one JSON value differs from the value at the same place in the previous request. */
export type Patch =
  /** The same as before. */
  | ['=']
  /** A new value, stored in full. */
  | ['v', unknown]
  /** An array: the first `n` elements of the previous one, then these elements. */
  | ['a', number, unknown[]]
  /** A string: the first `n` characters of the previous one, then this text. */
  | ['s', number, string]
  /** An object: each key (in this order) patched against the previous value of that key. */
  | ['o', Array<[string, Patch]>];

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of two JSON values (key order counts: it changes the bytes shown). */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson(a[k], b[k]));
  }
  return false;
}

/** The patch that turns `prev` into `next`. Linear in the size of the two values. */
export function diffJson(prev: Json, next: Json): Patch {
  if (sameJson(prev, next)) return ['='];
  if (Array.isArray(prev) && Array.isArray(next)) {
    let n = 0;
    while (n < prev.length && n < next.length && sameJson(prev[n], next[n])) n++;
    return n > 0 ? ['a', n, next.slice(n)] : ['v', next];
  }
  if (typeof prev === 'string' && typeof next === 'string') {
    let n = 0;
    const max = Math.min(prev.length, next.length);
    while (n < max && prev.charCodeAt(n) === next.charCodeAt(n)) n++;
    return n > 0 ? ['s', n, next.slice(n)] : ['v', next];
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    return ['o', Object.keys(next).map((k) => [k, Object.hasOwn(prev, k) ? diffJson(prev[k], next[k]) : ['v', next[k]]])];
  }
  return ['v', next];
}

/** Applies a patch made by diffJson to the same `prev`; throws on a patch that does not fit it. */
export function applyPatch(prev: Json, patch: Patch): Json {
  switch (patch[0]) {
    case '=': return prev;
    case 'v': return patch[1];
    case 'a': {
      if (!Array.isArray(prev) || prev.length < patch[1]) throw new Error('array patch does not fit');
      return [...prev.slice(0, patch[1]), ...patch[2]];
    }
    case 's': {
      if (typeof prev !== 'string' || prev.length < patch[1]) throw new Error('string patch does not fit');
      return prev.slice(0, patch[1]) + patch[2];
    }
    case 'o': {
      if (!isPlainObject(prev)) throw new Error('object patch does not fit');
      const out: Record<string, Json> = {};
      for (const [k, p] of patch[1]) {
        // defineProperty: a key named "__proto__" stays a key.
        Object.defineProperty(out, k, { value: applyPatch(Object.hasOwn(prev, k) ? prev[k] : undefined, p), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** A stored patch is checked before it is used: a file edited by hand must not throw later. */
export function isPatch(v: unknown, depth = 0): v is Patch {
  if (!Array.isArray(v) || depth > 64) return false;
  switch (v[0]) {
    case '=': return v.length === 1;
    case 'v': return v.length === 2;
    case 'a': return v.length === 3 && Number.isSafeInteger(v[1]) && (v[1] as number) >= 0 && Array.isArray(v[2]);
    case 's': return v.length === 3 && Number.isSafeInteger(v[1]) && (v[1] as number) >= 0 && typeof v[2] === 'string';
    case 'o': return v.length === 2 && Array.isArray(v[1]) && (v[1] as unknown[]).every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isPatch(e[1], depth + 1));
    default: return false;
  }
}
