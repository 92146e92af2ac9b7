// The shapes the Bedrock layer hands to the rest of the extension. Plain data only:
// everything here crosses into the webview protocol or the tree, so no SDK types leak out.

// Model-spec types live with the model registry (families/types.ts), which imports nothing from here.
import type { ImageValues } from './families/imageSettings';
import type { ImageMimeType, ParameterName } from './families/types';
import type { RegionSource } from './region';
export type { ImageMimeType, ImageModelSpec, NumericParameterSpec, ParameterName, ParameterSpec, RangeSpec } from './families/types';

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'VIDEO' | 'SPEECH';
export type InferenceType = 'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE';
export type Lifecycle = 'ACTIVE' | 'LEGACY';

/** Where the clients point and who they are. One client pair exists per distinct value. */
export interface ConnectionSettings {
  region: string;
  /** Where `region` came from (the setting, AWS_REGION, the profile…); shown beside it, never part of a client. */
  regionSource?: RegionSource;
  /** Named profile from the shared config/credentials files; undefined = default chain. */
  profile?: string;
  /** Endpoint override (VPC endpoint or the local Bedrock endpoint). */
  endpoint?: string;
  /** Separate control-plane endpoint when the override serves it on another port. */
  controlEndpoint?: string;
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
  /** Socket/request timeout in milliseconds. */
  requestTimeoutMs?: number;
  /**
   * True when `endpoint` is our local Bedrock endpoint: the clients then use fixed stand-in
   * credentials (it checks no signature) and the UI says "local endpoint".
   */
  local?: boolean;
  /** True for the demo shipped in the extension (a local endpoint too): every surface labels it. */
  demo?: boolean;
  /**
   * A Bedrock API key kept by the host (VS Code's secret storage), sent as the bearer token. It
   * wins over AWS_BEARER_TOKEN_BEDROCK. Its value never serializes (see apiKey.ts).
   */
  apiKey?: ApiKeyRef;
  /** Host names outside AWS that the user agreed may receive the API key (an endpoint override's host). */
  apiKeyHosts?: readonly string[];
  /** VS Code's proxy settings, handed in by the host (network.ts adds the environment's). */
  network?: NetworkSettings;
}

/** What the host knows of VS Code's proxy settings (`http.proxy`, `http.proxyStrictSSL`, `http.noProxy`). */
export interface NetworkSettings {
  /** `http.proxy`: wins over HTTPS_PROXY / HTTP_PROXY. */
  proxy?: string;
  /** `http.proxyStrictSSL` (VS Code's default true): false accepts any certificate, said in the log. */
  strictSSL?: boolean;
  /** `http.noProxy`: hosts reached directly, besides NO_PROXY. */
  noProxy?: readonly string[];
}

/** A Bedrock API key as apiKey.ts holds it: its value comes out only through reveal(). */
export interface ApiKeyRef {
  /** Identifies the key (for the client cache) without containing it. */
  readonly fingerprint: string;
  reveal(): string;
}

/** An inference profile that contains a model. */
export interface ProfileRef {
  id: string;
  arn: string;
  name: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
}

/** One record per foundation model, merged from ListFoundationModels and ListInferenceProfiles. */
export interface ModelRecord {
  id: string;
  arn: string;
  name: string;
  provider: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  streaming: boolean;
  lifecycle: Lifecycle;
  /** End-of-life date (ISO) when the catalog gives one. */
  endOfLife?: string;
  inferenceTypes: InferenceType[];
  profiles: ProfileRef[];
}

/** An inference profile as listed on its own (system-defined or application). */
export interface InferenceProfileRecord extends ProfileRef {
  description?: string;
  status: string;
  modelArns: string[];
}

export interface Catalog {
  models: ModelRecord[];
  profiles: InferenceProfileRecord[];
  /** What could not be listed (e.g. no permission to list inference profiles), in plain words. */
  warnings?: string[];
  /** Epoch ms when it was fetched. */
  fetchedAt: number;
}

/** The id actually sent to Bedrock and why. */
export interface ResolvedInvocation {
  invocationId: string;
  via: 'model' | 'profile' | 'arn';
  /** Human explanation, shown next to the picker ("via us. inference profile"). */
  note?: string;
}

/** What the user asked for; any field may be missing. */
export interface InferenceSettings {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  stopSequences?: string[];
  /** Put `cachePoint` blocks after the system prompt and the conversation prefix (models that take them). */
  cachePrompt?: boolean;
  /** Reasoning on, with this budget in tokens (Claude's `thinking.budget_tokens`); undefined = off. */
  reasoningBudget?: number;
  /** Reasoning at this effort level (models with a reasoningEffort spec); undefined = off, or the model's own default. */
  reasoningEffort?: string;
}

/** One adjustment made to the user's settings before sending, and why. */
export interface ParameterAdjustment {
  parameter: ParameterName | 'system' | 'reasoning' | 'cachePrompt';
  from: unknown;
  to: unknown;
  reason: string;
}

export interface ImageAttachment {
  format: 'png' | 'jpeg' | 'gif' | 'webp';
  /** Raw bytes, base64 encoded (so it can cross postMessage and be stored). */
  base64: string;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
  images?: ImageAttachment[];
}

export interface ChatRequest {
  model: ModelRecord;
  /** Overrides id resolution (a profile id or application-profile ARN). */
  invocationId?: string;
  system?: string;
  messages: ChatTurn[];
  settings: InferenceSettings;
  /** false = Converse (one response); default = stream when the model streams. */
  stream?: boolean;
  /** A guardrail to apply (sent as guardrailConfig with trace enabled). */
  guardrail?: GuardrailRef;
}

/** A guardrail and the version to apply ("DRAFT" or a number), as Converse's guardrailConfig names them. */
export interface GuardrailRef {
  id: string;
  version: string;
  /** For the words shown to the user; Bedrock gets only id and version. */
  name?: string;
}

/** One thing a guardrail found, in plain words (guardrailText.ts). */
export interface GuardrailFinding {
  policy: 'topic' | 'content' | 'word' | 'sensitiveInformation' | 'contextualGrounding' | 'automatedReasoning';
  /** "denied topic 'Investment advice'", "e-mail address (EMAIL)", "word 'tomato'". */
  what: string;
  /** Bedrock's action: BLOCKED, ANONYMIZED, NONE… */
  action: string;
  /** Whether the guardrail looked at the prompt or the model's answer. */
  source: 'input' | 'output';
}

/** What a guardrail did to one turn. */
export interface GuardrailOutcome {
  guardrail: GuardrailRef;
  /** True when Bedrock said guardrail_intervened (or ApplyGuardrail's GUARDRAIL_INTERVENED). */
  intervened: boolean;
  /** The sentence shown to the user. */
  summary: string;
  findings: GuardrailFinding[];
}

/** The exact request sent, for "View API request" (images elided). */
export interface ApiRequestRecord {
  operation: 'Converse' | 'ConverseStream' | 'InvokeModel' | 'InvokeModelWithResponseStream';
  modelId: string;
  body: unknown;
}

export type ChatEvent =
  /** A second 'request' event replaces the first when Bedrock refused it and it was corrected (it then carries `correction`). */
  | { type: 'request'; request: ApiRequestRecord; adjustments: ParameterAdjustment[]; invocation: ResolvedInvocation; correction?: RequestCorrection }
  /** Sent when the SDK decides to retry, before it waits delayMs; `attempt` is the attempt about to be made (2 = first retry). */
  | { type: 'retry'; attempt: number; maxAttempts: number; reason: string; delayMs: number }
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'stop'; stopReason: string }
  /** The guardrail's assessment from the trace (Converse: with the response; ConverseStream: in the metadata event). */
  | { type: 'guardrail'; outcome: GuardrailOutcome }
  | { type: 'usage'; inputTokens: number; outputTokens: number; totalTokens: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number }
  | { type: 'metrics'; timeToFirstTokenMs: number | undefined; totalLatencyMs: number; serverLatencyMs?: number };

/** Bedrock refused a request for a reason it named; it was changed and sent once more. */
export interface RequestCorrection {
  /** Bedrock's refusal, as it said it. */
  refusal: string;
  /** What was changed ("temperature not sent"); remembered for the model. */
  change: string;
}

/** A Bedrock or SDK failure in plain words, with what fixes it. */
export interface BedrockErrorInfo {
  kind:
    | 'accessDenied'
    | 'onDemandNotSupported'
    | 'notFound'
    | 'validation'
    | 'throttled'
    | 'quota'
    | 'credentials'
    | 'ssoExpired'
    | 'network'
    | 'timeout'
    | 'modelError'
    | 'server'
    | 'contentFiltered'
    | 'cancelled'
    | 'unknown';
  message: string;
  detail: string;
  /** Which request parameter is at fault, when known. */
  parameter?: string;
  action?: ErrorAction;
  retryable: boolean;
}

export type ErrorAction =
  | { kind: 'openUrl'; label: string; url: string }
  | { kind: 'useProfile'; label: string; invocationId: string }
  | { kind: 'ssoLogin'; label: string; profile: string }
  | { kind: 'retry'; label: string }
  | { kind: 'configure'; label: string; setting: string };

/** One image generation request, common to every image model (its settings are checked by families/imageSettings.ts). */
export interface ImageRequest extends ImageValues {
  model: ModelRecord;
}

export interface GeneratedImage {
  bytes: Uint8Array;
  mimeType: ImageMimeType;
  seed: number;
}

