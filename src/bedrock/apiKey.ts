// A Bedrock API key held so that it cannot be printed by accident: the value sits in a private
// field, which JSON.stringify, util.inspect and string conversion never reach. Only the client
// factory calls reveal(), to hand the key to the SDK as its bearer token. Plain Node: no `vscode`.
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import type { ApiKeyRef } from './types';

const SHOWN = '[Bedrock API key]';

/**
 * Why a pasted value is not a Bedrock API key, or undefined when it can be one. Keys are printable
 * ASCII without spaces (long-term keys start `ABSK`, short-term ones `bedrock-api-key-`); the
 * check never echoes the value.
 */
export function apiKeyProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Paste the API key created in the Amazon Bedrock console.';
  if (v.length < 20) return 'That is too short for a Bedrock API key.';
  if (v.length > 8192) return 'That is too long for a Bedrock API key.';
  if (!/^[\x21-\x7e]+$/.test(v)) return 'A Bedrock API key has no spaces, line breaks or non-ASCII characters.';
  return undefined;
}

export class ApiKey implements ApiKeyRef {
  readonly #value: string;
  /** Identifies the key for the client cache (a new key, new clients) without containing it. */
  readonly fingerprint: string;

  constructor(value: string) {
    const problem = apiKeyProblem(value);
    if (problem) throw new Error(problem);
    this.#value = value.trim();
    this.fingerprint = createHash('sha256').update(this.#value).digest('hex').slice(0, 16);
  }

  /** The key itself: for the SDK's token option only. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return SHOWN;
  }

  toJSON(): string {
    return SHOWN;
  }

  [inspect.custom](): string {
    return SHOWN;
  }
}
