import type { BedrockErrorInfo, ErrorAction } from './types';
import { isValidRegionName } from './region';

// Every failure of the Bedrock layer in plain words, with the action that fixes it. Errors are
// classified by their name / code / HTTP status; a message is read only where Bedrock uses one
// code for several causes (ValidationException) or the SDK gives no code (credential providers).

export interface ErrorContext {
  region: string;
  profile?: string;
  endpoint?: string;
  local?: boolean;
  modelId?: string;
  /** The inference profile to use instead, when a profile-only model was called by id. */
  profileFor?: (modelId: string) => string | undefined;
  /** The call went to the AWS Price List (prices for costs), not to Bedrock. */
  pricing?: boolean;
}

interface ErrorShape {
  name: string;
  message: string;
  code?: string;
  status?: number;
  attempts?: number;
  parameter?: string;
}

/** Node's TLS verification failures. */
const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL', 'ERR_HTTP2_ERROR', 'ERR_HTTP2_INVALID_SESSION', 'UND_ERR_SOCKET',
]);

function shapeOf(err: unknown): ErrorShape {
  if (!(err instanceof Error) && (typeof err !== 'object' || err === null)) {
    return { name: 'Error', message: String(err) };
  }
  const e = err as Error & { code?: unknown; $metadata?: { httpStatusCode?: number; attempts?: number }; errors?: unknown[]; parameter?: string; cause?: unknown };
  let code = typeof e.code === 'string' ? e.code : undefined;
  // Node's happy-eyeballs connect wraps the per-address failures in an AggregateError.
  if (!code && Array.isArray(e.errors)) {
    code = e.errors.map((x) => (x as { code?: unknown }).code).find((c): c is string => typeof c === 'string');
  }
  if (!code && e.cause && typeof e.cause === 'object') {
    const c = (e.cause as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
  }
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(err),
    ...(code ? { code } : {}),
    ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    ...(e.$metadata?.attempts ? { attempts: e.$metadata.attempts } : {}),
    ...(typeof e.parameter === 'string' ? { parameter: e.parameter } : {}),
  };
}

/** The console's host for a Region; a value that is not a Region name never reaches a URL (the global console then). */
function consoleHost(region: string): string {
  if (!isValidRegionName(region)) return 'console.aws.amazon.com';
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  if (region.startsWith('cn-')) return 'console.amazonaws.cn';
  return `${region}.console.aws.amazon.com`;
}

export function modelAccessUrl(region: string): string {
  return `https://${consoleHost(region)}/bedrock/home${regionQuery(region)}#/modelaccess`;
}

export function guardrailsUrl(region: string): string {
  return `https://${consoleHost(region)}/bedrock/home${regionQuery(region)}#/guardrails`;
}

export function iamPoliciesUrl(region: string): string {
  const host = region.startsWith('us-gov-') ? 'console.amazonaws-us-gov.com' : region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com';
  return `https://${host}/iam/home#/policies`;
}

export function serviceQuotasUrl(region: string): string {
  return `https://${consoleHost(region)}/servicequotas/home/services/bedrock/quotas${regionQuery(region)}`;
}

function regionQuery(region: string): string {
  return isValidRegionName(region) ? `?region=${region}` : '';
}

/** Bedrock's messages name parameters in several ways: `at 'inferenceConfig.topP'`, `#/top_k`, "`temperature`". */
export function parameterFromMessage(message: string): string | undefined {
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [/at '([\w.[\]]+)'/, (m) => m[1]],
    [/#\/([\w/]+)/, (m) => m[1]?.replace(/\//g, '.')],
    [/`(\w+)`/, (m) => m[1]],
    [/\bmaximum tokens\b/i, () => 'maxTokens'],
    [/\bextraneous key \[([\w.]+)\]/, (m) => m[1]],
  ];
  for (const [re, pick] of patterns) {
    const m = re.exec(message);
    if (m) {
      const p = pick(m);
      if (p) return friendlyParameter(p);
    }
  }
  return undefined;
}

function friendlyParameter(p: string): string {
  const key = p.replace(/^inferenceConfig\./, '').replace(/^additionalModelRequestFields\./, '');
  const map: Record<string, string> = {
    top_p: 'topP', topP: 'topP', temperature: 'temperature', top_k: 'topK', topK: 'topK', 'inferenceConfig.topK': 'topK', k: 'topK',
    max_tokens: 'maxTokens', maxTokens: 'maxTokens', stopSequences: 'stopSequences',
  };
  return map[key] ?? key;
}

function info(kind: BedrockErrorInfo['kind'], message: string, detail: string, retryable: boolean, action?: ErrorAction, parameter?: string): BedrockErrorInfo {
  return { kind, message, detail, retryable, ...(action ? { action } : {}), ...(parameter ? { parameter } : {}) };
}

function credentialsAction(): ErrorAction {
  return { kind: 'configure', label: 'Choose an AWS profile', setting: 'bedrock.profile' };
}

/** The plain-language description of any error the Bedrock layer can throw. */
export function describeError(err: unknown, ctx: ErrorContext): BedrockErrorInfo {
  const e = shapeOf(err);
  const model = ctx.modelId ?? 'The model';
  const where = ctx.local ? `the local endpoint (${ctx.endpoint ?? ''})` : ctx.region;
  const detail = e.message;

  if (e.name === 'AbortError') return info('cancelled', 'Cancelled.', detail, true);

  switch (e.name) {
    case 'AccessDeniedException': {
      // One code for two causes: an IAM policy that denies the call, or model access not granted.
      const denied = /not authorized to perform:? ([\w-]+:[\w-]+)/i.exec(e.message)?.[1];
      if (ctx.pricing || denied?.toLowerCase().startsWith('pricing:')) {
        // Costs come from the AWS Price List API (GetProducts), which needs its own IAM action.
        return info('accessDenied', 'Costs are unavailable: your AWS identity may not call pricing:GetProducts (the AWS Price List). Add "pricing:GetProducts" to its IAM policy; chat works without it.', detail, false,
          { kind: 'openUrl', label: 'Open IAM policies', url: iamPoliciesUrl(ctx.region) });
      }
      if (denied) {
        // Converse with a guardrail is also checked against bedrock:ApplyGuardrail on the guardrail
        // (Bedrock user guide, "Set up permissions to use Amazon Bedrock Guardrails", section
        // "Permissions for invoking guardrails to filter content").
        const why = /ApplyGuardrail$/i.test(denied) ? ' A chat with a guardrail needs it too.' : '';
        return info('accessDenied', `Your AWS identity may not call ${denied} in ${ctx.region}: its IAM policy does not allow it.${why}`, detail, false,
          { kind: 'openUrl', label: 'Open IAM policies', url: iamPoliciesUrl(ctx.region) });
      }
      const whose = ctx.modelId ? `Access to ${ctx.modelId} is not granted` : 'Bedrock denied access: model access is not granted, or the IAM policy does not allow the call,';
      return info('accessDenied', `${whose} in ${ctx.region}.`, detail, false,
        { kind: 'openUrl', label: 'Open model access', url: modelAccessUrl(ctx.region) });
    }
    case 'ResourceNotFoundException':
      return info('notFound', `${model} is not available in ${where}.`, detail, false,
        { kind: 'configure', label: 'Change region', setting: 'bedrock.region' });
    case 'ThrottlingException': {
      const after = e.attempts ? ` after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}` : '';
      return info('throttled', `Bedrock throttled the request${after}.`, detail, true,
        { kind: 'openUrl', label: 'View Bedrock quotas', url: serviceQuotasUrl(ctx.region) });
    }
    case 'ServiceQuotaExceededException':
      return info('quota', `A Bedrock service quota in ${ctx.region} is exhausted.`, detail, false,
        { kind: 'openUrl', label: 'View Bedrock quotas', url: serviceQuotasUrl(ctx.region) });
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'RequestExpired':
    case 'TokenRefreshRequired':
      return expiredCredentials(ctx, detail);
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'IncompleteSignature':
    case 'InvalidClientTokenId':
      return info('credentials', 'AWS rejected the credentials.', detail, false, credentialsAction());
    case 'CredentialsProviderError':
    case 'TokenProviderError':
      return credentialsProviderError(e, ctx);
    case 'ValidationException':
      return validationError(e, ctx);
    case 'UnsupportedRequestError':
      return info('validation', e.message, detail, false, undefined, e.parameter);
    case 'ContentFilteredError':
      return info('contentFiltered', 'The model withheld its output: the content filters blocked it.', detail, false);
    case 'ModelTimeoutException':
    case 'TimeoutError':
      return info('timeout', `${model} did not answer in time.`, detail, true,
        { kind: 'configure', label: 'Raise the timeout', setting: 'bedrock.requestTimeoutSeconds' });
    case 'ModelErrorException':
    case 'ModelStreamErrorException':
    case 'ModelNotReadyException':
    case 'ModelResponseError':
      return info('modelError', `${model} failed while answering.`, detail, true, { kind: 'retry', label: 'Retry' });
    case 'InternalServerException':
    case 'ServiceUnavailableException':
      return serverError(e, detail);
    case 'InvalidRegionError':
      return info('validation', e.message, detail, false, { kind: 'configure', label: 'Set the Region', setting: 'bedrock.region' });
    case 'InvalidEndpointError':
      return info('network', `${e.message} Fix the bedrock.endpoint setting, or clear it to use AWS.`, detail, false,
        { kind: 'configure', label: 'Check the endpoint', setting: 'bedrock.endpoint' });
    case 'ApiKeyHostNotAllowedError':
      return info('credentials', e.message, detail, false, { kind: 'configure', label: 'Check the endpoint', setting: 'bedrock.endpoint' });
    case 'NetworkSettingError':
      return info('network', e.message, detail, false);
    case 'StreamInterruptedError':
      return info('network', 'The answer was cut off: the connection ended before the model finished.', detail, true, { kind: 'retry', label: 'Retry' });
    default:
      break;
  }

  if (e.code && CERTIFICATE_CODES.has(e.code)) return untrustedCertificate(ctx, e.code, detail);
  if (e.code && NETWORK_CODES.has(e.code)) return unreachable(ctx, detail);
  // The HTTP/2 handler reports a reset stream without a code.
  if (/HTTP\/2 stream is abnormally aborted|http2 request did not get a response/i.test(e.message)) return unreachable(ctx, detail);
  if (e.status !== undefined) {
    if (e.status === 403) return info('accessDenied', `Bedrock refused the request in ${ctx.region}.`, detail, false,
      { kind: 'openUrl', label: 'Open model access', url: modelAccessUrl(ctx.region) });
    if (e.status === 429) return info('throttled', 'Bedrock throttled the request.', detail, true);
    if (e.status >= 500) return serverError(e, detail);
    if (e.status >= 400) return info('validation', `Bedrock rejected the request: ${e.message}`, detail, false);
  }
  return info('unknown', e.message || 'Something went wrong.', `${e.name}: ${detail}`, false);
}

/** A certificate Node does not trust: a private CA (a company's TLS inspection, a gateway) the user must name. */
function untrustedCertificate(ctx: ErrorContext, code: string, detail: string): BedrockErrorInfo {
  const target = ctx.endpoint ?? `the Bedrock endpoint of ${ctx.region}`;
  return info('network', `The TLS certificate of ${target} is not trusted (${code}). If your network uses a private certificate authority, set AWS_CA_BUNDLE (or NODE_EXTRA_CA_CERTS) to its PEM file and restart VS Code; turning http.proxyStrictSSL off skips the check.`, detail, false,
    { kind: 'configure', label: 'Open http.proxyStrictSSL', setting: 'http.proxyStrictSSL' });
}

function serverError(e: ErrorShape, detail: string): BedrockErrorInfo {
  const after = e.attempts && e.attempts > 1 ? ` (after ${e.attempts} attempts)` : '';
  return info('server', `Bedrock failed on its side${after}. Try again in a moment.`, detail, true, { kind: 'retry', label: 'Retry' });
}

function unreachable(ctx: ErrorContext, detail: string): BedrockErrorInfo {
  const target = ctx.endpoint ?? `the Bedrock endpoint of ${ctx.region}`;
  return info('network', `Cannot reach ${target}.`, detail, true,
    ctx.endpoint ? { kind: 'configure', label: 'Check the endpoint', setting: 'bedrock.endpoint' } : { kind: 'retry', label: 'Retry' });
}

function expiredCredentials(ctx: ErrorContext, detail: string): BedrockErrorInfo {
  if (ctx.profile) {
    return info('ssoExpired', `The credentials of profile "${ctx.profile}" have expired.`, detail, false,
      { kind: 'ssoLogin', label: `Sign in (aws sso login --profile ${ctx.profile})`, profile: ctx.profile });
  }
  return info('credentials', 'The AWS credentials have expired.', detail, false, credentialsAction());
}

function credentialsProviderError(e: ErrorShape, ctx: ErrorContext): BedrockErrorInfo {
  // The credential providers throw one error class for every cause; only the text tells them apart.
  const m = e.message;
  if (/\bSSO\b|\bsso_|token is expired|session .*expired|refresh .*token/i.test(m)) {
    const profile = ctx.profile ?? /profile[ "]+([\w.@-]+)/i.exec(m)?.[1];
    if (profile) {
      return info('ssoExpired', `The SSO session of profile "${profile}" has expired or was never started.`, m, false,
        { kind: 'ssoLogin', label: `Sign in (aws sso login --profile ${profile})`, profile });
    }
  }
  if (ctx.profile && /could not be found|not found in|profile/i.test(m)) {
    return info('credentials', `AWS profile "${ctx.profile}" has no usable credentials.`, m, false, credentialsAction());
  }
  return info('credentials', 'No AWS credentials were found.', m, false, credentialsAction());
}

function validationError(e: ErrorShape, ctx: ErrorContext): BedrockErrorInfo {
  const m = e.message;
  const model = ctx.modelId ?? 'This model';
  // One code, several causes: Bedrock's own wording is the only discriminator.
  if (/on-demand throughput isn.t supported/i.test(m)) {
    const profile = ctx.modelId ? ctx.profileFor?.(ctx.modelId) : undefined;
    return info('onDemandNotSupported', `${model} runs only through an inference profile.`, m, false,
      profile ? { kind: 'useProfile', label: `Use ${profile}`, invocationId: profile } : undefined);
  }
  // Bedrock's answer to a guardrail id or version it does not know in this Region (guardrails are
  // regional): "The guardrail identifier or version provided in the request does not exist."
  // Quoted from real ValidationExceptions in public repositories' notes and code comments (found by
  // searching GitHub for the sentence); the ListGuardrails/GetGuardrail 404 is handled as notFound.
  if (/guardrail identifier or version provided .*does not exist|provided guardrail identifier is invalid/i.test(m)) {
    return info('validation', `The guardrail chosen for this chat does not exist in ${ctx.region} (a guardrail belongs to one Region), or that version was deleted. Choose another guardrail or version, or None.`, m, false,
      { kind: 'openUrl', label: 'Open guardrails', url: guardrailsUrl(ctx.region) });
  }
  if (/blocked by (our|the) content filters?/i.test(m)) {
    return info('contentFiltered', 'The content filters blocked the request. Rephrase the prompt and try again.', m, false);
  }
  if (/model identifier is invalid|model id .* (is )?invalid|provided model .* not (found|supported)/i.test(m)) {
    return info('notFound', `${model} is not available in ${ctx.region}.`, m, false,
      { kind: 'configure', label: 'Change region', setting: 'bedrock.region' });
  }
  const parameter = e.parameter ?? parameterFromMessage(m);
  const message = parameter ? `Bedrock rejected ${parameter}: ${m}` : `Bedrock rejected the request: ${m}`;
  return info('validation', message, m, false, undefined, parameter);
}
