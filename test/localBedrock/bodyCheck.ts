// Validation of models' own InvokeModel bodies, with Bedrock's JSON-schema style messages
// ("Malformed input request: #/temperature: 1.5 is not less or equal to 1, please reformat ...").
import { malformed } from './converseRequest';

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class BodyCheck {
  constructor(readonly body: Json, private readonly path = '#') {}

  /** Rejects keys the model's schema does not have. */
  only(keys: string[]): this {
    for (const k of Object.keys(this.body)) if (!keys.includes(k)) throw malformed(`${this.path}: extraneous key [${k}] is not permitted`);
    return this;
  }

  required(key: string): unknown {
    const v = this.body[key];
    if (v === undefined || v === null) throw malformed(`${this.path}: required key [${key}] not found`);
    return v;
  }

  string(key: string, opts: { required?: boolean; maxLength?: number; minLength?: number } = {}): string | undefined {
    const v = opts.required ? this.required(key) : this.body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw malformed(`${this.path}/${key}: expected type: String, found: ${typeName(v)}`);
    if (opts.minLength !== undefined && v.length < opts.minLength) throw malformed(`${this.path}/${key}: expected minLength: ${opts.minLength}, actual: ${v.length}`);
    if (opts.maxLength !== undefined && v.length > opts.maxLength) throw malformed(`${this.path}/${key}: expected maxLength: ${opts.maxLength}, actual: ${v.length}`);
    return v;
  }

  number(key: string, min: number, max: number, opts: { integer?: boolean; required?: boolean } = {}): number | undefined {
    const v = opts.required ? this.required(key) : this.body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || Number.isNaN(v)) throw malformed(`${this.path}/${key}: expected type: Number, found: ${typeName(v)}`);
    if (opts.integer && !Number.isInteger(v)) throw malformed(`${this.path}/${key}: expected type: Integer, found: Number`);
    if (v < min) throw malformed(`${this.path}/${key}: ${v} is not greater or equal to ${min}`);
    if (v > max) throw malformed(`${this.path}/${key}: ${v} is not less or equal to ${max}`);
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], opts: { required?: boolean } = {}): T | undefined {
    const v = opts.required ? this.required(key) : this.body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !allowed.includes(v as T)) throw malformed(`${this.path}/${key}: ${JSON.stringify(v)} is not a valid enum value`);
    return v as T;
  }

  strings(key: string, maxItems = 1000): string[] {
    const v = this.body[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw malformed(`${this.path}/${key}: expected type: JSONArray of String`);
    if (v.length > maxItems) throw malformed(`${this.path}/${key}: expected maximum item count: ${maxItems}, found: ${v.length}`);
    return v as string[];
  }

  array(key: string, opts: { required?: boolean; minItems?: number; maxItems?: number } = {}): unknown[] {
    const v = opts.required ? this.required(key) : this.body[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw malformed(`${this.path}/${key}: expected type: JSONArray, found: ${typeName(v)}`);
    if (opts.minItems !== undefined && v.length < opts.minItems) throw malformed(`${this.path}/${key}: expected minimum item count: ${opts.minItems}, found: ${v.length}`);
    if (opts.maxItems !== undefined && v.length > opts.maxItems) throw malformed(`${this.path}/${key}: expected maximum item count: ${opts.maxItems}, found: ${v.length}`);
    return v;
  }

  object(key: string, opts: { required?: boolean } = {}): BodyCheck {
    const v = opts.required ? this.required(key) : this.body[key];
    if (v === undefined || v === null) return new BodyCheck({}, `${this.path}/${key}`);
    if (!isObj(v)) throw malformed(`${this.path}/${key}: expected type: JSONObject, found: ${typeName(v)}`);
    return new BodyCheck(v, `${this.path}/${key}`);
  }
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'JSONArray';
  if (v === null) return 'Null';
  if (typeof v === 'object') return 'JSONObject';
  return typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'String';
}
