import type { ContentBlock, ConverseStreamRequest, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { ApiRequestRecord, ChatRequest, ChatTurn, ImageAttachment, ParameterAdjustment } from './types';
import { buildInferenceRequest, parameterSpec } from './parameters';
import type { LearnedRule } from './learnedRules';
import { UnsupportedRequestError } from './layerErrors';
import { addCachePoints } from './cachePoints';

// Builds the Converse / ConverseStream input for a chat request, and the record of it shown as
// "View API request" (identical, except image bytes are replaced by their size).

const MAX_IMAGES_PER_TURN = 20;
const MAX_IMAGE_BYTES = 3_750_000;

export interface ConverseInput {
  input: ConverseStreamRequest;
  /** The same input as plain JSON, images elided. */
  record: ApiRequestRecord['body'];
  adjustments: ParameterAdjustment[];
}

/** Refuses, in plain words, what the model cannot take; everything else goes to Bedrock as is. */
export function checkChatRequest(request: ChatRequest, supportsSystem: { supported: boolean; reason?: string; fold?: boolean }): void {
  const { model, messages } = request;
  if (model.outputModalities.length > 0 && !model.outputModalities.includes('TEXT')) {
    const makes = model.outputModalities.map((m) => m.toLowerCase()).join(' and ');
    throw new UnsupportedRequestError(`${model.name} does not chat: it makes ${makes}. Pick a text model.`, 'model');
  }
  if (messages.length === 0) throw new UnsupportedRequestError('There is no message to send.', 'messages');
  const last = messages[messages.length - 1]!;
  if (last.role !== 'user') throw new UnsupportedRequestError('The conversation must end with a user message.', 'messages');
  if (!last.text.trim() && !(last.images?.length ?? 0)) throw new UnsupportedRequestError('The message is empty: write something to send.', 'messages');
  const withImages = messages.find((t) => (t.images?.length ?? 0) > 0);
  if (withImages && !model.inputModalities.includes('IMAGE')) {
    throw new UnsupportedRequestError(`${model.name} does not take images. Remove the attachments or pick a model that accepts image input.`, 'images');
  }
  for (const turn of messages) {
    if ((turn.images?.length ?? 0) > MAX_IMAGES_PER_TURN) {
      throw new UnsupportedRequestError(`At most ${MAX_IMAGES_PER_TURN} images can go in one message.`, 'images');
    }
    for (const img of turn.images ?? []) {
      const bytes = Math.floor((img.base64.length * 3) / 4);
      if (bytes > MAX_IMAGE_BYTES) throw new UnsupportedRequestError(`An attached image is ${(bytes / 1e6).toFixed(1)} MB; Bedrock takes at most 3.75 MB per image.`, 'images');
    }
  }
  if (request.system?.trim() && !supportsSystem.supported && !supportsSystem.fold) {
    throw new UnsupportedRequestError(`${supportsSystem.reason ?? `${model.name} takes no system prompt.`} Clear the system prompt or pick another model.`, 'system');
  }
}

function imageBlock(img: ImageAttachment): ContentBlock {
  return { image: { format: img.format, source: { bytes: Buffer.from(img.base64, 'base64') } } };
}

function elidedImage(img: ImageAttachment): unknown {
  const bytes = Math.floor((img.base64.length * 3) / 4);
  return { image: { format: img.format, source: { bytes: `<${bytes} bytes elided>` } } };
}

function turnContent(turn: ChatTurn): { content: ContentBlock[]; record: unknown[] } {
  const content: ContentBlock[] = [];
  const record: unknown[] = [];
  // Bedrock puts images before the text that refers to them in its own examples.
  for (const img of turn.images ?? []) {
    content.push(imageBlock(img));
    record.push(elidedImage(img));
  }
  // Bedrock refuses a blank or whitespace-only text block ("The text field in the ContentBlock
  // object at messages.N.content.M is blank…": aws-samples/bedrock-engineer#8, langchain-ai/langchainjs#8618).
  // A turn with only images needs none; a turn with neither says so in words rather than sending a blank.
  if (turn.text.trim().length > 0) {
    content.push({ text: turn.text });
    record.push({ text: turn.text });
  } else if (content.length === 0) {
    content.push({ text: EMPTY_TURN });
    record.push({ text: EMPTY_TURN });
  }
  return { content, record };
}

/** Stands for a turn with no text and no image (an answer that was stopped before its first word). */
export const EMPTY_TURN = '(no text)';

/** The turns, with the system prompt at the head of the first user message when the model refuses system messages. */
function foldSystem(request: ChatRequest, fold: boolean): { turns: ChatTurn[]; system: string | undefined; adjustments: ParameterAdjustment[] } {
  const system = request.system?.trim() ? request.system : undefined;
  if (!system || !fold) return { turns: request.messages, system, adjustments: [] };
  const first = request.messages.findIndex((t) => t.role === 'user');
  const turns = request.messages.map((t, i) => (i === first ? { ...t, text: `${system}\n\n${t.text}` } : t));
  return {
    turns,
    system: undefined,
    adjustments: [{ parameter: 'system', from: system, to: undefined, reason: `${request.model.name || request.model.id} takes no system messages: the system prompt was sent at the head of the first message.` }],
  };
}

/**
 * guardrailConfig for Converse and ConverseStream, trace enabled so the turn can say which policy
 * acted (API_runtime_GuardrailConfiguration / API_runtime_GuardrailStreamConfiguration).
 * Streams use the synchronous mode, Bedrock's default: every chunk is scanned before it is sent,
 * so the user never sees text the guardrail then withdraws, and masking works — Bedrock's guide
 * "Configure streaming response behavior to filter content" (guardrails-streaming.html) says
 * asynchronous mode may send inappropriate chunks before the scan ends and does not support masking
 * sensitive information. A playground exists to see exactly what the guardrail does: sync it is.
 */
export function guardrailConfig(request: ChatRequest, stream: boolean): Pick<ConverseStreamRequest, 'guardrailConfig'> {
  const g = request.guardrail;
  if (!g) return {};
  return { guardrailConfig: { guardrailIdentifier: g.id, guardrailVersion: g.version, trace: 'enabled', ...(stream ? { streamProcessingMode: 'sync' as const } : {}) } };
}

export function buildConverseInput(request: ChatRequest, modelId: string, learned: readonly LearnedRule[] = [], stream = true): ConverseInput {
  const parts = buildInferenceRequest(request.model, request.settings, learned);
  const folded = foldSystem(request, parameterSpec(request.model, learned).systemPrompt.fold === true);
  const messages: Message[] = [];
  const recordMessages: unknown[] = [];
  for (const turn of folded.turns) {
    const { content, record } = turnContent(turn);
    messages.push({ role: turn.role, content });
    recordMessages.push({ role: turn.role, content: record });
  }
  const system: SystemContentBlock[] | undefined = folded.system ? [{ text: folded.system }] : undefined;
  const recordSystem: unknown[] | undefined = folded.system ? [{ text: folded.system }] : undefined;
  addCachePoints(parts.promptCache, system, messages);
  addCachePoints(parts.promptCache, recordSystem, recordMessages as Array<{ role: string; content: unknown[] }>);
  const hasConfig = Object.keys(parts.inferenceConfig).length > 0;
  const input: ConverseStreamRequest = {
    modelId,
    messages,
    ...(system ? { system } : {}),
    ...(hasConfig ? { inferenceConfig: parts.inferenceConfig } : {}),
    ...(parts.additionalModelRequestFields ? { additionalModelRequestFields: parts.additionalModelRequestFields as ConverseStreamRequest['additionalModelRequestFields'] } : {}),
    ...guardrailConfig(request, stream),
  };
  const record = {
    messages: recordMessages,
    ...(recordSystem ? { system: recordSystem } : {}),
    ...(hasConfig ? { inferenceConfig: parts.inferenceConfig } : {}),
    ...(parts.additionalModelRequestFields ? { additionalModelRequestFields: parts.additionalModelRequestFields } : {}),
    ...guardrailConfig(request, stream),
  };
  return { input, record, adjustments: [...parts.adjustments, ...folded.adjustments] };
}
