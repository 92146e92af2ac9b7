// Fault injection: tests arm a fault for an operation (or "*"); each matching request consumes one.
import { BedrockError, validation } from './errors';

export type FaultKind =
  | 'throttle' | 'accessDenied' | 'serverError' | 'serviceUnavailable' | 'expiredToken' | 'validation'
  | 'dropAfterEvents' | 'streamException' | 'delayFirstEvent';

export interface Fault {
  operation: string;
  fault: FaultKind;
  /** How many requests it applies to (default 1; -1 = until cleared). */
  times: number;
  /** dropAfterEvents / streamException: events sent before it strikes (default 0). */
  afterEvents: number;
  /** delayFirstEvent: milliseconds before the first event (default 1000). */
  delayMs: number;
  /** streamException: which in-stream exception (default modelStreamErrorException). */
  exception: string;
  message?: string;
  /** Only requests for this model id (as invoked); any model when absent. */
  modelId?: string;
  /**
   * validation: a dot path into the JSON request body (`inferenceConfig.temperature`, `messages.0.content`);
   * the fault strikes only requests where that field is present, and others pass without using it up.
   */
  whenField?: string;
}

const KINDS: FaultKind[] = ['throttle', 'accessDenied', 'serverError', 'serviceUnavailable', 'expiredToken', 'validation', 'dropAfterEvents', 'streamException', 'delayFirstEvent'];
const STREAM_EXCEPTIONS = ['modelStreamErrorException', 'throttlingException', 'validationException', 'internalServerException', 'serviceUnavailableException', 'modelTimeoutException'];
/**
 * ConverseStreamOutput's exception members are internalServerException, modelStreamErrorException,
 * validationException, throttlingException and serviceUnavailableException; modelTimeoutException is a
 * member of InvokeModelWithResponseStream's ResponseStream only (bedrock-runtime service model, botocore).
 */
const NOT_IN_CONVERSE_STREAM = 'modelTimeoutException';
/** The usual Bedrock schema refusal (aws-samples/amazon-bedrock-client-for-mac#12 quotes it). */
const DEFAULT_VALIDATION_MESSAGE = 'Malformed input request, please reformat your input and try again.';

function num(v: unknown, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw validation(`${name} must be an integer`);
  return v;
}

export function parseFault(raw: unknown): Fault {
  if (!raw || typeof raw !== 'object') throw validation('fault body must be a JSON object');
  const o = raw as Record<string, unknown>;
  const fault = o.fault as FaultKind;
  if (!KINDS.includes(fault)) throw validation(`fault must be one of ${KINDS.join(', ')}`);
  const exception = typeof o.exception === 'string' ? o.exception : 'modelStreamErrorException';
  if (!STREAM_EXCEPTIONS.includes(exception)) throw validation(`exception must be one of ${STREAM_EXCEPTIONS.join(', ')}`);
  const operation = typeof o.operation === 'string' && o.operation ? o.operation : '*';
  if (fault === 'streamException' && exception === NOT_IN_CONVERSE_STREAM && operation === 'ConverseStream') {
    throw validation('ConverseStream never sends modelTimeoutException (it is an InvokeModelWithResponseStream event); arm it for InvokeModelWithResponseStream.');
  }
  if (o.whenField !== undefined && (fault !== 'validation' || typeof o.whenField !== 'string' || !/^[^.]+(\.[^.]+)*$/.test(o.whenField))) {
    throw validation('whenField is a dot path into the request body (e.g. "inferenceConfig.temperature"), for the validation fault only');
  }
  return {
    operation, fault, times: num(o.times, 'times', 1), afterEvents: num(o.afterEvents, 'afterEvents', 0),
    delayMs: num(o.delayMs, 'delayMs', 1000), exception,
    message: typeof o.message === 'string' ? o.message : undefined,
    ...(typeof o.modelId === 'string' && o.modelId ? { modelId: o.modelId } : {}),
    ...(typeof o.whenField === 'string' ? { whenField: o.whenField } : {}),
  };
}

/** True when the dot path names a field present in the body (numeric parts index arrays; null counts as present). */
export function hasField(body: unknown, path: string): boolean {
  let v: unknown = body;
  for (const part of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, part)) v = (v as Record<string, unknown>)[part];
    else return false;
    if (v === undefined) return false;
  }
  return true;
}

/** Whether an armed fault applies to this request (operation, model, body condition, stream exception kind). */
function applies(f: Fault, operation: string, modelId: string | undefined, body: unknown): boolean {
  if (f.operation !== operation && f.operation !== '*') return false;
  if (f.modelId && f.modelId !== modelId) return false;
  if (f.whenField !== undefined && !hasField(body, f.whenField)) return false;
  // A "*" streamException of kind modelTimeoutException passes ConverseStream by: it cannot happen there.
  if (f.fault === 'streamException' && f.exception === NOT_IN_CONVERSE_STREAM && operation === 'ConverseStream') return false;
  return true;
}

/** Faults that fail the request before any response is written. */
export function upfrontError(f: Fault): BedrockError | undefined {
  switch (f.fault) {
    case 'throttle': return new BedrockError('ThrottlingException', f.message ?? 'Too many requests, please wait before trying again.');
    case 'accessDenied': return new BedrockError('AccessDeniedException', f.message ?? "You don't have access to the model with the specified model ID.");
    case 'serverError': return new BedrockError('InternalServerException', f.message ?? 'The server encountered an internal error while processing the request.');
    case 'serviceUnavailable': return new BedrockError('ServiceUnavailableException', f.message ?? 'The service is temporarily unavailable. Please try again later.');
    case 'expiredToken': return new BedrockError('ExpiredTokenException', f.message ?? 'The security token included in the request is expired');
    case 'validation': return new BedrockError('ValidationException', f.message ?? DEFAULT_VALIDATION_MESSAGE);
    default: return undefined;
  }
}

export class FaultStore {
  private faults: Fault[] = [];
  add(f: Fault): void { this.faults.push(f); }
  clear(): void { this.faults = []; }
  list(): Fault[] { return this.faults; }
  /**
   * Takes the first fault that applies to this request: armed for its operation (or "*"), its model
   * (if the fault names one), and a field of its body (if the fault names one); uses up one of its `times`.
   */
  take(operation: string, modelId?: string, body?: unknown): Fault | undefined {
    const i = this.faults.findIndex((f) => applies(f, operation, modelId, body));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.times > 0) {
      f.times -= 1;
      if (f.times === 0) this.faults.splice(i, 1);
    }
    return f;
  }
}
