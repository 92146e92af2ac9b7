// Titan Text Embeddings v2 and Cohere Embed v3: deterministic vectors built from the words of
// the text (so texts sharing words point in similar directions), normalized to length 1.
import { BodyCheck, type Json } from './bodyCheck';
import { validation } from './errors';
import type { StandInModel } from './models';
import { countTokens, hash32, seededRandom } from './tokens';

export function embedText(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (const w of words) {
    const rnd = seededRandom(hash32(w));
    for (let i = 0; i < dimensions; i++) v[i]! += rnd() * 2 - 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

// Titan Embeddings v2 (dimensions 256/512/1024, inputText ≤ 50,000 characters) and Cohere Embed v3 (≤ 96
// texts of ≤ 2048 characters): AWS user guide parameter pages, not re-checked. Schema wording: malformed().
function titan(body: Json): Json {
  const b = new BodyCheck(body).only(['inputText', 'dimensions', 'normalize', 'embeddingTypes']);
  const text = b.string('inputText', { required: true, minLength: 1, maxLength: 50000 })!;
  const dims = b.body.dimensions ?? 1024;
  if (dims !== 256 && dims !== 512 && dims !== 1024) throw validation(`Malformed input request: #/dimensions: ${JSON.stringify(dims)} is not a valid enum value, please reformat your input and try again.`);
  const normalize = b.body.normalize ?? true;
  if (typeof normalize !== 'boolean') throw validation('Malformed input request: #/normalize: expected type: Boolean, please reformat your input and try again.');
  const types = b.strings('embeddingTypes');
  for (const t of types) if (t !== 'float' && t !== 'binary') throw validation(`Malformed input request: #/embeddingTypes: "${t}" is not a valid enum value, please reformat your input and try again.`);
  // Unnormalized vectors keep their direction but get a length that grows with the text.
  const unit = embedText(text, dims);
  const vector = normalize ? unit : unit.map((x) => x * Math.sqrt(countTokens(text) + 1));
  const byType: Json = {};
  if (types.includes('float') || types.length === 0) byType.float = vector;
  if (types.includes('binary')) byType.binary = vector.map((x) => (x > 0 ? 1 : 0));
  return { embedding: vector, embeddingsByType: byType, inputTextTokenCount: countTokens(text) };
}

function quantize(v: number[], type: string): number[] {
  const int8 = v.map((x) => Math.max(-128, Math.min(127, Math.round(x * 127 * 8))));
  if (type === 'int8') return int8;
  if (type === 'uint8') return int8.map((x) => x + 128);
  const bytes: number[] = [];
  for (let i = 0; i < v.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | ((v[i + j] ?? 0) > 0 ? 1 : 0);
    bytes.push(type === 'binary' ? byte - 128 : byte);
  }
  return bytes;
}

function cohere(body: Json): Json {
  const b = new BodyCheck(body).only(['texts', 'images', 'input_type', 'truncate', 'embedding_types']);
  const texts = b.array('texts', { required: true, minItems: 1, maxItems: 96 }).map((t, i) => {
    if (typeof t !== 'string') throw validation(`Malformed input request: #/texts/${i}: expected type: String, please reformat your input and try again.`);
    if (t.length > 2048) throw validation(`Malformed input request: #/texts/${i}: expected maxLength: 2048, actual: ${t.length}, please reformat your input and try again.`);
    return t;
  });
  b.oneOf('input_type', ['search_document', 'search_query', 'classification', 'clustering'], { required: true });
  b.oneOf('truncate', ['NONE', 'START', 'END']);
  const types = b.strings('embedding_types');
  for (const t of types) if (!['float', 'int8', 'uint8', 'binary', 'ubinary'].includes(t)) throw validation(`Malformed input request: #/embedding_types: "${t}" is not a valid enum value, please reformat your input and try again.`);
  const vectors = texts.map((t) => embedText(t, 1024));
  const id = `${hash32(texts.join('\n')).toString(16)}-local`;
  if (types.length === 0) return { id, response_type: 'embeddings_floats', embeddings: vectors, texts };
  const embeddings: Json = {};
  for (const t of types) embeddings[t] = t === 'float' ? vectors : vectors.map((v) => quantize(v, t));
  return { id, response_type: 'embeddings_by_type', embeddings, texts };
}

/** The response body, and the input tokens Bedrock reports for it in `x-amzn-bedrock-input-token-count`. */
export function invokeEmbeddingModel(model: StandInModel, body: Json): { body: Json; inputTokens: number } | undefined {
  if (model.family === 'titanEmbed') {
    const out = titan(body);
    return { body: out, inputTokens: out.inputTextTokenCount as number };
  }
  if (model.family === 'cohereEmbed') {
    const out = cohere(body);
    return { body: out, inputTokens: (out.texts as string[]).reduce((n, t) => n + countTokens(t), 0) };
  }
  return undefined;
}
