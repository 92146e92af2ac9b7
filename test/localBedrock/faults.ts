// Fault injection: tests arm a fault for an operation (or "*"); each matching request consumes one.
import { BedrockError, validation } from './errors';

export type FaultKind =
  | 'throttle' | 'accessDenied' | 'serverError' | 'serviceUnavailable' | 'expiredToken'
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
}

const KINDS: FaultKind[] = ['throttle', 'accessDenied', 'serverError', 'serviceUnavailable', 'expiredToken', 'dropAfterEvents', 'streamException', 'delayFirstEvent'];
const STREAM_EXCEPTIONS = ['modelStreamErrorException', 'throttlingException', 'validationException', 'internalServerException', 'serviceUnavailableException', 'modelTimeoutException'];

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
  return {
    operation: typeof o.operation === 'string' && o.operation ? o.operation : '*',
    fault, times: num(o.times, 'times', 1), afterEvents: num(o.afterEvents, 'afterEvents', 0),
    delayMs: num(o.delayMs, 'delayMs', 1000), exception,
    message: typeof o.message === 'string' ? o.message : undefined,
    ...(typeof o.modelId === 'string' && o.modelId ? { modelId: o.modelId } : {}),
  };
}

/** Faults that fail the request before any response is written. */
export function upfrontError(f: Fault): BedrockError | undefined {
  switch (f.fault) {
    case 'throttle': return new BedrockError('ThrottlingException', f.message ?? 'Too many requests, please wait before trying again.');
    case 'accessDenied': return new BedrockError('AccessDeniedException', f.message ?? "You don't have access to the model with the specified model ID.");
    case 'serverError': return new BedrockError('InternalServerException', f.message ?? 'The server encountered an internal error while processing the request.');
    case 'serviceUnavailable': return new BedrockError('ServiceUnavailableException', f.message ?? 'The service is temporarily unavailable. Please try again later.');
    case 'expiredToken': return new BedrockError('ExpiredTokenException', f.message ?? 'The security token included in the request is expired');
    default: return undefined;
  }
}

export class FaultStore {
  private faults: Fault[] = [];
  add(f: Fault): void { this.faults.push(f); }
  clear(): void { this.faults = []; }
  list(): Fault[] { return this.faults; }
  /** Takes the first fault armed for this operation (or "*") and model (if it names one), using up one of its `times`. */
  take(operation: string, modelId?: string): Fault | undefined {
    const i = this.faults.findIndex((f) => (f.operation === operation || f.operation === '*') && (!f.modelId || f.modelId === modelId));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.times > 0) {
      f.times -= 1;
      if (f.times === 0) this.faults.splice(i, 1);
    }
    return f;
  }
}
