// Maps each request to its Bedrock operation, logs it, applies armed faults, and turns thrown
// BedrockErrors into Bedrock's error responses.
import { getFoundationModel, getInferenceProfile, listFoundationModels, listInferenceProfiles } from './catalog';
import { handleControl } from './control';
import { listGuardrails } from './guardrails';
import { applyGuardrail } from './guardrailRuntime';
import { converse, converseStream } from './converse';
import { countTokensOperation } from './countTokens';
import { agentRoute } from './agentRoutes';
import { BedrockError, sendError, sendJson } from './errors';
import { CLOUDWATCH_TARGET, CloudWatchError, cloudWatchFault, handleCloudWatch, sendCloudWatchError } from './cloudWatch';
import { upfrontError } from './faults';
import { invokeModel, invokeModelWithResponseStream } from './invoke';
import { priceListRoute } from './priceListRoute';
import { makeContext, parseJsonObject, type OperationContext } from './operation';
import { elideImages, type LoggedRequest, parseAttempt } from './requestLog';
import { converseStreamWithTools, converseWithTools, withToolUse } from './toolUse';
import type { EndpointState } from './state';
import type { Exchange } from './transport';

type Runtime = (ctx: OperationContext) => Promise<void>;
const RUNTIME: Record<string, [string, Runtime]> = {
  converse: ['Converse', withToolUse(converse, converseWithTools)],
  'converse-stream': ['ConverseStream', withToolUse(converseStream, converseStreamWithTools)],
  invoke: ['InvokeModel', invokeModel],
  'invoke-with-response-stream': ['InvokeModelWithResponseStream', invokeModelWithResponseStream],
  'count-tokens': ['CountTokens', countTokensOperation],
};

/** The region of the SigV4 credential scope (the stand-in serves every region). */
function regionOf(ex: Exchange): string {
  return /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(ex.headers.authorization ?? '')?.[1] ?? 'us-east-1';
}

function loggedBody(ex: Exchange): unknown {
  if (ex.method === 'GET') return Object.fromEntries(ex.query);
  const text = ex.body.toString('utf8');
  try {
    return elideImages(JSON.parse(text));
  } catch {
    return text.length > 2000 ? `<${text.length} chars, not JSON>` : text;
  }
}

export interface RouterOptions {
  /** Serve /_local (tests' control of faults, replies and the log); off in the demo. */
  controlRoutes: boolean;
}

export function createRouter(state: EndpointState, opts: RouterOptions = { controlRoutes: true }): (ex: Exchange) => void {
  return (ex) => {
    route(ex, state, opts).catch((err: unknown) => {
      if (ex.responded) ex.abort(); // mid-stream: the status is gone, so break the stream instead
      else if (err instanceof BedrockError) sendError(ex, err);
      else if (err instanceof CloudWatchError) sendCloudWatchError(ex, err);
      else sendError(ex, new BedrockError('InternalServerException', `Local endpoint failure: ${(err as Error).message}`));
    });
  };
}

async function route(ex: Exchange, state: EndpointState, opts: RouterOptions): Promise<void> {
  const segments = ex.rawPath.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === '_local' && opts.controlRoutes) return handleControl(ex, state, segments.slice(1).join('/'));

  let operation: string | undefined;
  let modelId: string | undefined;
  let run: (() => Promise<void>) | undefined;
  const region = regionOf(ex);
  const [a, b, c] = segments;
  const target = ex.headers['x-amz-target'];
  const isCloudWatch = ex.method === 'POST' && segments.length === 0 && target?.startsWith(CLOUDWATCH_TARGET) === true;
  if (isCloudWatch && target) {
    // CloudWatch (AWS JSON 1.0): the Usage view's metrics, computed from this log.
    const name = target.slice(CLOUDWATCH_TARGET.length);
    operation = name;
    run = async () => handleCloudWatch(ex, name, state.log.list());
  } else if (ex.method === 'POST' && a === 'model' && b !== undefined && c !== undefined && RUNTIME[c] && segments.length === 3) {
    const [name, handler] = RUNTIME[c];
    operation = name;
    modelId = b;
    const id = b;
    run = () => handler(makeContext(ex, state, fault, region, id, logged));
  } else if (ex.method === 'GET' && a === 'foundation-models' && segments.length <= 2) {
    operation = b === undefined ? 'ListFoundationModels' : 'GetFoundationModel';
    modelId = b;
    run = async () => sendJson(ex, 200, b === undefined ? listFoundationModels(ex.query, region) : getFoundationModel(b, region));
  } else if (ex.method === 'GET' && a === 'inference-profiles' && segments.length <= 2) {
    operation = b === undefined ? 'ListInferenceProfiles' : 'GetInferenceProfile';
    modelId = b;
    run = async () => sendJson(ex, 200, b === undefined ? listInferenceProfiles(ex.query, region) : getInferenceProfile(b, region));
  } else if (ex.method === 'GET' && a === 'guardrails' && segments.length === 1) {
    operation = 'ListGuardrails';
    run = async () => sendJson(ex, 200, listGuardrails(ex.query, region));
  } else if (ex.method === 'POST' && a === 'guardrail' && b !== undefined && c === 'version' && segments[3] !== undefined && segments[4] === 'apply' && segments.length === 5) {
    operation = 'ApplyGuardrail';
    modelId = b;
    const version = segments[3];
    run = async () => applyGuardrail(ex, b, version, parseJsonObject(ex.body));
  } else {
    const price = priceListRoute(ex, segments); // the Price List: awsJson1_1 on POST /
    const agent = price ? undefined : agentRoute(ex, segments); // knowledge bases: agent and agent-runtime operations
    if (price) {
      operation = price.operation;
      run = price.run;
    } else if (agent) {
      operation = agent.operation;
      modelId = agent.target;
      run = () => agent.run({ ex, state, fault, region, logged });
    }
  }
  if (!operation || !run) {
    throw new BedrockError('UnknownOperationException', `The stand-in has no operation for ${ex.method} ${ex.rawPath}.`);
  }
  const logged: LoggedRequest = {
    operation, ...(modelId !== undefined ? { modelId } : {}), body: loggedBody(ex), time: new Date().toISOString(),
    receivedAt: performance.timeOrigin + performance.now(),
    attempt: parseAttempt(ex.headers['amz-sdk-request']), protocol: ex.protocol,
  };
  state.log.add(logged);
  // The status and duration of what was served, for the CloudWatch metrics computed from the log.
  const respond = ex.respond.bind(ex);
  ex.respond = (status, headers) => {
    logged.status ??= status;
    respond(status, headers);
  };
  const started = Date.now();
  // The logged body keeps every field (images only shortened), so faults with a whenField can look at it.
  const fault = state.faults.take(operation, modelId, logged.body);
  const bedrockEarly = fault && upfrontError(fault);
  // CloudWatch answers in its own shape: an armed accessDenied is its missing-permission refusal.
  const early = bedrockEarly && isCloudWatch ? cloudWatchFault(bedrockEarly, operation) : bedrockEarly;
  try {
    if (early) throw early;
    await run();
  } finally {
    logged.latencyMs = Date.now() - started;
    state.log.changed();
  }
}
