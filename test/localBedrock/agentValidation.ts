// Request checks of the Agents for Bedrock services, with their message style
// ("1 validation error detected: Value '0' at 'x.y' failed to satisfy constraint: ...").
import { malformed } from './converseRequest';
import { validation } from './errors';
import type { Json } from './bodyCheck';

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const constraint = (path: string, value: unknown, rule: string) =>
  validation(`1 validation error detected: Value '${typeof value === 'string' ? value : JSON.stringify(value)}' at '${path}' failed to satisfy constraint: ${rule}`);

/** The object at `path` of `body` (`a.b.c`), or undefined. */
export function at(body: Json, path: string): unknown {
  let v: unknown = body;
  for (const k of path.split('.')) v = isObj(v) ? v[k] : undefined;
  return v;
}

export function requireObject(body: Json, path: string): Json {
  const v = at(body, path);
  if (v === undefined || v === null) throw constraint(path, null, 'Member must not be null');
  if (!isObj(v)) throw malformed(`Unexpected value at ${path}: expected an object`);
  return v;
}

export function requireText(body: Json, path: string, maxLength: number): string {
  const v = at(body, path);
  if (v === undefined || v === null) throw constraint(path, null, 'Member must not be null');
  if (typeof v !== 'string') throw malformed(`Unexpected value at ${path}: expected a string`);
  if (v.length < 1) throw constraint(path, v, 'Member must have length greater than or equal to 1');
  if (v.length > maxLength) throw constraint(path, `${v.slice(0, 20)}…`, `Member must have length less than or equal to ${maxLength}`);
  return v;
}

export function optionalInteger(body: Json, path: string, min: number, max: number): number | undefined {
  const v = at(body, path);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw malformed(`Unexpected value at ${path}: expected an integer`);
  if (v < min) throw constraint(path, v, `Member must have value greater than or equal to ${min}`);
  if (v > max) throw constraint(path, v, `Member must have value less than or equal to ${max}`);
  return v;
}

export function optionalString(body: Json, path: string, maxLength: number): string | undefined {
  const v = at(body, path);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw malformed(`Unexpected value at ${path}: expected a string`);
  if (v.length > maxLength) throw constraint(path, `${v.slice(0, 20)}…`, `Member must have length less than or equal to ${maxLength}`);
  return v;
}
