// What each embedding model takes: its body family, the controls it has (Titan v2's dimensions
// and normalize, Cohere's input type), and its limits (texts per call, characters per text, and
// whether a longer text is refused or truncated). Plain data; the webview shows these facts.
import { baseModelId } from './modelId';
import { awsDoc } from './types';

/** Where each embedding family's limits come from. */
export const EMBEDDING_SOURCES: Record<EmbeddingFamily, string> = {
  titanV2: `${awsDoc('model-parameters-titan-embed-text')} (dimensions 256/512/1024, normalize, 50,000 characters)`,
  titanV1: `${awsDoc('model-parameters-titan-embed-text')} (1536 dimensions, 50,000 characters)`,
  cohereV3: `${awsDoc('model-parameters-embed')} (96 texts per call, 2048 characters each, input_type)`,
};

export type EmbeddingFamily = 'titanV2' | 'titanV1' | 'cohereV3';
export type CohereInputType = 'search_document' | 'search_query' | 'classification' | 'clustering';
export const COHERE_INPUT_TYPES: readonly CohereInputType[] = ['search_document', 'search_query', 'classification', 'clustering'];

export interface EmbeddingModelSpec {
  family: EmbeddingFamily;
  /** Output sizes the user may pick (absent: the model has one size, `defaultDimensions`). */
  dimensions?: number[];
  defaultDimensions: number;
  /** The model takes a `normalize` flag (Titan v2). */
  normalize: boolean;
  /** The model takes an input type (Cohere). */
  inputTypes?: readonly CohereInputType[];
  /** Texts per InvokeModel call. */
  maxBatch: number;
  /** Characters per text the API accepts. */
  maxChars: number;
  /** What happens to a longer text: Titan refuses it; for Cohere we send the first maxChars characters. */
  overLimit: 'refuse' | 'truncate';
}

const TITAN_MAX_CHARS = 50_000;
const COHERE_MAX_CHARS = 2048;
/** Cohere Embed v3 takes at most 96 texts per call. */
export const COHERE_MAX_BATCH = 96;

/** The spec of an embedding model we know the body of, else undefined (left out of the picker). */
export function embeddingSpecFor(model: { id: string }): EmbeddingModelSpec | undefined {
  const id = baseModelId(model.id);
  if (id.startsWith('amazon.titan-embed-text-v2')) {
    return { family: 'titanV2', dimensions: [256, 512, 1024], defaultDimensions: 1024, normalize: true, maxBatch: 1, maxChars: TITAN_MAX_CHARS, overLimit: 'refuse' };
  }
  if (id.startsWith('amazon.titan-embed-text-v1') || id.startsWith('amazon.titan-embed-g1-text')) {
    return { family: 'titanV1', defaultDimensions: 1536, normalize: false, maxBatch: 1, maxChars: TITAN_MAX_CHARS, overLimit: 'refuse' };
  }
  if (id.startsWith('cohere.embed-english-v3') || id.startsWith('cohere.embed-multilingual-v3')) {
    return { family: 'cohereV3', defaultDimensions: 1024, normalize: false, inputTypes: COHERE_INPUT_TYPES, maxBatch: COHERE_MAX_BATCH, maxChars: COHERE_MAX_CHARS, overLimit: 'truncate' };
  }
  return undefined;
}

/** A text-embedding model of the catalog (outputs embeddings from text). */
export function isTextEmbeddingModel(m: { inputModalities: readonly string[]; outputModalities: readonly string[] }): boolean {
  return m.outputModalities.includes('EMBEDDING') && m.inputModalities.includes('TEXT');
}
