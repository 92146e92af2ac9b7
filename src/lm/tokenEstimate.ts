import { isDataPart, isTextPart, isToolCallPart, isToolResultPart, type MessageLike } from './messages';

// provideTokenCount: Bedrock has no tokenizer to call for most models, so this is an estimate,
// made to match what the endpoint will report as usage.inputTokens.
//
// - On the local endpoint it is that endpoint's own rule, exactly: one token per run of
//   non-whitespace characters, 100 per image; a tool call counts as `NAME JSON(input)`, a tool
//   result as its text (an empty result as "(no output)", which is what gets sent).
// - On AWS: the larger of that word count and one token per 4 characters (the usual rate of
//   the providers' tokenizers for English and code), and 1,600 per image (Anthropic's figure
//   for an image at the largest size it keeps). Callers use it to fit prompts, so it errs high.

export type TokenRule = 'local' | 'aws';

export const LOCAL_IMAGE_TOKENS = 100;
export const AWS_IMAGE_TOKENS = 1_600;
const CHARS_PER_TOKEN = 4;

function words(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

export function textTokens(text: string, rule: TokenRule): number {
  const w = words(text);
  return rule === 'local' ? w : Math.max(w, Math.ceil(text.length / CHARS_PER_TOKEN));
}

function imageTokens(rule: TokenRule): number {
  return rule === 'local' ? LOCAL_IMAGE_TOKENS : AWS_IMAGE_TOKENS;
}

function isImage(p: { mimeType: string }): boolean {
  return p.mimeType.toLowerCase().startsWith('image/');
}

function partTokens(part: unknown, rule: TokenRule): number {
  if (isToolCallPart(part)) return textTokens(`${part.name} ${JSON.stringify(part.input)}`, rule);
  if (isToolResultPart(part)) {
    let n = 0;
    let any = false;
    for (const c of part.content) {
      const t = partTokens(c, rule);
      if (t > 0) any = true;
      n += t;
    }
    return any ? n : textTokens('(no output)', rule);
  }
  if (isTextPart(part)) return textTokens(part.value, rule);
  if (isDataPart(part)) {
    if (isImage(part)) return imageTokens(rule);
    const mime = part.mimeType.toLowerCase();
    return mime.startsWith('text/') || mime === 'application/json' ? textTokens(Buffer.from(part.data).toString('utf8'), rule) : 0;
  }
  if (typeof part === 'object' && part !== null && 'value' in part) return textTokens(JSON.stringify(part.value) ?? '', rule);
  return 0;
}

export function estimateTokens(input: string | MessageLike, rule: TokenRule): number {
  if (typeof input === 'string') return textTokens(input, rule);
  return input.content.reduce<number>((n, p) => n + partTokens(p, rule), 0);
}
