// "Export as Markdown": the conversation as a readable document. Answers are markdown already and
// go in as they are; user messages are quoted so their text cannot restructure the document.
// Partial, failed and stopped answers say so. Images are named, not embedded.

import type { TurnView } from '../../protocol/chat';
import type { Conversation } from './conversation';
import { conversationTitle } from './conversation';

function quote(text: string): string {
  return text.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
}

function metricsLine(t: TurnView): string {
  const m = t.metrics;
  const parts: string[] = [];
  if (m?.demo) parts.push('demo: a stand-in answer, not Amazon Bedrock');
  if (t.invokedId) parts.push(`model \`${t.invokedId}\``);
  if (m?.timeToFirstTokenMs !== undefined) parts.push(`first token ${Math.round(m.timeToFirstTokenMs)} ms`);
  if (m?.totalLatencyMs !== undefined) parts.push(`total ${Math.round(m.totalLatencyMs)} ms`);
  if (m?.inputTokens !== undefined) parts.push(`${m.inputTokens} tokens in`);
  if (m?.outputTokens !== undefined) parts.push(`${m.outputTokens} out`);
  if (m?.stopReason) parts.push(`stop: ${m.stopReason}`);
  return parts.length ? `*${parts.join(' · ')}*` : '';
}

export function conversationMarkdown(c: Conversation, now = new Date()): string {
  const out: string[] = [`# ${conversationTitle(c)}`, '', `*Exported from Bedrock Playground on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.*`, ''];
  if (c.turns.some((t) => t.metrics?.demo)) out.push('*Answers marked demo came from the demo\'s stand-in models on this computer, not from Amazon Bedrock.*', '');
  if (c.options.system.trim()) out.push('**System prompt**', '', quote(c.options.system), '');
  for (const t of c.turns) {
    if (t.role === 'user') {
      out.push('## You', '');
      if (t.text) out.push(quote(t.text), '');
      for (const a of t.attachments ?? []) out.push(`*[image attached: ${a.name || a.format}]*`, '');
      continue;
    }
    out.push(`## ${t.modelName ?? t.modelId ?? 'Answer'}`, '');
    if (t.text) out.push(closeOpenFence(t.text.trimEnd()), '');
    if (t.status === 'cancelled') out.push('*(Stopped before the answer was complete.)*', '');
    if (t.status === 'interrupted') out.push('*(Interrupted: the window was reloaded or closed while the answer was arriving.)*', '');
    if (t.status === 'error' && t.error) out.push(`> **Error:** ${t.error.message.replace(/\n/g, ' ')}${t.text ? ' (the answer above is partial)' : ''}`, '');
    const metrics = metricsLine(t);
    if (metrics) out.push(metrics, '');
  }
  return out.join('\n');
}

/** A partial answer can stop inside a code block; closing it keeps the rest of the document intact. */
function closeOpenFence(text: string): string {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    if (!open) open = m[1];
    else if (m[1]![0] === open[0] && m[1]!.length >= open.length && /^ {0,3}(`{3,}|~{3,})\s*$/.test(line)) open = undefined;
  }
  return open ? `${text}\n${open}` : text;
}
