// Errors the Bedrock layer raises itself (before or after the SDK), named so describeError can
// classify them by name like the SDK's own.

/** The request cannot be sent as asked (images to a text-only model, no prompt…). */
export class UnsupportedRequestError extends Error {
  override readonly name = 'UnsupportedRequestError';
  constructor(message: string, readonly parameter?: string) {
    super(message);
  }
}

/** The model answered but withheld its output (content filters). */
export class ContentFilteredError extends Error {
  override readonly name = 'ContentFilteredError';
}

/** The model answered with an error field instead of a result. */
export class ModelResponseError extends Error {
  override readonly name = 'ModelResponseError';
}

/** The endpoint override is not an http(s) URL: nothing is sent (the SDK would fail later, on credentials or DNS, and say so instead). */
export class InvalidEndpointError extends Error {
  override readonly name = 'InvalidEndpointError';
}

/** This machine: 127.0.0.0/8, localhost, ::1. Only there may an endpoint be plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * Throws InvalidEndpointError unless `endpoint` is an http(s) URL with a host, and https unless
 * the host is this machine: plain http elsewhere would carry signed requests, a bearer token and
 * the answers unencrypted.
 */
export function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try { url = new URL(endpoint); } catch { url = undefined; }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new InvalidEndpointError(`The endpoint "${endpoint.slice(0, 200)}" is not an http:// or https:// address.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InvalidEndpointError(`The endpoint "${endpoint.slice(0, 200)}" is not on this machine, so it must be an https:// address.`);
  }
}

/** Hosts of AWS service endpoints (public, dual-stack, FIPS, China, VPC interface endpoints). */
export function isAwsHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return ['.amazonaws.com', '.amazonaws.com.cn', '.api.aws'].some((suffix) => h.endsWith(suffix));
}

/** A Bedrock API key would go to an endpoint outside AWS that the user has not agreed to send it to. */
export class ApiKeyHostNotAllowedError extends Error {
  override readonly name = 'ApiKeyHostNotAllowedError';
  constructor(readonly host: string) {
    super(`Your Bedrock API key would be sent to ${host}, which is not an AWS host. Allow it with "Bedrock: Allow API Key for Endpoint", or change the bedrock.endpoint setting.`);
  }
}

/** Throws ApiKeyHostNotAllowedError unless `endpoint` is an AWS host or one of `allowed` (host names). */
export function checkApiKeyHost(endpoint: string, allowed: readonly string[]): void {
  const host = new URL(endpoint).hostname.toLowerCase();
  if (isAwsHost(host) || allowed.includes(host)) return;
  throw new ApiKeyHostNotAllowedError(host);
}

/** An abort, shaped like the SDK's own (name "AbortError"). */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  const err = new Error(reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'Request aborted');
  err.name = 'AbortError';
  return err;
}
