// Converse / ConverseStream with tools (toolConfig, toolUse and toolResult blocks). Bedrock's
// checks on tools and tool blocks are applied here; the rest of the request goes through the
// ordinary parseConverse with each tool block turned into text, so the usual validation, token
// rule and reply apply. The stand-in "calls" a tool when tools are offered and the last user
// message names one (or toolChoice demands one); see README.md, "Tool use".
import { eventFrame } from './eventStream';
import { sendJson, validation } from './errors';
import { IMAGE_TOKENS, parseConverse } from './converseRequest';
import { cacheCheckpoints } from './promptCache';
import type { OperationContext } from './operation';
import { beforeSingleResponse, sendEventStream, type PlannedEvent } from './streaming';
import { generateText, type TextResult } from './textReply';
import { countTokens, deltaGroups, hash32, splitTokens } from './tokens';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Tool names: the service model's ToolName (pattern [a-zA-Z0-9_-]+, 1–64 characters; not re-checked).
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export interface OfferedTool {
  name: string;
  description: string;
  schema: Json;
}

export interface ToolCall {
  toolUseId: string;
  name: string;
  input: Json;
}

/** True when the body carries a toolConfig or any tool block: then this module answers it. */
export function usesTools(body: Json): boolean {
  if (body.toolConfig !== undefined) return true;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return messages.some((m: unknown) => isObj(m) && Array.isArray(m.content) && m.content.some((b: unknown) => isObj(b) && (b.toolUse !== undefined || b.toolResult !== undefined)));
}

// The refusals below other than the toolConfig one: source not found (wordings are the stand-in's).
function parseTools(config: unknown): { tools: OfferedTool[]; choice: 'auto' | 'any' | { tool: string } } {
  if (config === undefined) return { tools: [], choice: 'auto' };
  if (!isObj(config) || !Array.isArray(config.tools) || config.tools.length === 0) {
    throw validation("1 validation error detected: Value at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  // A Tool is a union of toolSpec and cachePoint (SDK model); cache points are checked in promptCache.ts.
  const tools = config.tools.filter((t: unknown) => !(isObj(t) && t.cachePoint !== undefined)).map((t: unknown, i): OfferedTool => {
    const spec = isObj(t) ? t.toolSpec : undefined;
    if (!isObj(spec)) throw validation(`The toolSpec field at toolConfig.tools.${i} is missing. Add a toolSpec and try again.`);
    const name = typeof spec.name === 'string' ? spec.name : '';
    if (!NAME_PATTERN.test(name)) {
      throw validation(`1 validation error detected: Value '${name}' at 'toolConfig.tools.${i + 1}.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`);
    }
    const schema = isObj(spec.inputSchema) && isObj(spec.inputSchema.json) ? spec.inputSchema.json : undefined;
    if (!schema) throw validation(`The inputSchema of tool ${name} must be a JSON schema object under inputSchema.json.`);
    return { name, description: typeof spec.description === 'string' ? spec.description : '', schema };
  });
  const names = new Set<string>();
  for (const t of tools) {
    if (names.has(t.name)) throw validation(`The toolConfig field contains duplicate tool names: ${t.name}. Tool names must be unique.`);
    names.add(t.name);
  }
  const c = config.toolChoice;
  let choice: 'auto' | 'any' | { tool: string } = 'auto';
  if (isObj(c) && isObj(c.any)) choice = 'any';
  else if (isObj(c) && isObj(c.tool)) {
    const wanted = typeof c.tool.name === 'string' ? c.tool.name : '';
    if (!names.has(wanted)) throw validation(`The tool ${wanted} named in toolChoice is not in toolConfig.tools.`);
    choice = { tool: wanted };
  }
  return { tools, choice };
}

/** The text a tool block counts as (and is quoted as): see README.md for the token rule. */
function toolUseText(b: Json): string {
  return `${String(b.name)} ${JSON.stringify(b.input ?? {})}`;
}

function toolResultText(b: Json): string {
  const parts = Array.isArray(b.content) ? b.content : [];
  return parts.map((p: unknown) => (isObj(p) && typeof p.text === 'string' ? p.text : isObj(p) && p.json !== undefined ? JSON.stringify(p.json) : '')).filter(Boolean).join('\n');
}

/** Checks Bedrock's pairing rules and returns the body with every tool block as text. */
function plainBody(body: Json, tools: OfferedTool[]): Json {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const usesToolBlocks = usesTools({ messages });
  // langgenius/dify#17545, vxcontrol/pentagi#196 quote this text.
  if (usesToolBlocks && tools.length === 0) throw validation('The toolConfig field must be defined when using toolUse and toolResult content blocks.');
  let previousUses: string[] = [];
  const converted = messages.map((m: unknown, i) => {
    if (!isObj(m) || !Array.isArray(m.content)) return m;
    const uses: string[] = [];
    const results: string[] = [];
    const content = m.content.map((b: unknown): unknown => {
      if (!isObj(b)) return b;
      if (isObj(b.toolUse)) {
        if (m.role !== 'assistant') throw validation(`A toolUse block is only allowed in an assistant message (messages.${i}).`);
        uses.push(String(b.toolUse.toolUseId));
        return { text: toolUseText(b.toolUse) };
      }
      if (isObj(b.toolResult)) {
        if (m.role !== 'user') throw validation(`A toolResult block is only allowed in a user message (messages.${i}).`);
        results.push(String(b.toolResult.toolUseId));
        return { text: toolResultText(b.toolResult) || '(empty tool result)' };
      }
      return b;
    });
    if (m.role === 'user') {
      if (results.length > previousUses.length) {
        throw validation(`The number of toolResult blocks at messages.${i}.content exceeds the number of toolUse blocks of previous turn.`);
      }
      const missing = previousUses.filter((id) => !results.includes(id));
      if (missing.length > 0) throw validation(`Expected toolResult blocks at messages.${i}.content for the following Ids: ${missing.join(', ')}`);
    }
    previousUses = m.role === 'assistant' ? uses : [];
    return { ...m, content };
  });
  const rest: Json = { ...body, messages: converted };
  delete rest.toolConfig;
  return rest;
}

/** Tokens the tool definitions add to inputTokens: name, description and schema JSON. */
export function toolSpecTokens(tools: OfferedTool[]): number {
  return tools.reduce((n, t) => n + countTokens(`${t.name} ${t.description} ${JSON.stringify(t.schema)}`), 0);
}

function firstJsonObject(text: string): Json | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    for (let end = text.lastIndexOf('}'); end > start; end = text.lastIndexOf('}', end - 1)) {
      try {
        const v: unknown = JSON.parse(text.slice(start, end + 1));
        if (isObj(v)) return v;
      } catch {
        // not this span
      }
    }
  }
  return undefined;
}

/** A value for each schema property: its default, first enum value, or a plain one per type. */
function inputFromSchema(schema: Json): Json {
  const props = isObj(schema.properties) ? schema.properties : {};
  const out: Json = {};
  for (const [key, p] of Object.entries(props)) {
    if (!isObj(p)) continue;
    if (p.default !== undefined) out[key] = p.default;
    else if (Array.isArray(p.enum) && p.enum.length > 0) out[key] = p.enum[0];
    else if (p.type === 'number' || p.type === 'integer') out[key] = typeof p.minimum === 'number' ? p.minimum : 1;
    else if (p.type === 'boolean') out[key] = true;
    else if (p.type === 'array') out[key] = [];
    else if (p.type === 'object') out[key] = {};
    else out[key] = `example ${key}`;
  }
  return out;
}

/** The call the stand-in makes, if any: the last message must be the user's own words. */
export function chooseToolCall(messages: unknown[], tools: OfferedTool[], choice: 'auto' | 'any' | { tool: string }): ToolCall | undefined {
  if (tools.length === 0) return undefined;
  const last = messages[messages.length - 1];
  if (!isObj(last) || last.role !== 'user' || !Array.isArray(last.content)) return undefined;
  // After a tool result the model answers in words (unless toolChoice insists).
  const answersResult = last.content.some((b: unknown) => isObj(b) && b.toolResult !== undefined);
  const text = last.content.map((b: unknown) => (isObj(b) && typeof b.text === 'string' ? b.text : '')).join('\n');
  let tool: OfferedTool | undefined;
  if (typeof choice === 'object') tool = tools.find((t) => t.name === choice.tool);
  else if (!answersResult) tool = tools.find((t) => new RegExp(`(^|[^\\w-])${t.name}($|[^\\w-])`).test(text));
  if (!tool && choice === 'any') tool = tools[0];
  if (!tool) return undefined;
  const input = firstJsonObject(text) ?? inputFromSchema(tool.schema);
  const toolUseId = `tooluse_${hash32(`${messages.length} ${tool.name} ${JSON.stringify(input)}`).toString(36)}${messages.length}`;
  return { toolUseId, name: tool.name, input };
}

interface ToolAnswer {
  inputTokens: number;
  /** Set when the stand-in calls a tool; `result` then holds the short text said before it. */
  call?: ToolCall;
  result: TextResult;
}

function answer(ctx: OperationContext): ToolAnswer {
  const body = ctx.json();
  const { tools, choice } = parseTools(body.toolConfig);
  // Cache points (also in toolConfig.tools) are checked on the body as sent; with tools the stand-in
  // reports no cache usage (a stand-in limit, README).
  cacheCheckpoints(ctx.model(), body, IMAGE_TOKENS);
  const req = parseConverse(ctx.model(), plainBody(body, tools));
  const inputTokens = req.inputTokens + toolSpecTokens(tools);
  const call = chooseToolCall(Array.isArray(body.messages) ? body.messages : [], tools, choice);
  if (!call) return { inputTokens, result: generateText({ ...req, inputTokens }, ctx.state.takeReply()) };
  const lead = `I will call ${call.name} for this.`;
  const tokens = splitTokens(lead);
  const result: TextResult = { reasoning: [], tokens, text: lead, stopReason: 'end_turn', outputTokens: tokens.length + countTokens(JSON.stringify(call.input)) };
  return { inputTokens, call, result };
}

export async function converseWithTools(ctx: OperationContext): Promise<void> {
  const { inputTokens, call, result } = answer(ctx);
  if (!(await beforeSingleResponse(ctx))) return;
  if (ctx.logged) ctx.logged.usage = { inputTokens, outputTokens: result.outputTokens };
  const content: unknown[] = [{ text: result.text }];
  if (call) content.push({ toolUse: call });
  sendJson(ctx.ex, 200, {
    output: { message: { role: 'assistant', content } },
    stopReason: call ? 'tool_use' : result.stopReason,
    usage: { inputTokens, outputTokens: result.outputTokens, totalTokens: inputTokens + result.outputTokens },
    metrics: { latencyMs: Date.now() - ctx.started },
  });
}

export async function converseStreamWithTools(ctx: OperationContext): Promise<void> {
  const { inputTokens, call, result } = answer(ctx);
  if (ctx.logged) ctx.logged.usage = { inputTokens, outputTokens: result.outputTokens };
  const events: PlannedEvent[] = [{ frame: () => eventFrame('messageStart', { role: 'assistant' }), tokens: 0 }];
  for (const g of deltaGroups(result.tokens)) {
    events.push({ frame: () => eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: g.join('') } }), tokens: g.length });
  }
  events.push({ frame: () => eventFrame('contentBlockStop', { contentBlockIndex: 0 }), tokens: 0 });
  if (call) {
    const { toolUseId, name } = call;
    events.push({ frame: () => eventFrame('contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId, name } } }), tokens: 0 });
    // The input JSON arrives in pieces, as Bedrock sends it; only the joined pieces parse.
    const json = JSON.stringify(call.input);
    const step = Math.max(1, Math.ceil(json.length / 3));
    for (let i = 0; i < json.length; i += step) {
      const piece = json.slice(i, i + step);
      events.push({ frame: () => eventFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: piece } } }), tokens: 1 });
    }
    events.push({ frame: () => eventFrame('contentBlockStop', { contentBlockIndex: 1 }), tokens: 0 });
  }
  events.push({ frame: () => eventFrame('messageStop', { stopReason: call ? 'tool_use' : result.stopReason }), tokens: 0 });
  events.push({
    frame: () => eventFrame('metadata', {
      usage: { inputTokens, outputTokens: result.outputTokens, totalTokens: inputTokens + result.outputTokens },
      metrics: { latencyMs: Date.now() - ctx.started },
    }),
    tokens: 0,
  });
  await sendEventStream(ctx.ex, events, ctx.fault, ctx.state, {}, ctx.logged);
}

/** Wraps a Converse handler: requests with tools go to the tool-aware one. */
export function withToolUse(plain: (ctx: OperationContext) => Promise<void>, tools: (ctx: OperationContext) => Promise<void>): (ctx: OperationContext) => Promise<void> {
  return (ctx) => (usesTools(ctx.json()) ? tools(ctx) : plain(ctx));
}
