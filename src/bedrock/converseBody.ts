import type { ContentBlock, ConverseStreamRequest, Message } from '@aws-sdk/client-bedrock-runtime';
import type { ApiRequestRecord, ChatRequest, ChatTurn, ImageAttachment, ParameterAdjustment } from './types';
import { buildInferenceRequest } from './parameters';
import { UnsupportedRequestError } from './layerErrors';

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
export function checkChatRequest(request: ChatRequest, supportsSystem: { supported: boolean; reason?: string }): void {
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
  if (request.system?.trim() && !supportsSystem.supported) {
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
  // Bedrock rejects blank text blocks; a turn with only images needs none.
  if (turn.text.trim().length > 0 || content.length === 0) {
    content.push({ text: turn.text });
    record.push({ text: turn.text });
  }
  return { content, record };
}

export function buildConverseInput(request: ChatRequest, modelId: string): ConverseInput {
  const parts = buildInferenceRequest(request.model, request.settings);
  const messages: Message[] = [];
  const recordMessages: unknown[] = [];
  for (const turn of request.messages) {
    const { content, record } = turnContent(turn);
    messages.push({ role: turn.role, content });
    recordMessages.push({ role: turn.role, content: record });
  }
  const system = request.system?.trim() ? [{ text: request.system }] : undefined;
  const hasConfig = Object.keys(parts.inferenceConfig).length > 0;
  const input: ConverseStreamRequest = {
    modelId,
    messages,
    ...(system ? { system } : {}),
    ...(hasConfig ? { inferenceConfig: parts.inferenceConfig } : {}),
    ...(parts.additionalModelRequestFields ? { additionalModelRequestFields: parts.additionalModelRequestFields as ConverseStreamRequest['additionalModelRequestFields'] } : {}),
  };
  const record = {
    messages: recordMessages,
    ...(system ? { system } : {}),
    ...(hasConfig ? { inferenceConfig: parts.inferenceConfig } : {}),
    ...(parts.additionalModelRequestFields ? { additionalModelRequestFields: parts.additionalModelRequestFields } : {}),
  };
  return { input, record, adjustments: parts.adjustments };
}
