// Bedrock's checks on the content blocks of Converse messages and system prompts: blank text,
// images and documents (how many, how large, in which turns). Each rule names its source; where
// Bedrock's exact wording was not found, the message says so in a comment.
import { validation } from './errors';
import { imageSize } from './imageHeader';
import type { StandInModel } from './models';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Message.content limits, from the bedrock-runtime service model (botocore / the SDK's Smithy model,
// Message.content documentation): "up to 20 images. Each image's size, height, and width must be no
// more than 3.75 MB, 8000 px, and 8000 px"; "up to five documents"; a document needs a text block
// in the same message; "You can only include images and documents if the role is user".
export const MAX_IMAGES = 20;
/** 3.75 MB, read as MiB (3.75 × 1024 × 1024 bytes); whether Bedrock counts 10^6 or 2^20 is not documented. */
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;
export const MAX_DOCUMENTS = 5;

export interface ContentStats { text: string; images: number }

function imageBytes(image: Json): Buffer | undefined {
  const source = isObj(image.source) ? image.source : undefined;
  return typeof source?.bytes === 'string' ? Buffer.from(source.bytes, 'base64') : undefined;
}

function checkImage(image: Json, at: string): void {
  const bytes = imageBytes(image);
  if (!bytes) return;
  // Wording not confirmed: no real Bedrock text for these two limits was found.
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw validation(`The image at ${at} is ${bytes.length} bytes, more than the 3.75 MB allowed. Use a smaller image and try again.`);
  }
  const size = imageSize(bytes);
  if (size && (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE)) {
    throw validation(`The image at ${at} is ${size.width}x${size.height} pixels; its width and height must be at most ${MAX_IMAGE_SIDE} pixels. Resize the image and try again.`);
  }
}

/** Checks one message's content blocks and returns its text (joined) and image count. */
export function messageContent(model: StandInModel, message: Json, i: number): ContentStats {
  const content = message.content;
  // langchain-ai/langchain#26968 quotes this text ("…in the Message object at messages.3 is empty…").
  if (!Array.isArray(content) || content.length === 0) {
    throw validation(`The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`);
  }
  let text = '';
  let images = 0;
  let documents = 0;
  let hasText = false;
  content.forEach((block: unknown, j) => {
    if (!isObj(block)) return;
    const at = `messages.${i}.content.${j}`;
    if (typeof block.text === 'string') {
      // aws-samples/bedrock-engineer#8, continuedev/continue#9767 (messages.N.content.M, both 0-based).
      // Newer Claude models are reported to answer whitespace-only text with "The model returned the
      // following errors: messages: text content blocks must contain non-whitespace text"
      // (NousResearch/hermes-agent#63983); the stand-in gives Bedrock's own text for both.
      if (block.text.trim() === '') throw validation(`The text field in the ContentBlock object at ${at} is blank. Add text to the text field, and try again.`);
      text += (text ? '\n' : '') + block.text;
      hasText = true;
    } else if (block.image !== undefined || block.document !== undefined) {
      const kind = block.image !== undefined ? 'image' : 'document';
      // Wording not confirmed (the service model states the rule, no real error text was found).
      if (message.role !== 'user') throw validation(`The ${kind} content block at ${at} is only allowed in a user message. Move it to a user message and try again.`);
      if (kind === 'image') {
        // earendil-works/pi#8960 and #8643 (Converse, a model without image input).
        if (!model.inputModalities.includes('IMAGE')) throw validation("This model doesn't support the image field for user messages. Remove image and try again.");
        images++;
        // Wording not confirmed.
        if (images > MAX_IMAGES) throw validation(`The content field in the Message object at messages.${i} has more than ${MAX_IMAGES} images. Remove images and try again.`);
        if (isObj(block.image)) checkImage(block.image, at);
      } else {
        documents++;
        // Wording not confirmed.
        if (documents > MAX_DOCUMENTS) throw validation(`The content field in the Message object at messages.${i} has more than ${MAX_DOCUMENTS} documents. Remove documents and try again.`);
      }
    } else if (block.reasoningContent === undefined && block.cachePoint === undefined) {
      // cachePoint blocks are checked with the whole request (promptCache.ts).
      throw validation(`This model doesn't support the ${Object.keys(block)[0] ?? 'empty'} content block that you provided. Try again with a supported content block.`);
    }
  });
  // archestra-ai/archestra#4220 quotes this Bedrock 400 for a user message with a file and no text.
  if (documents > 0 && !hasText) throw validation('A text block must be included when using documents.');
  return { text, images };
}

/**
 * The system prompt's text. An empty text block fails the service model's length constraint
 * (SystemContentBlock text, min 1): "1 validation error detected: Value at 'system.1.member.text' failed
 * to satisfy constraint: Member must have length greater than or equal to 1" (CherryHQ/cherry-studio#4922;
 * also spring-projects/spring-ai#6209). The index is 1-based. Whitespace-only system text: no source, accepted.
 */
export function systemText(system: unknown[]): string {
  return system.flatMap((s: unknown, i) => {
    if (isObj(s) && s.cachePoint !== undefined) return []; // checked in promptCache.ts
    const t = isObj(s) && typeof s.text === 'string' ? s.text : undefined;
    if (t === '') throw validation(`1 validation error detected: Value at 'system.${i + 1}.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    return [t ?? ''];
  }).join('\n');
}
