// Each text family's own response body and streamed chunks, from one generated reply.
import { randomUUID } from 'node:crypto';
import type { Family } from './models';
import type { StopReason, TextRequest, TextResult } from './textReply';
import { deltaGroups } from './tokens';

/** One streamed model chunk (the JSON the SDK hands back as `chunk.bytes`) and its token count. */
export interface ModelChunk { body: Record<string, unknown>; tokens: number }

const REASONS: Record<string, Record<StopReason, string>> = {
  claude: { end_turn: 'end_turn', max_tokens: 'max_tokens', stop_sequence: 'stop_sequence' },
  nova: { end_turn: 'end_turn', max_tokens: 'max_tokens', stop_sequence: 'stop_sequence' },
  titanText: { end_turn: 'FINISH', max_tokens: 'LENGTH', stop_sequence: 'STOP_CRITERIA_MET' },
  llama: { end_turn: 'stop', max_tokens: 'length', stop_sequence: 'stop' },
  mistral: { end_turn: 'stop', max_tokens: 'length', stop_sequence: 'stop' },
  cohereR: { end_turn: 'COMPLETE', max_tokens: 'MAX_TOKENS', stop_sequence: 'COMPLETE' },
  cohereText: { end_turn: 'COMPLETE', max_tokens: 'MAX_TOKENS', stop_sequence: 'COMPLETE' },
  jamba: { end_turn: 'stop', max_tokens: 'length', stop_sequence: 'stop' },
  openai: { end_turn: 'stop', max_tokens: 'length', stop_sequence: 'stop' },
};

/** gpt-oss through InvokeModel: the reasoning in <reasoning> tags, then the text (AWS user guide, "OpenAI models"). */
const openaiContent = (res: TextResult): string => (res.reasoning.length ? `<reasoning>${res.reasoning.join('')}</reasoning>` : '') + res.text;

export const familyStopReason = (family: Family, r: StopReason): string => REASONS[family]?.[r] ?? r;

/** The non-streaming InvokeModel body. */
export function textResponse(family: Family, req: TextRequest, res: TextResult): Record<string, unknown> {
  const reason = familyStopReason(family, res.stopReason);
  const usage = { inputTokens: req.inputTokens, outputTokens: res.outputTokens, totalTokens: req.inputTokens + res.outputTokens };
  switch (family) {
    case 'claude': {
      const content: unknown[] = res.reasoning.length ? [{ type: 'thinking', thinking: res.reasoning.join(''), signature: 'bG9jYWw=' }] : [];
      content.push({ type: 'text', text: res.text });
      return {
        id: `msg_bdrk_${randomUUID().replace(/-/g, '').slice(0, 24)}`, type: 'message', role: 'assistant', model: req.modelId, content,
        stop_reason: reason, stop_sequence: res.stopSequence ?? null,
        usage: { input_tokens: req.inputTokens, output_tokens: res.outputTokens },
      };
    }
    case 'nova': return { output: { message: { role: 'assistant', content: [{ text: res.text }] } }, stopReason: reason, usage };
    case 'titanText': return { inputTextTokenCount: req.inputTokens, results: [{ tokenCount: res.outputTokens, outputText: res.text, completionReason: reason }] };
    case 'llama': return { generation: res.text, prompt_token_count: req.inputTokens, generation_token_count: res.outputTokens, stop_reason: reason };
    case 'mistral': return { outputs: [{ text: res.text, stop_reason: reason }] };
    case 'cohereR': return { response_id: randomUUID(), text: res.text, generation_id: randomUUID(), chat_history: [], finish_reason: reason };
    case 'cohereText': return { id: randomUUID(), prompt: req.lastUserText, generations: [{ id: randomUUID(), text: res.text, finish_reason: reason }] };
    case 'jamba': return {
      id: `chatcmpl-${randomUUID()}`, model: req.modelId,
      choices: [{ index: 0, message: { role: 'assistant', content: res.text }, finish_reason: reason }],
      usage: { prompt_tokens: req.inputTokens, completion_tokens: res.outputTokens, total_tokens: usage.totalTokens },
    };
    case 'openai': return {
      id: `chatcmpl-${randomUUID()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: req.modelId,
      choices: [{ index: 0, message: { role: 'assistant', content: openaiContent(res) }, finish_reason: reason }],
      usage: { prompt_tokens: req.inputTokens, completion_tokens: res.outputTokens, total_tokens: usage.totalTokens },
    };
    default: return {};
  }
}


/** The streamed chunks, in the family's own event shapes; deltas carry 1–3 tokens each. */
export function textChunks(family: Family, req: TextRequest, res: TextResult): ModelChunk[] {
  const groups = deltaGroups(res.tokens).map((g) => ({ text: g.join(''), tokens: g.length }));
  const reason = familyStopReason(family, res.stopReason);
  const out: ModelChunk[] = [];
  const push = (body: Record<string, unknown>, tokens = 0): void => { out.push({ body, tokens }); };
  switch (family) {
    case 'claude': {
      push({ type: 'message_start', message: { id: `msg_bdrk_${randomUUID().slice(0, 8)}`, type: 'message', role: 'assistant', model: req.modelId, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: req.inputTokens, output_tokens: 1 } } });
      let index = 0;
      if (res.reasoning.length) {
        push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } });
        for (const g of deltaGroups(res.reasoning)) push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: g.join('') } }, g.length);
        push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'bG9jYWw=' } });
        push({ type: 'content_block_stop', index });
        index++;
      }
      push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const g of groups) push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: g.text } }, g.tokens);
      push({ type: 'content_block_stop', index });
      push({ type: 'message_delta', delta: { stop_reason: reason, stop_sequence: res.stopSequence ?? null }, usage: { output_tokens: res.outputTokens } });
      push({ type: 'message_stop' });
      break;
    }
    case 'nova':
      push({ messageStart: { role: 'assistant' } });
      for (const g of groups) push({ contentBlockDelta: { delta: { text: g.text }, contentBlockIndex: 0 } }, g.tokens);
      push({ contentBlockStop: { contentBlockIndex: 0 } });
      push({ messageStop: { stopReason: reason } });
      push({ metadata: { usage: { inputTokens: req.inputTokens, outputTokens: res.outputTokens }, metrics: {}, trace: {} } });
      break;
    case 'titanText': {
      let total = 0;
      groups.forEach((g, i) => {
        total += g.tokens;
        const last = i === groups.length - 1;
        push({ outputText: g.text, index: 0, totalOutputTextTokenCount: total, completionReason: last ? reason : null, ...(i === 0 ? { inputTextTokenCount: req.inputTokens } : {}) }, g.tokens);
      });
      if (groups.length === 0) push({ outputText: '', index: 0, totalOutputTextTokenCount: 0, completionReason: reason, inputTextTokenCount: req.inputTokens });
      break;
    }
    case 'llama': {
      let total = 0;
      groups.forEach((g, i) => {
        total += g.tokens;
        push({ generation: g.text, prompt_token_count: i === 0 ? req.inputTokens : null, generation_token_count: total, stop_reason: null }, g.tokens);
      });
      push({ generation: '', prompt_token_count: null, generation_token_count: total, stop_reason: reason });
      break;
    }
    case 'mistral':
      for (const g of groups) push({ outputs: [{ text: g.text, stop_reason: null }] }, g.tokens);
      push({ outputs: [{ text: '', stop_reason: reason }] });
      break;
    case 'cohereR':
      push({ is_finished: false, event_type: 'stream-start', generation_id: randomUUID() });
      for (const g of groups) push({ is_finished: false, event_type: 'text-generation', text: g.text }, g.tokens);
      push({ is_finished: true, event_type: 'stream-end', finish_reason: reason, response: { response_id: randomUUID(), text: res.text, finish_reason: reason } });
      break;
    case 'cohereText':
      for (const g of groups) push({ text: g.text, is_finished: false, index: 0 }, g.tokens);
      push({ is_finished: true, finish_reason: reason, response: { id: randomUUID(), prompt: req.lastUserText, generations: [{ id: randomUUID(), text: res.text, finish_reason: reason }] } });
      break;
    case 'jamba': {
      const id = `chatcmpl-${randomUUID()}`;
      for (const g of groups) push({ id, choices: [{ index: 0, delta: { content: g.text }, finish_reason: null }] }, g.tokens);
      push({ id, choices: [{ index: 0, delta: {}, finish_reason: reason }], usage: { prompt_tokens: req.inputTokens, completion_tokens: res.outputTokens, total_tokens: req.inputTokens + res.outputTokens } });
      break;
    }
    default:
      break;
  }
  return out;
}
