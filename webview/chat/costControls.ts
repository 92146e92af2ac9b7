// "Cache the prompt" and "Reason before answering" with its budget: shown only for models that take
// them (the registry's promptCache / reasoning in the ParameterSpec). The budget range is the model's
// minimum up to one below max tokens (Claude's extended thinking: budget_tokens ≥ 1024 and < max_tokens).
// Models that take an effort level instead (reasoningEffort: Nova 2, gpt-oss) get a select in the same
// block; a model that always reasons (gpt-oss) has no checkbox, and its select starts at "model default".

import type { ParameterSpec } from '../../src/protocol/bedrockTypes';
import type { ChatOptions } from '../../src/protocol/chat';
import { checkbox } from '../components';
import { h } from '../dom';

export interface CostControls {
  element: HTMLElement;
  render(spec: ParameterSpec | undefined, options: ChatOptions, modelName: string): void;
}

/** The largest budget the model takes with these options: one below the max tokens that will be sent. */
export function budgetMax(spec: ParameterSpec, options: ChatOptions): number {
  const maxTokens = options.maxTokens ?? spec.maxTokens.default;
  return Math.min(spec.maxTokens.max, maxTokens) - 1;
}

export function createCostControls(onChange: (patch: Partial<ChatOptions>) => void, idPrefix = ''): CostControls {
  let options: ChatOptions | undefined;
  let spec: ParameterSpec | undefined;
  const emit = (patch: Partial<ChatOptions>) => {
    if (!options) return;
    options = { ...options, ...patch };
    onChange(patch);
  };

  const cacheReason = h('div', { class: 'param-reason', id: `${idPrefix}param-cache-reason` });
  const cache = checkbox({ label: 'Cache the prompt', checked: false, className: 'param-cache', onChange: (v) => emit({ cachePrompt: v }) });
  const cacheBlock = h('div', { class: 'param-block param-cache-block' }, cache.element, cacheReason);

  const id = `${idPrefix}param-reasoning-budget`;
  const range = h('input', { type: 'range', id, class: 'param-range', 'aria-describedby': `${id}-reason` });
  const field = h('input', { type: 'number', class: 'param-field param-reasoning-field', 'aria-label': 'Reasoning budget value' });
  const budgetReason = h('div', { class: 'param-reason', id: `${id}-reason` });
  const reasoning = checkbox({
    label: 'Reason before answering', checked: false, className: 'param-reasoning',
    onChange: (v) => {
      if (spec?.reasoningEffort) emit({ reasoningEffort: v ? spec.reasoningEffort.default : undefined });
      else emit({ reasoningBudget: v ? (spec?.reasoning?.default ?? 1024) : undefined });
      renderAgain();
    },
  });
  const effortId = `${idPrefix}param-reasoning-effort`;
  const effortSelect = h('select', { id: effortId, class: 'param-reasoning-effort', 'aria-describedby': `${effortId}-reason` });
  effortSelect.addEventListener('change', () => { emit({ reasoningEffort: effortSelect.value || undefined }); renderAgain(); });
  const effortReason = h('div', { class: 'param-reason', id: `${effortId}-reason` });
  const effortRow = h('div', { class: 'param-row param-reasoningEffort', title: 'How much the model reasons before answering; reasoning tokens count as output tokens.' },
    h('label', { for: effortId, class: 'field-label' }, 'Reasoning effort'), effortSelect, effortReason);
  const setBudget = (v: number) => {
    if (!spec?.reasoning || !options) return;
    const clamped = Math.round(Math.min(budgetMax(spec, options), Math.max(spec.reasoning.min, v)));
    emit({ reasoningBudget: clamped });
    renderAgain();
  };
  range.addEventListener('input', () => { field.value = range.value; emit({ reasoningBudget: Number(range.value) }); });
  field.addEventListener('change', () => { if (field.value.trim() !== '') setBudget(Number(field.value)); });
  const budgetRow = h('div', { class: 'param-row param-reasoningBudget', title: 'Most tokens the model may spend reasoning; they count as output tokens.' },
    h('label', { for: id, class: 'field-label' }, 'Reasoning budget'), range, field, h('span', {}), budgetReason);
  const reasoningBlock = h('div', { class: 'param-block param-reasoning-block' }, reasoning.element, budgetRow, effortRow);

  const element = h('div', { class: 'cost-controls' }, cacheBlock, reasoningBlock);
  let lastName = '';

  function renderAgain(): void { if (options) render(spec, options, lastName); }

  function render(s: ParameterSpec | undefined, o: ChatOptions, modelName: string): void {
    spec = s;
    options = o;
    lastName = modelName;
    const pc = s?.promptCache;
    cacheBlock.hidden = !pc;
    if (pc) {
      cache.checked = o.cachePrompt === true;
      cacheReason.textContent = `Cache points after the system prompt and the conversation so far (at most ${pc.maxPoints}); a part shorter than ${pc.minTokens.toLocaleString('en-US')} tokens is not cached.`;
    }
    if (s?.reasoningAlwaysOn) {
      reasoningBlock.hidden = false;
      reasoning.element.hidden = true;
      budgetRow.hidden = true;
      effortRow.hidden = false;
      effortRow.querySelector('label')!.hidden = true;
      effortSelect.hidden = true;
      effortReason.textContent = s.reasoningAlwaysOn;
      return;
    }
    effortRow.querySelector('label')!.hidden = false;
    effortSelect.hidden = false;
    const e = s?.reasoningEffort;
    if (e) {
      renderEffort(e, o, modelName);
      return;
    }
    const r = s?.reasoning;
    reasoningBlock.hidden = !r;
    reasoning.element.hidden = false;
    effortRow.hidden = true;
    if (!r || !s) return;
    const on = o.reasoningBudget !== undefined;
    reasoning.checked = on;
    const max = budgetMax(s, o);
    const room = max >= r.min;
    reasoning.setDisabled(!room && !on, room ? undefined : `Reasoning needs max tokens above ${r.min}.`);
    budgetRow.hidden = !on;
    range.min = field.min = String(r.min);
    range.max = field.max = String(Math.max(r.min, max));
    range.step = field.step = '1';
    const value = Math.min(Math.max(r.min, o.reasoningBudget ?? r.default), Math.max(r.min, max));
    range.value = field.value = String(value);
    budgetReason.textContent = room
      ? `${r.min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}: at least ${r.min.toLocaleString('en-US')} and below max tokens. ${modelName} then takes no ${r.refuses.map((p) => ({ temperature: 'temperature', topP: 'top P', topK: 'top K', maxTokens: 'max tokens', stopSequences: 'stop sequences' })[p]).join(', ')}.`
      : `Raise max tokens above ${r.min} to reason.`;
  }

  function renderEffort(e: NonNullable<ParameterSpec['reasoningEffort']>, o: ChatOptions, modelName: string): void {
    reasoningBlock.hidden = false;
    budgetRow.hidden = true;
    reasoning.element.hidden = e.alwaysOn;
    reasoning.setDisabled(false);
    const chosen = o.reasoningEffort !== undefined && e.levels.includes(o.reasoningEffort) ? o.reasoningEffort : undefined;
    reasoning.checked = chosen !== undefined;
    effortRow.hidden = !e.alwaysOn && chosen === undefined;
    effortSelect.replaceChildren(
      ...(e.alwaysOn ? [h('option', { value: '' }, `Model default (${e.default})`)] : []),
      ...e.levels.map((l) => h('option', { value: l }, l)),
    );
    effortSelect.value = chosen ?? (e.alwaysOn ? '' : e.default);
    effortReason.textContent = e.alwaysOn
      ? `${modelName} always reasons; the effort sets how much (${e.levels.join(', ')}).`
      : `${modelName} reasons only when asked; the effort is the most it may spend (${e.levels.join(', ')}).`;
  }

  return { element, render };
}
