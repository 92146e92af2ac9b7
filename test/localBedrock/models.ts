// The stand-in catalog: real Bedrock model ids with the facts the real catalog reports,
// plus what the stand-in needs to behave like each model (family, limits, capabilities).

export type Family =
  | 'claude' | 'nova' | 'titanText' | 'llama' | 'mistral' | 'cohereR' | 'cohereText' | 'jamba' | 'openai' | 'qwen'
  | 'titanImage' | 'novaCanvas' | 'stability' | 'sdxl' | 'titanEmbed' | 'cohereEmbed';

export type Geo = 'us' | 'eu' | 'apac' | 'global';

export interface StandInModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported: boolean;
  inferenceTypesSupported: string[];
  lifecycle: 'ACTIVE' | 'LEGACY';
  family: Family;
  /** Cross-region inference profiles that contain this model. */
  geos: Geo[];
  /** Largest maxTokens accepted (Converse), and the most tokens a reply can have. */
  maxTokens?: number;
  /**
   * InvokeModel only: the largest max_tokens the native body accepts when it is above `maxTokens`
   * (the reply is still cut at `maxTokens`). Claude 3.5 Sonnet v1 takes 8192 there without an
   * error but stops near 4096 (anthropics/anthropic-sdk-python#665).
   */
  invokeMaxTokens?: number;
  /** Claude Sonnet/Haiku 4.5 and Opus 4.1: temperature and top_p are mutually exclusive. */
  exclusiveTemperatureTopP?: boolean;
  /** Claude Opus 4.7: temperature, top_p and top_k were removed ("`temperature` is deprecated for this model."). */
  removedSampling?: boolean;
  /** Accepts extended thinking / reasoning configuration. */
  reasoning?: boolean;
  /** Claude Opus 4.7: thinking only as {type: "adaptive"} with output_config.effort; a budget is refused (AWS user guide, "Adaptive thinking"). */
  adaptiveThinkingOnly?: boolean;
  /** Model takes a system prompt under Converse. */
  systemPrompt?: boolean;
  /** Mistral Large takes no top_k even though other Mistral models do. */
  noTopK?: boolean;
  /** InvokeModelWithResponseStream is refused ("The model is unsupported for streaming.") though ConverseStream works. */
  noInvokeStream?: boolean;
}

const TEXT = ['TEXT'];
const TEXT_IMAGE = ['TEXT', 'IMAGE'];
const OD = ['ON_DEMAND'];
const IP = ['INFERENCE_PROFILE'];

function chat(modelId: string, modelName: string, providerName: string, family: Family, extra: Partial<StandInModel>): StandInModel {
  return {
    modelId, modelName, providerName, inputModalities: TEXT, outputModalities: TEXT, responseStreamingSupported: true,
    inferenceTypesSupported: OD, lifecycle: 'ACTIVE', family, geos: [], maxTokens: 4096, systemPrompt: true, ...extra,
  };
}

function media(modelId: string, modelName: string, providerName: string, family: Family, input: string[], output: string[], lifecycle: 'ACTIVE' | 'LEGACY' = 'ACTIVE'): StandInModel {
  return {
    modelId, modelName, providerName, inputModalities: input, outputModalities: output, responseStreamingSupported: false,
    inferenceTypesSupported: OD, lifecycle, family, geos: [],
  };
}

export const MODELS: StandInModel[] = [
  // Anthropic
  chat('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, geos: ['us', 'eu', 'apac'] }),
  // 3.5 Sonnet v1: Bedrock's limit is 4096 ("The maximum tokens you requested exceeds the model limit of 4096…":
  // vercel/ai#2772, sigoden/aichat#813, RooCodeInc/Roo-Code#248); InvokeModel takes 8192 but stops near 4096
  // (anthropics/anthropic-sdk-python#665). The v2 model (20241022) takes 8192 (same sources).
  chat('anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, geos: ['us', 'eu', 'apac'], maxTokens: 4096, invokeMaxTokens: 8192 }),
  // v2: us. profile as in the AWS CDK's CrossRegionInferenceProfile example (geoRegion US, CLAUDE_3_5_SONNET_V2_0).
  // ON_DEMAND as in us-west-2; in some regions the bare id is refused (terricain/aioboto3#352), which the
  // stand-in, with one catalog for every region, does not play.
  chat('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, geos: ['us'], maxTokens: 8192 }),
  chat('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, inferenceTypesSupported: IP, geos: ['us', 'eu', 'apac'], maxTokens: 65536, reasoning: true }),
  chat('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, inferenceTypesSupported: IP, geos: ['us', 'eu', 'apac', 'global'], maxTokens: 65536, reasoning: true, exclusiveTemperatureTopP: true }),
  chat('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, inferenceTypesSupported: IP, geos: ['us', 'eu', 'global'], maxTokens: 65536, reasoning: true, exclusiveTemperatureTopP: true }),
  // Opus 4.1 refuses temperature with top_p like 4.5 (open-webui/functions#9, aws-samples/bedrock-chat#979).
  // maxTokens 32000: Anthropic's published output limit for Opus 4.1, not seen on a Bedrock page (unconfirmed).
  chat('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, inferenceTypesSupported: IP, geos: ['us'], maxTokens: 32000, reasoning: true, exclusiveTemperatureTopP: true }),
  // Opus 4.7: the id has no date or version suffix (AWS user guide page model-card-anthropic-claude-opus-4-7;
  // `anthropic.claude-opus-4-7` in Mintplex-Labs/anything-llm#5821/#5822, `us.anthropic.claude-opus-4-7` in
  // openclaw/openclaw#73663). Sampling parameters removed: that model card's "parameters change" section,
  // Comfy-Org/ComfyUI#13923, openclaw/openclaw#73663. Max output 128,000 (Google Cloud's Opus 4.7 model card).
  chat('anthropic.claude-opus-4-7', 'Claude Opus 4.7', 'Anthropic', 'claude', { inputModalities: TEXT_IMAGE, inferenceTypesSupported: IP, geos: ['us', 'global'], maxTokens: 128000, reasoning: true, removedSampling: true, adaptiveThinkingOnly: true }),
  // Amazon
  chat('amazon.nova-pro-v1:0', 'Nova Pro', 'Amazon', 'nova', { inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], geos: ['us', 'eu', 'apac'], maxTokens: 10000 }),
  chat('amazon.nova-lite-v1:0', 'Nova Lite', 'Amazon', 'nova', { inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], geos: ['us', 'eu', 'apac'], maxTokens: 10000 }),
  chat('amazon.nova-micro-v1:0', 'Nova Micro', 'Amazon', 'nova', { geos: ['us', 'eu', 'apac'], maxTokens: 10000 }),
  // Nova 2 Lite: extended thinking off by default, reasoningConfig to turn it on (Nova 2 user guide,
  // "Extended thinking"); through us./global. profiles. Its output limit: source not found, Nova 1's kept.
  chat('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', 'Amazon', 'nova', { inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], inferenceTypesSupported: IP, geos: ['us', 'global'], maxTokens: 10000, reasoning: true }),
  chat('amazon.nova-premier-v1:0', 'Nova Premier', 'Amazon', 'nova', { inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], inferenceTypesSupported: IP, geos: ['us'], maxTokens: 32000 }),
  chat('amazon.titan-text-express-v1', 'Titan Text G1 - Express', 'Amazon', 'titanText', { maxTokens: 8192, systemPrompt: false }),
  media('amazon.nova-canvas-v1:0', 'Nova Canvas', 'Amazon', 'novaCanvas', TEXT_IMAGE, ['IMAGE']),
  media('amazon.titan-image-generator-v2:0', 'Titan Image Generator G1 v2', 'Amazon', 'titanImage', TEXT_IMAGE, ['IMAGE']),
  media('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', 'Amazon', 'titanEmbed', TEXT, ['EMBEDDING']),
  // Meta: the Llama 3.1+ models are reached through inference profiles in the US regions.
  chat('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B Instruct', 'Meta', 'llama', { maxTokens: 2048 }),
  chat('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', 'llama', { inferenceTypesSupported: IP, geos: ['us'], maxTokens: 2048 }),
  chat('meta.llama3-2-11b-instruct-v1:0', 'Llama 3.2 11B Instruct', 'Meta', 'llama', { inputModalities: TEXT_IMAGE, inferenceTypesSupported: IP, geos: ['us'], maxTokens: 2048 }),
  chat('meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct', 'Meta', 'llama', { inferenceTypesSupported: IP, geos: ['us'], maxTokens: 2048 }),
  // Mistral AI
  chat('mistral.mistral-7b-instruct-v0:2', 'Mistral 7B Instruct', 'Mistral AI', 'mistral', { maxTokens: 8192, systemPrompt: false }),
  chat('mistral.mixtral-8x7b-instruct-v0:1', 'Mixtral 8x7B Instruct', 'Mistral AI', 'mistral', { maxTokens: 4096, systemPrompt: false }),
  chat('mistral.mistral-large-2402-v1:0', 'Mistral Large (24.02)', 'Mistral AI', 'mistral', { maxTokens: 8192, noTopK: true }),
  // Cohere
  chat('cohere.command-r-plus-v1:0', 'Command R+', 'Cohere', 'cohereR', { maxTokens: 4000 }),
  chat('cohere.command-r-v1:0', 'Command R', 'Cohere', 'cohereR', { maxTokens: 4000 }),
  // max_tokens 1–4096: AWS user guide, "Cohere Command models" (request parameters).
  chat('cohere.command-text-v14', 'Command', 'Cohere', 'cohereText', { lifecycle: 'LEGACY', maxTokens: 4096 }),
  media('cohere.embed-english-v3', 'Embed English', 'Cohere', 'cohereEmbed', TEXT, ['EMBEDDING']),
  media('cohere.embed-multilingual-v3', 'Embed Multilingual', 'Cohere', 'cohereEmbed', TEXT, ['EMBEDDING']),
  // AI21 Labs
  chat('ai21.jamba-1-5-large-v1:0', 'Jamba 1.5 Large', 'AI21 Labs', 'jamba', { maxTokens: 4096 }),
  chat('ai21.jamba-1-5-mini-v1:0', 'Jamba 1.5 Mini', 'AI21 Labs', 'jamba', { maxTokens: 4096 }),
  // OpenAI (open-weight): AWS user guide, "OpenAI models": ids, text in/out, context window 128,000;
  // InvokeModel takes the Chat Completions body. No output cap is given there: the stand-in allows
  // the context window (unconfirmed). InvokeModelWithResponseStream answered "The model is unsupported for
  // streaming." in aws-samples/amazon-bedrock-client-for-mac#112 (which operation that client used is not stated).
  chat('openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 'OpenAI', 'openai', { maxTokens: 128000, noInvokeStream: true }),
  chat('openai.gpt-oss-20b-1:0', 'gpt-oss-20b', 'OpenAI', 'openai', { maxTokens: 128000, noInvokeStream: true }),
  // Qwen: id, Converse, on-demand and an 8K output limit per the Bedrock model card as quoted in
  // braintrustdata/braintrust-proxy#550 and #629 (8192 for "8K" is an assumption).
  chat('qwen.qwen3-32b-v1:0', 'Qwen3 32B', 'Qwen', 'qwen', { maxTokens: 8192 }),
  // Stability AI
  media('stability.sd3-5-large-v1:0', 'Stable Diffusion 3.5 Large', 'Stability AI', 'stability', TEXT_IMAGE, ['IMAGE']),
  media('stability.stable-image-core-v1:1', 'Stable Image Core 1.0', 'Stability AI', 'stability', TEXT, ['IMAGE']),
  media('stability.stable-image-ultra-v1:1', 'Stable Image Ultra 1.0', 'Stability AI', 'stability', TEXT, ['IMAGE']),
  media('stability.stable-diffusion-xl-v1', 'SDXL 1.0', 'Stability AI', 'sdxl', TEXT_IMAGE, ['IMAGE'], 'LEGACY'),
];

export function findModel(modelId: string): StandInModel | undefined {
  return MODELS.find((m) => m.modelId === modelId);
}
