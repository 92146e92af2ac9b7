// What a runtime operation handler gets: the exchange, the endpoint state, the fault it drew.
import { resolveTarget } from './catalog';
import { malformed } from './converseRequest';
import type { Fault } from './faults';
import type { StandInModel } from './models';
import type { LoggedRequest } from './requestLog';
import type { EndpointState } from './state';
import type { Exchange } from './transport';

export interface OperationContext {
  ex: Exchange;
  state: EndpointState;
  fault: Fault | undefined;
  started: number;
  region: string;
  modelId: string;
  /** This request's entry in the request log (streams note their first token's time there). */
  logged?: LoggedRequest;
  /** The target model (throws Bedrock's error for unknown ids and bare profile-only ids). */
  model(): StandInModel;
  /** The request body as a JSON object (throws a ValidationException when it is not one). */
  json(): Record<string, unknown>;
}

export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8') || '{}');
  } catch (e) {
    throw malformed(`JSON parse error: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw malformed('#: expected type: JSONObject');
  return v as Record<string, unknown>;
}

export function makeContext(ex: Exchange, state: EndpointState, fault: Fault | undefined, region: string, modelId: string, logged?: LoggedRequest): OperationContext {
  let parsed: Record<string, unknown> | undefined;
  return {
    ex, state, fault, region, modelId, started: Date.now(), ...(logged ? { logged } : {}),
    model: () => resolveTarget(modelId, region).model,
    json: () => (parsed ??= parseJsonObject(ex.body)),
  };
}
