import type { ImageAttachment, InferenceSettings, ModelRecord } from '../bedrock/types';
import type { ToolChatBlock, ToolChatMessage, ToolChatRequest, ToolDefinition, ToolResultPiece } from '../bedrock/toolChat';
import { parameterSpec } from '../bedrock/parameters';
import { ToolNames, toolUseId } from './toolNames';

// VS Code's chat messages and parts → the Bedrock layer's content blocks. The parts are read by
// their shape, not by class: the classes live in the `vscode` module, and the mapping is the
// same whether the parts came from VS Code or from a unit test.

/** LanguageModelChatMessageRole: User 1, Assistant 2; System 3 is still a proposed API. */
export const ROLE_USER = 1;
export const ROLE_ASSISTANT = 2;
export const ROLE_SYSTEM = 3;

export interface MessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
}

export interface ToolLike {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object | undefined;
}

/** LanguageModelChatToolMode: Auto 1, Required 2. */
export const TOOL_MODE_REQUIRED = 2;

export interface RequestOptionsLike {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly ToolLike[];
  readonly toolMode?: number;
}

/** A request VS Code's callers may send that Bedrock cannot take, in plain words. */
export class UnsupportedPartError extends Error {
  override readonly name = 'UnsupportedRequestError';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

export function isTextPart(p: unknown): p is { value: string } {
  return isObj(p) && typeof p.value === 'string' && !('callId' in p);
}
export function isToolCallPart(p: unknown): p is { callId: string; name: string; input: object } {
  return isObj(p) && typeof p.callId === 'string' && typeof p.name === 'string' && isObj(p.input);
}
export function isToolResultPart(p: unknown): p is { callId: string; content: unknown[] } {
  return isObj(p) && typeof p.callId === 'string' && Array.isArray(p.content);
}
export function isDataPart(p: unknown): p is { mimeType: string; data: Uint8Array } {
  return isObj(p) && typeof p.mimeType === 'string' && p.data instanceof Uint8Array;
}

const IMAGE_FORMATS: Record<string, ImageAttachment['format']> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** An image data part as a Bedrock image; other data is text when it is text, else skipped. */
function dataBlock(p: { mimeType: string; data: Uint8Array }): { image: ImageAttachment } | { text: string } | undefined {
  const mime = p.mimeType.toLowerCase();
  const format = IMAGE_FORMATS[mime];
  if (format) return { image: { format, base64: Buffer.from(p.data).toString('base64') } };
  if (mime.startsWith('image/')) throw new UnsupportedPartError(`Bedrock takes PNG, JPEG, GIF and WebP images, not ${p.mimeType}.`);
  if (mime.startsWith('text/') || mime === 'application/json') return { text: Buffer.from(p.data).toString('utf8') };
  // Markers such as prompt-cache hints carry nothing for the model.
  return undefined;
}

function resultPieces(content: readonly unknown[]): ToolResultPiece[] {
  const out: ToolResultPiece[] = [];
  for (const c of content) {
    if (isTextPart(c)) {
      if (c.value.trim()) out.push({ type: 'text', text: c.value });
    } else if (isDataPart(c)) {
      const b = dataBlock(c);
      if (b && 'image' in b) out.push({ type: 'image', image: b.image });
      else if (b?.text.trim()) out.push({ type: 'text', text: b.text });
    } else if (isObj(c) && 'value' in c) {
      // A prompt-tsx element: the model reads it as JSON.
      out.push({ type: 'json', json: c.value });
    }
  }
  return out;
}

function blocksOf(message: MessageLike, names: ToolNames): ToolChatBlock[] {
  const blocks: ToolChatBlock[] = [];
  for (const part of message.content) {
    if (isToolCallPart(part)) {
      blocks.push({ type: 'toolUse', toolUseId: toolUseId(part.callId), name: names.toBedrock(part.name), input: part.input });
    } else if (isToolResultPart(part)) {
      blocks.push({ type: 'toolResult', toolUseId: toolUseId(part.callId), content: resultPieces(part.content) });
    } else if (isTextPart(part)) {
      // Bedrock refuses blank text blocks.
      if (part.value.trim()) blocks.push({ type: 'text', text: part.value });
    } else if (isDataPart(part)) {
      const b = dataBlock(part);
      if (b && 'image' in b) blocks.push({ type: 'image', image: b.image });
      else if (b?.text.trim()) blocks.push({ type: 'text', text: b.text });
    }
  }
  // Bedrock wants the results answering a turn's calls first in the user's next message.
  return [...blocks.filter((b) => b.type === 'toolResult'), ...blocks.filter((b) => b.type !== 'toolResult')];
}

/** System text (role 3) goes to the system prompt; same-role neighbours merge (Bedrock alternates roles). */
export function toToolChatMessages(messages: readonly MessageLike[], names: ToolNames): { system?: string; messages: ToolChatMessage[] } {
  const system: string[] = [];
  const out: ToolChatMessage[] = [];
  for (const m of messages) {
    if (m.role === ROLE_SYSTEM) {
      for (const p of m.content) if (isTextPart(p) && p.value.trim()) system.push(p.value);
      continue;
    }
    const role = m.role === ROLE_ASSISTANT ? 'assistant' : 'user';
    const content = blocksOf(m, names);
    if (content.length === 0) continue;
    const last = out[out.length - 1];
    if (last?.role === role) {
      const merged = [...last.content, ...content];
      last.content = [...merged.filter((b) => b.type === 'toolResult'), ...merged.filter((b) => b.type !== 'toolResult')];
    } else {
      out.push({ role, content });
    }
  }
  return { ...(system.length ? { system: system.join('\n\n') } : {}), messages: out };
}

/** The caller's modelOptions that Bedrock knows, under VS Code's or the providers' usual names. */
export function settingsFromOptions(modelOptions: RequestOptionsLike['modelOptions']): InferenceSettings {
  const o = modelOptions ?? {};
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) if (typeof o[k] === 'number') return o[k];
    return undefined;
  };
  const settings: InferenceSettings = {};
  const temperature = num('temperature');
  const topP = num('topP', 'top_p');
  const topK = num('topK', 'top_k');
  const maxTokens = num('maxTokens', 'max_tokens', 'maxOutputTokens');
  const stop = o.stopSequences ?? o.stop;
  if (temperature !== undefined) settings.temperature = temperature;
  if (topP !== undefined) settings.topP = topP;
  if (topK !== undefined) settings.topK = topK;
  if (maxTokens !== undefined) settings.maxTokens = maxTokens;
  if (Array.isArray(stop)) settings.stopSequences = stop.filter((s): s is string => typeof s === 'string');
  else if (typeof stop === 'string') settings.stopSequences = [stop];
  return settings;
}

export function toolDefinitions(tools: readonly ToolLike[] | undefined, names: ToolNames): ToolDefinition[] {
  return (tools ?? []).map((t) => ({
    name: names.toBedrock(t.name),
    description: t.description,
    inputSchema: isObj(t.inputSchema) ? (t.inputSchema as Record<string, unknown>) : { type: 'object', properties: {} },
  }));
}

/** The whole request for the Bedrock layer. `names` maps tool names both ways (kept for the reply). */
export function toToolChatRequest(model: ModelRecord, invocationId: string, messages: readonly MessageLike[], options: RequestOptionsLike, names: ToolNames): ToolChatRequest {
  const mapped = toToolChatMessages(messages, names);
  const tools = toolDefinitions(options.tools, names);
  let system = mapped.system;
  const out = mapped.messages;
  // A model without a system prompt reads it at the top of the first user message instead.
  if (system && !parameterSpec(model).systemPrompt.supported && out[0]?.role === 'user') {
    out[0] = { role: 'user', content: [{ type: 'text', text: system }, ...out[0].content] };
    system = undefined;
  }
  const required = options.toolMode === TOOL_MODE_REQUIRED && tools.length > 0;
  return {
    model,
    invocationId,
    messages: out,
    settings: settingsFromOptions(options.modelOptions),
    ...(system ? { system } : {}),
    ...(tools.length ? { tools } : {}),
    ...(required ? { toolChoice: tools.length === 1 ? { tool: tools[0]!.name } : 'any' } : {}),
  };
}
