// One turn of the conversation on screen. A user turn is plain text (never parsed as markdown) with
// its images; an assistant turn is streamed markdown with its status, metrics, API request and,
// when it failed, the error in plain words with the buttons that fix it.

import type { TurnView } from '../../src/protocol/chat';
import type { GuardrailOutcomeView } from '../../src/protocol/guardrails';
import { costDetail, costLabel } from '../../src/protocol/cost';
import { button, spinner } from '../components';
import { clear, h } from '../dom';
import { StreamingMarkdown } from '../markdown/streamRenderer';
import { formatCount, formatMs } from './format';
import { whenNearViewport } from './nearViewport';
import { requestDetails } from './requestView';

export interface TurnActions {
  retry(turn: TurnView): void;
  edit(turn: TurnView): void;
  runAction(turn: TurnView, actionIndex: number): void;
  copyAsCode(turn: TurnView): void;
  openRequest(turn: TurnView): void;
  decorate(block: HTMLElement): void;
}

const STATUS_TEXT: Record<TurnView['status'], string> = {
  pending: 'Sending…',
  retrying: 'Retrying…',
  streaming: 'Answering…',
  done: '',
  error: 'Failed',
  cancelled: 'Stopped',
  interrupted: 'Interrupted',
};

export class TurnElement {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly who: HTMLElement;
  private renderer: StreamingMarkdown | undefined;
  private renderedFinal = false;
  private frame = 0;
  turn: TurnView;

  /** Set while a finished answer is shown as plain text, waiting to come near the viewport. */
  private cancelDeferred: (() => void) | undefined;

  /**
   * `deferIn`: a finished answer (a restored conversation's older turns) is shown as plain text
   * and rendered as markdown only when it comes near the visible part of this scrolling element.
   */
  constructor(turn: TurnView, private readonly actions: TurnActions, private readonly onPaint: () => void, private readonly deferIn?: HTMLElement) {
    this.turn = turn;
    this.body = h('div', { class: 'turn-body' });
    this.statusLine = h('div', { class: 'turn-status', role: 'status' });
    this.footer = h('div', { class: 'turn-footer' });
    this.who = h('span', { class: 'turn-who' });
    this.element = h('article', { class: `turn turn-${turn.role}`, 'data-turn-id': turn.id, 'aria-label': `${turn.role === 'user' ? 'You' : 'Answer'}` },
      h('header', { class: 'turn-header' }, this.who),
      this.body, this.statusLine, this.footer);
    this.update(turn, false);
  }

  get isStreaming(): boolean {
    return this.turn.status === 'pending' || this.turn.status === 'retrying' || this.turn.status === 'streaming';
  }

  /** New text of the stream filling this turn. */
  appendDelta(delta: string): void {
    if (!this.renderer) this.startRenderer('');
    const first = !this.turn.text;
    this.turn = { ...this.turn, text: this.turn.text + delta, status: 'streaming' };
    this.renderer!.append(delta);
    this.statusLine.hidden = true;
    // The first words are shown at once (up to a frame sooner); the rest once per animation frame.
    if (first && !this.frame) {
      if (this.renderer!.flush()) this.onPaint();
    } else {
      this.schedulePaint();
    }
  }

  /** New reasoning text (models that think aloud); shown folded above the answer. */
  appendReasoning(delta: string): void {
    this.turn = { ...this.turn, reasoning: (this.turn.reasoning ?? '') + delta };
    this.showReasoning(this.turn.reasoning!);
  }

  private showReasoning(text: string): void {
    let r = this.element.querySelector<HTMLDetailsElement>('details.reasoning');
    if (!r) {
      r = h('details', { class: 'reasoning' }, h('summary', {}, 'Reasoning'), h('div', { class: 'reasoning-text' }));
      this.element.insertBefore(r, this.body);
    }
    r.querySelector('.reasoning-text')!.textContent = text;
  }

  /** The host's view of the turn (start, retry, end, or the state after a reload). */
  update(turn: TurnView, isLast: boolean): void {
    const previous = this.turn;
    this.turn = turn;
    // The model's name is known once the host has found it in the catalog.
    this.who.textContent = turn.role === 'user' ? 'You' : (turn.modelName ?? turn.modelId ?? 'Model');
    this.who.title = turn.role === 'user' ? '' : (turn.modelId ?? '');
    if (turn.role === 'user') {
      this.renderUser(turn, isLast);
      return;
    }
    this.renderAnswer(turn, previous);
    this.renderStatus(turn);
    this.renderFooter(turn, isLast);
  }

  setLast(isLast: boolean): void {
    if (this.turn.role === 'user') this.renderUser(this.turn, isLast);
    else this.renderFooter(this.turn, isLast);
  }

  private renderUser(turn: TurnView, isLast: boolean): void {
    clear(this.body);
    if (turn.text) this.body.appendChild(h('div', { class: 'user-text' }, turn.text));
    if (turn.attachments?.length) {
      this.body.appendChild(h('div', { class: 'attachments' }, ...turn.attachments.map((a) =>
        h('img', { src: `data:image/${a.format};base64,${a.base64}`, alt: a.name || 'Attached image', title: a.name, class: 'attachment-thumb' }))));
    }
    clear(this.footer);
    if (isLast) this.footer.appendChild(button({ label: 'Edit', title: 'Edit this message and send it again', className: 'turn-edit', onClick: () => this.actions.edit(this.turn) }));
  }

  private startRenderer(text: string): void {
    clear(this.body);
    this.renderer = new StreamingMarkdown(this.body, { decorate: (b) => this.actions.decorate(b) });
    this.renderedFinal = false;
    if (text) this.renderer.append(text);
  }

  private renderAnswer(turn: TurnView, previous: TurnView): void {
    const streaming = turn.status === 'pending' || turn.status === 'retrying' || turn.status === 'streaming';
    if (!streaming && !this.renderer && this.deferIn && turn.text) {
      this.deferRender(turn.text);
      if (turn.reasoning) this.showReasoning(turn.reasoning);
      return;
    }
    this.cancelDeferred?.();
    this.cancelDeferred = undefined;
    const current = this.renderer?.text;
    if (!this.renderer || current === undefined || !turn.text.startsWith(current) || (this.renderedFinal && turn.text !== current)) {
      this.startRenderer(turn.text);
    } else if (turn.text.length > current.length) {
      this.renderer.append(turn.text.slice(current.length));
    }
    if (!streaming && !this.renderedFinal) {
      this.renderer!.finish();
      this.renderedFinal = true;
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.onPaint();
    } else if (streaming) {
      this.schedulePaint();
    }
    void previous;
    if (turn.reasoning) this.showReasoning(turn.reasoning);
  }

  /** Plain text now (cheap, searchable, about the right height); markdown once it is near the viewport. */
  private deferRender(text: string): void {
    const placeholder = this.body.firstElementChild;
    if (this.cancelDeferred && placeholder instanceof HTMLElement && placeholder.classList.contains('md-deferred')) {
      placeholder.textContent = text;
      return;
    }
    this.body.replaceChildren(h('div', { class: 'md-deferred' }, text));
    this.cancelDeferred = whenNearViewport(this.body, this.deferIn!, () => {
      this.cancelDeferred = undefined;
      this.startRenderer(this.turn.text);
      this.renderer!.finish();
      this.renderedFinal = true;
      this.onPaint();
    });
  }

  private schedulePaint(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.renderer?.flush()) this.onPaint();
    });
  }

  private renderStatus(turn: TurnView): void {
    clear(this.statusLine);
    this.statusLine.className = `turn-status status-${turn.status}`;
    const busy = turn.status === 'pending' || turn.status === 'retrying' || (turn.status === 'streaming' && !turn.text);
    if (turn.status === 'retrying' && turn.retry) {
      const r = turn.retry;
      this.statusLine.append(spinner('Retrying'), ` Retrying (attempt ${r.attempt} of ${r.maxAttempts})${r.delayMs ? ` in ${formatMs(r.delayMs)}` : ''}: ${r.reason}`);
    } else if (busy) {
      this.statusLine.append(spinner(STATUS_TEXT[turn.status]), ` ${STATUS_TEXT[turn.status]}`);
    } else if (turn.status === 'cancelled' || turn.status === 'interrupted') {
      this.statusLine.append(turn.text ? `${STATUS_TEXT[turn.status]} — the answer above is partial.` : `${STATUS_TEXT[turn.status]} before any text arrived.`);
    } else if (turn.status === 'error' && turn.error) {
      this.statusLine.appendChild(this.errorBox(turn));
    }
    this.statusLine.hidden = this.statusLine.childNodes.length === 0 || (turn.status === 'streaming' && !!turn.text);
    this.element.classList.toggle('partial', turn.status !== 'done' && !!turn.text && !this.isStreaming);
  }

  private errorBox(turn: TurnView): HTMLElement {
    const e = turn.error!;
    const buttons: HTMLElement[] = [];
    if (e.action) buttons.push(button({ label: e.action.label, appearance: 'primary', className: 'error-action', onClick: () => this.actions.runAction(this.turn, 0) }));
    if (e.retryable && e.action?.kind !== 'retry') buttons.push(button({ label: 'Retry', className: 'error-retry', onClick: () => this.actions.retry(this.turn) }));
    return h('div', { class: 'error-box', role: 'alert' },
      turn.text ? h('div', { class: 'partial-note' }, 'The answer above is partial: the request failed before it finished.') : null,
      h('div', { class: 'error-message' }, e.message),
      e.detail ? h('details', { class: 'error-detail' }, h('summary', {}, 'Details'), h('pre', {}, e.detail)) : null,
      buttons.length ? h('div', { class: 'error-actions' }, ...buttons) : null);
  }

  private renderFooter(turn: TurnView, isLast: boolean): void {
    clear(this.footer);
    if (this.isStreaming) return;
    const m = turn.metrics;
    const parts: HTMLElement[] = [];
    if (m) {
      if (m.demo) parts.push(metric('Demo', 'stand-in answer', 'metric-demo'));
      if (m.timeToFirstTokenMs !== undefined) parts.push(metric('First token', formatMs(m.timeToFirstTokenMs), 'metric-ttft'));
      if (m.totalLatencyMs !== undefined) parts.push(metric('Total', formatMs(m.totalLatencyMs), 'metric-latency'));
      if (m.inputTokens !== undefined || m.outputTokens !== undefined) parts.push(metric('Tokens', `${formatCount(m.inputTokens)} in / ${formatCount(m.outputTokens)} out`, 'metric-tokens'));
      if (m.cacheReadInputTokens !== undefined || m.cacheWriteInputTokens !== undefined) {
        parts.push(metric('Cache', `${formatCount(m.cacheReadInputTokens ?? 0)} read / ${formatCount(m.cacheWriteInputTokens ?? 0)} written`, 'metric-cache'));
      }
      // Bedrock's usage counts reasoning in the output tokens without a figure of its own: estimated here.
      if (turn.reasoning) parts.push(metric('Reasoning', `≈ ${formatCount((turn.reasoning.match(/\S+/g) ?? []).length)} tokens (estimate, part of out)`, 'metric-reasoning'));
      if (m.stopReason) parts.push(metric('Stop', m.stopReason, 'metric-stop'));
      // The cost, its parts and where the prices came from (or why there is none) in the tooltip.
      if (m.cost) parts.push(metric('Cost', costLabel(m.cost), `metric-cost cost-${m.cost.status}`, costDetail(m.cost)));
    }
    if (turn.invokedId) parts.push(metric('Invoked', turn.invokedId, 'metric-invoked', turn.invocationNote));
    if (turn.guardrail) this.footer.appendChild(guardrailNote(turn.guardrail));
    if (parts.length) this.footer.appendChild(h('div', { class: 'metrics' }, ...parts));
    if (turn.correction) {
      this.footer.appendChild(h('div', { class: 'correction', role: 'note' },
        h('span', { class: 'correction-label' }, 'Corrected: '),
        `Bedrock refused the first request ("${turn.correction.refusal}"), so it was sent again ${turn.correction.change}. Remembered for this model.`));
    }
    if (turn.adjustments?.length) {
      this.footer.appendChild(h('ul', { class: 'adjustments' }, ...turn.adjustments.map((a) => h('li', {}, `${a.parameter}: ${a.reason}`))));
    }
    const tools: HTMLElement[] = [];
    if (turn.request) {
      tools.push(requestDetails(turn.request, {
        copyAsCode: () => this.actions.copyAsCode(this.turn),
        open: () => this.actions.openRequest(this.turn),
      }));
    }
    // A failed answer whose error box already offers Retry gets no second Retry button here.
    const errorOffersRetry = turn.status === 'error' && !!turn.error && (turn.error.retryable || turn.error.action?.kind === 'retry');
    if (isLast && !errorOffersRetry) tools.push(button({ label: 'Retry', title: 'Ask for this answer again', className: 'turn-retry', onClick: () => this.actions.retry(this.turn) }));
    if (tools.length) this.footer.appendChild(h('div', { class: 'turn-tools' }, ...tools));
  }
}

const SIDE = { input: 'prompt', output: 'answer' } as const;
const POLICY: Record<GuardrailOutcomeView['findings'][number]['policy'], string> = {
  topic: 'Denied topics', content: 'Content filters', word: 'Word filters', sensitiveInformation: 'Sensitive information',
  contextualGrounding: 'Contextual grounding', automatedReasoning: 'Automated reasoning',
};

/** What the guardrail did, in words, with its assessment (all text nodes: the findings quote the user's and the model's words). */
function guardrailNote(g: GuardrailOutcomeView): HTMLElement {
  return h('div', { class: `guardrail-outcome${g.intervened ? ' intervened' : ''}`, role: 'note' },
    h('span', { class: 'guardrail-label' }, g.intervened ? 'Guardrail intervened: ' : 'Guardrail: '),
    h('span', { class: 'guardrail-summary' }, g.summary),
    g.findings.length
      ? h('details', { class: 'guardrail-assessment' }, h('summary', {}, 'Assessment'),
        h('ul', {}, ...g.findings.map((f) => h('li', {}, h('span', { class: 'guardrail-action' }, f.action), ` ${POLICY[f.policy]}: ${f.what} (${SIDE[f.source]})`))))
      : null);
}

function metric(label: string, value: string, cls: string, title?: string): HTMLElement {
  return h('span', { class: `metric ${cls}`, title }, h('span', { class: 'metric-label' }, `${label} `), h('span', { class: 'metric-value' }, value));
}
