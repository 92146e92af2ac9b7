// The Images tab's form: a picker of the image models, the prompt, and only the controls the
// selected model really has (from its ImageModelSpec), each with that model's range and default.

import type { BedrockErrorInfo, ImageModelSpec } from '../../src/protocol/bedrockTypes';
import type { ImageModelOption, ImageModelsView, ImageSettings } from '../../src/protocol/images';
import { checkSettings, type ImageParameter, PARAMETER_LABELS, type SettingProblem, settingsForModel, sizeKey } from '../../src/protocol/imagesSettings';
import { button, checkbox, setDisabled, spinner } from '../components';
import { showErrorBox } from '../errorBox';
import { clear, h } from '../dom';

export interface FormCallbacks {
  /** The form changed (the tab saves it on the host). */
  onChange(settings: ImageSettings): void;
  onGenerate(settings: ImageSettings): void;
  onCancel(): void;
  onRefreshModels(): void;
}

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

/** "1280 × 720 (16:9)" */
export function sizeLabel(s: { width: number; height: number }): string {
  const d = gcd(s.width, s.height);
  return `${s.width} × ${s.height} (${s.width / d}:${s.height / d})`;
}

function field(id: string, label: string, control: HTMLElement, extra?: HTMLElement): HTMLElement {
  return h('div', { class: 'images-field', 'data-field': id }, h('label', { for: `images-${id}` }, label), control, extra ?? null, h('div', { class: 'images-problem', id: `images-${id}-problem`, role: 'alert' }));
}

function select(id: string, options: Array<{ value: string; label: string }>, value: string | undefined): HTMLSelectElement {
  const el = h('select', { id: `images-${id}` });
  for (const o of options) el.appendChild(h('option', { value: o.value, selected: o.value === value }, o.label));
  return el;
}

function range(id: string, r: { min: number; max: number; step: number }, value: number): { input: HTMLInputElement; output: HTMLElement } {
  const input = h('input', { id: `images-${id}`, type: 'range', min: r.min, max: r.max, step: r.step, value });
  const output = h('output', { for: `images-${id}`, class: 'images-range-value' }, String(value));
  input.addEventListener('input', () => (output.textContent = input.value));
  return { input, output };
}

export class ImagesForm {
  readonly element: HTMLElement;
  private readonly modelSelect = h('select', { id: 'images-model', 'aria-describedby': 'images-connection' });
  private readonly connection = h('div', { class: 'images-connection', id: 'images-connection' });
  private readonly prompt = h('textarea', { id: 'images-prompt', rows: 4, placeholder: 'Describe the image to generate', spellcheck: true });
  private readonly promptCount = h('div', { class: 'images-count' });
  private readonly controls = h('div', { class: 'images-controls' });
  private readonly status = h('div', { class: 'images-status', role: 'status', 'aria-live': 'polite' });
  private readonly ring = Object.assign(spinner(undefined, 'images-progress'), { hidden: true });
  private readonly errorBox = h('div', { class: 'images-error', role: 'alert', hidden: true });
  private readonly generateButton: HTMLElement;
  private readonly cancelButton: HTMLElement;
  private models: ImageModelOption[] = [];
  private settings: ImageSettings | undefined;
  private busy = false;
  private defaultModelId: string | undefined;
  /** A model asked for from outside (the tree's "Open in Playground"); wins over restored settings until the user picks another. */
  private requestedModelId: string | undefined;

  constructor(private readonly cb: FormCallbacks) {
    this.generateButton = button({ label: 'Generate', appearance: 'primary', className: 'images-generate', onClick: () => this.generate() });
    this.cancelButton = button({ label: 'Cancel', className: 'images-cancel', onClick: () => cb.onCancel() });
    this.cancelButton.hidden = true;
    this.modelSelect.addEventListener('change', () => {
      this.requestedModelId = undefined;
      this.pickModel(this.modelSelect.value);
    });
    this.prompt.addEventListener('input', () => this.update({ prompt: this.prompt.value }));
    // Ctrl/Cmd+Enter generates, as in the chat composer.
    this.prompt.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.generate();
      }
    });
    this.element = h(
      'form',
      { class: 'images-form', 'aria-label': 'Image generation settings' },
      field('model', 'Model', this.modelSelect, this.connection),
      field('prompt', 'Prompt', this.prompt, this.promptCount),
      this.controls,
      h('div', { class: 'images-actions' }, this.generateButton, this.cancelButton, this.ring, this.status),
      this.errorBox,
    );
    this.element.addEventListener('submit', (e) => e.preventDefault());
  }

  focus(): void {
    this.prompt.focus();
  }

  get current(): ImageSettings | undefined {
    return this.settings;
  }

  private get model(): ImageModelOption | undefined {
    return this.models.find((m) => m.id === this.settings?.modelId);
  }

  setModels(view: ImageModelsView): void {
    this.models = view.models;
    this.defaultModelId = view.defaultModelId;
    clear(this.modelSelect);
    const where = view.demo ? 'Demo: stand-in models, not Amazon Bedrock' : view.local ? `local endpoint · ${view.region}` : view.region;
    if (view.loading) {
      this.modelSelect.appendChild(h('option', {}, 'Loading image models…'));
      this.connection.textContent = where;
    } else if (view.error) {
      this.modelSelect.appendChild(h('option', {}, 'No models'));
      clear(this.connection);
      this.connection.append(`Image models could not be loaded (${where}): ${view.error.message} `, button({ label: 'Retry', onClick: () => this.cb.onRefreshModels() }));
    } else if (!view.models.length) {
      this.modelSelect.appendChild(h('option', {}, 'No image models'));
      this.connection.textContent = `No image model is available in ${where}.`;
    } else {
      const byProvider = new Map<string, ImageModelOption[]>();
      for (const m of view.models) byProvider.set(m.provider, [...(byProvider.get(m.provider) ?? []), m]);
      for (const [provider, models] of byProvider) {
        const group = h('optgroup', { label: provider });
        for (const m of models) group.appendChild(h('option', { value: m.id }, m.legacy ? `${m.name} (legacy)` : m.name));
        this.modelSelect.appendChild(group);
      }
      this.connection.textContent = where;
    }
    this.modelSelect.disabled = view.loading || !view.models.length;
    if (view.models.length) this.applySettings(this.settings);
  }

  /** Selects this model now, or as soon as the models are loaded. */
  preferModel(id: string): void {
    this.requestedModelId = id;
    if (this.models.some((m) => m.id === id)) this.pickModel(id);
  }

  /** Restores the form (after a reload) or reuses a generation's settings. */
  setSettings(settings: ImageSettings | undefined): void {
    this.applySettings(settings);
  }

  private applySettings(settings: ImageSettings | undefined): void {
    const wanted = [this.requestedModelId, settings?.modelId, this.defaultModelId, this.models[0]?.id].find((id) => id && this.models.some((m) => m.id === id));
    if (!wanted) {
      this.settings = settings;
      if (settings) this.prompt.value = settings.prompt;
      return;
    }
    const model = this.models.find((m) => m.id === wanted)!;
    // Values the model does not take fall back to its defaults; a reused seed or prompt is kept.
    const next = settingsForModel(model.id, model.spec, settings);
    this.settings = next;
    this.modelSelect.value = model.id;
    this.prompt.value = next.prompt;
    this.renderControls(model.spec, next);
    this.refreshCount();
  }

  private pickModel(id: string): void {
    const model = this.models.find((m) => m.id === id);
    if (!model) return;
    this.modelSelect.value = id;
    this.settings = settingsForModel(id, model.spec, this.settings);
    this.renderControls(model.spec, this.settings);
    this.refreshCount();
    this.cb.onChange(this.settings);
  }

  private update(patch: Partial<ImageSettings>): void {
    if (!this.settings) return;
    this.settings = { ...this.settings, ...patch };
    this.refreshCount();
    this.showProblems([]);
    this.cb.onChange(this.settings);
  }

  private refreshCount(): void {
    const max = this.model?.spec.promptMaxLength;
    const n = this.prompt.value.length;
    this.promptCount.textContent = max ? `${n} / ${max}` : `${n}`;
    this.promptCount.classList.toggle('images-over', max !== undefined && n > max);
  }

  private renderControls(spec: ImageModelSpec, s: ImageSettings): void {
    clear(this.controls);
    const c = this.controls;
    if (spec.negativePrompt) {
      const neg = h('textarea', { id: 'images-negativePrompt', rows: 2, placeholder: 'What the image should not contain (optional)' });
      neg.value = s.negativePrompt;
      neg.addEventListener('input', () => this.update({ negativePrompt: neg.value }));
      c.appendChild(field('negativePrompt', 'Negative prompt', neg));
    }
    const row = h('div', { class: 'images-row' });
    if (spec.sizes) {
      const el = select('size', spec.sizes.map((z) => ({ value: sizeKey(z), label: sizeLabel(z) })), s.width && s.height ? sizeKey({ width: s.width, height: s.height }) : undefined);
      el.addEventListener('change', () => {
        const [w, hh] = el.value.split('x').map(Number);
        this.update({ width: w, height: hh });
      });
      row.appendChild(field('size', 'Size', el));
    }
    if (spec.aspectRatios) {
      const el = select('aspectRatio', spec.aspectRatios.map((r) => ({ value: r, label: r })), s.aspectRatio);
      el.addEventListener('change', () => this.update({ aspectRatio: el.value }));
      row.appendChild(field('aspectRatio', 'Aspect ratio', el));
    }
    const counts = Array.from({ length: spec.count.max - spec.count.min + 1 }, (_, i) => String(spec.count.min + i));
    const count = select('count', counts.map((v) => ({ value: v, label: v })), String(s.count));
    count.addEventListener('change', () => this.update({ count: Number(count.value) }));
    count.disabled = counts.length < 2;
    if (counts.length < 2) count.title = 'This model returns one image per request.';
    row.appendChild(field('count', 'Images', count));
    c.appendChild(row);

    const seed = h('input', { id: 'images-seed', type: 'number', min: spec.seed.min, max: spec.seed.max, step: 1, placeholder: 'random', inputmode: 'numeric' });
    const random = checkbox({ label: 'Random', checked: s.seed === undefined, className: 'images-seed-random', onChange: (checked) => {
      seed.disabled = checked;
      if (checked) this.update({ seed: undefined });
      else {
        if (!seed.value) seed.value = String(Math.floor(Math.random() * Math.min(spec.seed.max, 2_147_483_646)));
        this.update({ seed: Number(seed.value) });
      }
    } });
    if (s.seed !== undefined) seed.value = String(s.seed);
    seed.disabled = s.seed === undefined;
    seed.addEventListener('input', () => {
      const v = seed.value.trim() === '' ? undefined : Number(seed.value);
      this.update({ seed: v !== undefined && Number.isFinite(v) ? v : undefined });
    });
    const seedField = field('seed', 'Seed', h('div', { class: 'images-seed' }, seed, random.element));
    seedField.title = `${spec.seed.min}–${spec.seed.max}. The same seed, model, prompt and settings give the same picture.`;
    c.appendChild(seedField);

    for (const key of ['cfgScale', 'steps'] as const) {
      const r = spec[key];
      if (!r) continue;
      const { input, output } = range(key, r, s[key] ?? r.default);
      input.addEventListener('input', () => this.update({ [key]: Number(input.value) }));
      const f = field(key, PARAMETER_LABELS[key], h('div', { class: 'images-range' }, input, output));
      f.title = `${r.min}–${r.max}, default ${r.default}`;
      c.appendChild(f);
    }
    const choices = h('div', { class: 'images-row' });
    if (spec.quality) {
      const el = select('quality', spec.quality.options.map((o) => ({ value: o, label: o })), s.quality);
      el.addEventListener('change', () => this.update({ quality: el.value }));
      choices.appendChild(field('quality', 'Quality', el));
    }
    if (spec.style) {
      const opts = [...(spec.style.default === undefined ? [{ value: '', label: '(none)' }] : []), ...spec.style.options.map((o) => ({ value: o, label: o.replace(/_/g, ' ').toLowerCase() }))];
      const el = select('style', opts, s.style ?? '');
      el.addEventListener('change', () => this.update({ style: el.value || undefined }));
      choices.appendChild(field('style', 'Style', el));
    }
    if (choices.childElementCount) c.appendChild(choices);
  }

  /** Shows each problem under its field and focuses the first. */
  showProblems(problems: SettingProblem[]): void {
    for (const el of this.element.querySelectorAll('.images-problem')) el.textContent = '';
    for (const p of problems) {
      const box = this.element.querySelector(`#images-${p.parameter}-problem`) ?? this.element.querySelector('#images-prompt-problem');
      if (box) box.textContent = box.textContent ? `${box.textContent} ${p.message}` : p.message;
    }
    const first = problems[0];
    if (first) (this.element.querySelector(`#images-${first.parameter}`) as HTMLElement | null)?.focus();
  }

  private generate(): void {
    const model = this.model;
    if (this.busy || !model || !this.settings) return;
    const settings = { ...this.settings, prompt: this.prompt.value };
    const problems = checkSettings(model.spec, settings, model.name);
    this.showProblems(problems);
    if (problems.length) return;
    this.cb.onGenerate(settings);
  }

  setBusy(busy: boolean, text = ''): void {
    this.busy = busy;
    setDisabled(this.generateButton, busy);
    this.cancelButton.hidden = !busy;
    this.ring.hidden = !busy;
    this.status.textContent = text;
    this.element.setAttribute('aria-busy', String(busy));
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** A Bedrock error in plain words, naming the parameter at fault, with its action as a button. */
  showError(info: BedrockErrorInfo | undefined, onAction?: () => void): void {
    if (!info) return showErrorBox(this.errorBox, info, {});
    // The Bedrock layer names parameters by their request key (cfgScale), the form by label (CFG scale).
    const key = (Object.keys(PARAMETER_LABELS) as ImageParameter[]).find((k) => k === info.parameter || PARAMETER_LABELS[k] === info.parameter);
    const label = key ? PARAMETER_LABELS[key] : info.parameter;
    const param = label && !info.message.toLowerCase().includes(label.toLowerCase()) ? ` (${key ? '' : 'parameter: '}${label})` : '';
    showErrorBox(this.errorBox, info, { textClass: 'images-error-text', suffix: param, ...(onAction ? { onAction } : {}) });
    // Also under the field at fault, where the eye goes to fix it.
    if (key) {
      const box = this.element.querySelector(`#images-${key}-problem`);
      if (box) box.textContent = info.message;
    }
  }
}
