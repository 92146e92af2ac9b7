// Bedrock's error shapes: HTTP status, `x-amzn-errortype`, JSON `{message}`.
import { randomUUID } from 'node:crypto';
import type { Exchange } from './transport';

export type BedrockErrorType =
  | 'ValidationException' | 'AccessDeniedException' | 'ResourceNotFoundException' | 'ThrottlingException'
  | 'InternalServerException' | 'ServiceUnavailableException' | 'ExpiredTokenException'
  | 'ModelErrorException' | 'ModelTimeoutException' | 'UnknownOperationException';

const STATUS: Record<BedrockErrorType, number> = {
  ValidationException: 400, AccessDeniedException: 403, ResourceNotFoundException: 404, ThrottlingException: 429,
  InternalServerException: 500, ServiceUnavailableException: 503, ExpiredTokenException: 403,
  ModelErrorException: 424, ModelTimeoutException: 408, UnknownOperationException: 404,
};

/** Thrown by validators and handlers; the router turns it into Bedrock's error response. */
export class BedrockError extends Error {
  readonly status: number;
  constructor(readonly type: BedrockErrorType, message: string) {
    super(message);
    this.status = STATUS[type];
  }
}

export const validation = (message: string): BedrockError => new BedrockError('ValidationException', message);

export function sendJson(ex: Exchange, status: number, body: unknown, extra: Record<string, string> = {}): void {
  ex.respond(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...extra });
  ex.end(JSON.stringify(body));
}

export function sendError(ex: Exchange, err: BedrockError): void {
  const extra: Record<string, string> = { 'x-amzn-errortype': `${err.type}:http://internal.amazon.com/coral/com.amazon.bedrock/` };
  sendJson(ex, err.status, { message: err.message }, extra);
}
