// A conversation's model and parameters, as the Chat tab and each Compare column show them: the
// model picker, the parameters panel, the options they edit, and the debounced save to the host.

import type { ChatOptions, ModelOption, ModelsView } from '../../src/protocol/chat';
import { createModelPicker } from '../chat/modelPicker';
import { createParamsPanel } from '../chat/paramsPanel';
import { createGuardrailPicker } from '../guardrails/guardrailPicker';
import type { GuardrailSource } from '../guardrails/guardrailSource';

export interface ModelSettingsSpec {
  /** Remembers the options on the host (a burst of changes is saved once). */
  save(options: ChatOptions): void;
  /** The picker's reload button. */
  refresh(): void;
  /** Keeps element ids unique when several pickers share the page (Compare's columns). */
  idPrefix: string;
  /** Runs the fix offered with a failed model list; without it no button is shown. */
  modelsAction?: () => void;
  /**
   * Whether the picker's own choice becomes the model when the options name none it lists (the
   * Chat tab). A Compare column waits instead for the model the host gives it.
   */
  adoptPickerChoice: boolean;
  /** Called after the shown model or options changed (the Chat tab's image input follows the model). */
  shown?(model: ModelOption | undefined): void;
  /** The page's guardrail list, for the guardrail picker. */
  guardrails: GuardrailSource;
}

export class ModelSettings {
  options: ChatOptions = { modelId: '', system: '', stopSequences: [], stream: true, chosen: [] };
  private models: ModelsView = { models: [], loading: true, region: '', local: false };
  private saveTimer = 0;
  readonly picker;
  readonly params;
  readonly guardrail;

  constructor(private readonly spec: ModelSettingsSpec) {
    this.picker = createModelPicker((m) => this.modelChanged(m), () => spec.refresh(), spec.idPrefix, spec.modelsAction);
    this.guardrail = createGuardrailPicker(spec.guardrails, (g) => this.optionsChanged({ guardrail: g }), spec.idPrefix);
    this.params = createParamsPanel((patch) => this.optionsChanged(patch), spec.idPrefix);
  }

  get model(): ModelOption | undefined {
    return this.models.models.find((m) => m.id === this.options.modelId);
  }

  applyModels(m: ModelsView): void {
    this.models = m;
    if (!m.loading) this.spec.guardrails.connectionSeen(JSON.stringify([m.region, m.local, m.demo === true]));
    // The host picks the model of a conversation that had none (setting, last used, first).
    if (m.preferredId && !m.models.some((x) => x.id === this.options.modelId)) this.options = { ...this.options, modelId: m.preferredId };
    this.picker.setModels(m, this.options.modelId);
    const chosen = this.spec.adoptPickerChoice ? this.picker.selected() : undefined;
    if (chosen && chosen.id !== this.options.modelId) this.modelChanged(chosen);
    else this.show();
  }

  /** The host's options (a saved conversation, or a model given to a column that had none). */
  applyOptions(options: ChatOptions): void {
    this.options = options;
    this.show();
  }

  /** The user's options, saved (Copy settings from the first column). */
  setOptions(options: ChatOptions): void {
    this.optionsChanged(options);
    this.show();
  }

  /** The picker shows the list as loading until the host sends it again. */
  showLoading(): void {
    this.picker.setModels({ ...this.models, loading: true }, this.options.modelId);
  }

  /** Drops a save still waiting (a send carries the options itself). */
  cancelSave(): void {
    clearTimeout(this.saveTimer);
  }

  show(): void {
    this.picker.select(this.options.modelId);
    this.guardrail.select(this.options.guardrail);
    const m = this.model;
    this.params.show(m, this.options);
    this.spec.shown?.(m);
  }

  private modelChanged(m: ModelOption): void {
    this.optionsChanged({ modelId: m.id });
    this.show();
  }

  private optionsChanged(patch: Partial<ChatOptions>): void {
    this.options = { ...this.options, ...patch };
    // None is no key at all (ChatOptions' guardrail is optional, never undefined on the wire).
    if (!this.options.guardrail) delete this.options.guardrail;
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.spec.save(this.options), 250);
  }
}
