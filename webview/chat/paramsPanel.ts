// Inference parameters for the selected model: native range inputs with numeric fields (the
// toolkit has no slider), system prompt, stop sequences, streaming. Ranges, defaults and enabled
// state come from the model's ParameterSpec; a disabled control says why; for pairs the model will
// not take together (Claude 4.5+: temperature and top P) the user picks which one is sent.

import type { NumericParameterSpec, ParameterName, ParameterSpec } from '../../src/protocol/bedrockTypes';
import type { ChatOptions, ModelOption } from '../../src/protocol/chat';
import { button, checkbox } from '../components';
import { clear, h } from '../dom';
import { createCostControls } from './costControls';
import { formatParam } from './format';

type NumericName = 'temperature' | 'topP' | 'topK' | 'maxTokens';
const NUMERIC: Array<{ name: NumericName; label: string; help: string }> = [
  { name: 'temperature', label: 'Temperature', help: 'Randomness: lower is more focused, higher more varied.' },
  { name: 'topP', label: 'Top P', help: 'Samples only from the most likely tokens whose probabilities add up to this.' },
  { name: 'topK', label: 'Top K', help: 'Samples only from this many most likely tokens.' },
  { name: 'maxTokens', label: 'Max tokens', help: 'Longest answer, in tokens.' },
];
const LABEL: Record<ParameterName, string> = { temperature: 'Temperature', topP: 'Top P', topK: 'Top K', maxTokens: 'Max tokens', stopSequences: 'Stop sequences' };

interface NumericControl { row: HTMLElement; range: HTMLInputElement; field: HTMLInputElement; reset: HTMLElement; reason: HTMLElement }

export interface ParamsPanel {
  element: HTMLElement;
  /** Shows the model's controls with these values. */
  show(model: ModelOption | undefined, options: ChatOptions): void;
}

/** The value that will be sent for a parameter, or undefined for the model's default. */
export function clampToSpec(v: number | undefined, spec: NumericParameterSpec): number | undefined {
  if (v === undefined || !Number.isFinite(v)) return undefined;
  return Math.min(spec.max, Math.max(spec.min, v));
}

/** For each exclusive pair, the member that is sent (the user's choice, else the first). */
export function chosenOf(spec: ParameterSpec, chosen: readonly ParameterName[]): Set<ParameterName> {
  const out = new Set<ParameterName>();
  for (const [a, b] of spec.exclusive) out.add(chosen.includes(b) && !chosen.includes(a) ? b : a);
  return out;
}

/** What the stop-sequence box says under it: the model's count and pattern limits, when the text breaks them. */
export function stopHint(spec: ParameterSpec | undefined, lines: readonly string[]): string {
  if (!spec) return '';
  const { max, pattern, patternHint } = spec.stopSequences;
  const notes: string[] = [];
  if (lines.length > max) notes.push(`This model takes at most ${max}; the rest are not sent.`);
  if (pattern) {
    const re = new RegExp(pattern);
    if (lines.some((l) => !re.test(l))) notes.push(`This model takes only ${patternHint ?? pattern}; others are not sent.`);
  }
  return notes.join(' ');
}

/** `idPrefix` keeps element ids and radio groups unique when several panels share the page (the Compare tab's columns). */
export function createParamsPanel(onChange: (patch: Partial<ChatOptions>) => void, idPrefix = ''): ParamsPanel {
  let options: ChatOptions | undefined;
  let spec: ParameterSpec | undefined;
  const controls = new Map<NumericName, NumericControl>();
  const exclusiveBox = h('div', { class: 'exclusive-choices' });

  const emitNumber = (name: NumericName, value: number | undefined) => {
    if (!options) return;
    options = { ...options, [name]: value };
    onChange({ [name]: value });
  };

  for (const p of NUMERIC) {
    const id = `${idPrefix}param-${p.name}`;
    const range = h('input', { type: 'range', id, class: 'param-range', 'aria-describedby': `${id}-reason` });
    const field = h('input', { type: 'number', class: 'param-field', 'aria-label': `${p.label} value` });
    const reason = h('div', { class: 'param-reason', id: `${id}-reason` });
    const reset = button({ label: '↺', appearance: 'icon', title: `Use the model's default ${p.label.toLowerCase()}`, className: 'param-reset', onClick: () => { emitNumber(p.name, undefined); render(); } });
    range.addEventListener('input', () => { field.value = range.value; emitNumber(p.name, Number(range.value)); reset.hidden = false; });
    field.addEventListener('change', () => {
      const s = spec?.[p.name];
      const v = field.value.trim() === '' ? undefined : clampToSpec(Number(field.value), s ?? { supported: true, min: -Infinity, max: Infinity, step: 1, default: 0 });
      emitNumber(p.name, v);
      render();
    });
    const row = h('div', { class: `param-row param-${p.name}`, title: p.help },
      h('label', { for: id, class: 'field-label' }, p.label), range, field, reset, reason);
    controls.set(p.name, { row, range, field, reset, reason });
  }

  const system = h('textarea', { id: `${idPrefix}param-system`, class: 'param-system', rows: 3, placeholder: 'Instructions the model follows for the whole conversation', 'aria-describedby': `${idPrefix}param-system-reason` });
  const systemReason = h('div', { class: 'param-reason', id: `${idPrefix}param-system-reason` });
  system.addEventListener('input', () => { if (options) { options = { ...options, system: system.value }; onChange({ system: system.value }); } });

  const stops = h('textarea', { id: `${idPrefix}param-stop`, class: 'param-stop', rows: 2, placeholder: 'One per line', 'aria-describedby': `${idPrefix}param-stop-reason` });
  const stopReason = h('div', { class: 'param-reason', id: `${idPrefix}param-stop-reason` });
  stops.addEventListener('input', () => {
    const max = spec?.stopSequences.max ?? 4;
    const list = stops.value.split('\n').filter((s) => s.length > 0).slice(0, max);
    stopReason.textContent = stopHint(spec, stops.value.split('\n').filter(Boolean));
    if (options) { options = { ...options, stopSequences: list }; onChange({ stopSequences: list }); }
  });

  const streamReason = h('div', { class: 'param-reason', id: 'param-stream-reason' });
  const stream = checkbox({ label: 'Stream the answer', checked: true, className: 'param-streaming', onChange: (v) => { if (options) { options = { ...options, stream: v }; onChange({ stream: v }); } } });

  const costControls = createCostControls((patch) => {
    if (!options) return;
    options = { ...options, ...patch };
    onChange(patch);
    render();
  }, idPrefix);

  const element = h('section', { class: 'params', 'aria-label': 'Parameters' },
    h('div', { class: 'param-block' }, h('label', { for: `${idPrefix}param-system`, class: 'field-label' }, 'System prompt'), system, systemReason),
    costControls.element,
    exclusiveBox,
    ...NUMERIC.map((p) => controls.get(p.name)!.row),
    h('div', { class: 'param-block' }, h('label', { for: `${idPrefix}param-stop`, class: 'field-label' }, 'Stop sequences'), stops, stopReason),
    stream.element,
    streamReason,
  );

  let model: ModelOption | undefined;

  function render(): void {
    if (!options) return;
    const s = spec;
    const sent = s ? chosenOf(s, options.chosen) : new Set<ParameterName>();
    const excluded = new Map<ParameterName, ParameterName>();
    if (s) for (const [a, b] of s.exclusive) excluded.set(sent.has(a) ? b : a, sent.has(a) ? a : b);

    for (const p of NUMERIC) {
      const c = controls.get(p.name)!;
      const ps = s?.[p.name];
      const value = options[p.name];
      if (!ps) {
        c.range.disabled = c.field.disabled = true;
        c.reason.textContent = 'Choose a model first.';
        c.reset.hidden = true;
        continue;
      }
      c.range.min = c.field.min = String(ps.min);
      c.range.max = c.field.max = String(ps.max);
      c.range.step = c.field.step = String(ps.step);
      const shown = clampToSpec(value, ps) ?? ps.default;
      c.range.value = String(shown);
      c.field.value = formatParam(shown, ps.step);
      c.reset.hidden = value === undefined;
      const otherOfPair = excluded.get(p.name);
      const refusedWhileReasoning = s?.reasoning && options.reasoningBudget !== undefined && s.reasoning.refuses.includes(p.name);
      const why = !ps.supported ? (ps.reason ?? `${model?.name ?? 'This model'} does not take ${p.label.toLowerCase()}.`)
        : refusedWhileReasoning ? s.reasoning!.refusesReason
        : otherOfPair ? `Not sent: ${model?.name ?? 'this model'} takes ${LABEL[otherOfPair].toLowerCase()} or ${p.label.toLowerCase()}, not both. Choose above.`
          : '';
      c.range.disabled = c.field.disabled = !!why;
      c.reason.textContent = why || (ps.note ?? '');
      c.row.classList.toggle('disabled', !!why);
      c.field.placeholder = value === undefined ? `default ${formatParam(ps.default, ps.step)}` : '';
    }

    clear(exclusiveBox);
    for (const [a, b] of s?.exclusive ?? []) {
      const name = `${idPrefix}exclusive-${a}-${b}`;
      const radio = (p: ParameterName) => {
        const input = h('input', { type: 'radio', name, value: p, id: `${name}-${p}`, checked: sent.has(p) });
        input.addEventListener('change', () => {
          if (!options || !input.checked) return;
          const other = p === a ? b : a;
          const chosen = [...options.chosen.filter((x) => x !== other && x !== p), p];
          options = { ...options, chosen };
          onChange({ chosen });
          render();
        });
        return h('label', { for: `${name}-${p}`, class: 'radio-label' }, input, ` ${LABEL[p]}`);
      };
      exclusiveBox.appendChild(h('fieldset', { class: 'exclusive' },
        h('legend', {}, `${model?.name ?? 'This model'} takes ${LABEL[a].toLowerCase()} or ${LABEL[b].toLowerCase()}, not both. Send:`),
        radio(a), radio(b)));
    }

    costControls.render(s, options, model?.name ?? 'This model');
    system.value = options.system;
    system.disabled = !!s && !s.systemPrompt.supported;
    systemReason.textContent = s && !s.systemPrompt.supported ? (s.systemPrompt.reason ?? 'This model takes no system prompt.') : '';
    stops.value = options.stopSequences.join('\n');
    stops.disabled = !!s && !s.stopSequences.supported;
    stopReason.textContent = s && !s.stopSequences.supported ? (s.stopSequences.reason ?? 'This model takes no stop sequences.') : '';
    const canStream = model?.streaming ?? true;
    stream.checked = options.stream && canStream;
    const noStream = canStream ? undefined : `${model?.name ?? 'This model'} does not stream; its answer arrives in one piece.`;
    stream.setDisabled(!canStream, noStream);
    streamReason.textContent = noStream ?? '';
  }

  return {
    element,
    show(m, o) {
      model = m;
      spec = m?.spec;
      options = o;
      render();
    },
  };
}
