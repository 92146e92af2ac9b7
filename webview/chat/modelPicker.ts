// The model picker: the live catalog's text models grouped by provider (a native select: option
// groups, keyboard and screen readers for free), with what matters about the chosen one beside it:
// streaming or not, LEGACY, images accepted, and the id that will really be invoked.

import type { ModelOption, ModelsView } from '../../src/protocol/chat';
import { button, tag } from '../components';
import { clear, h } from '../dom';

export interface ModelPicker {
  element: HTMLElement;
  setModels(view: ModelsView, selectedId: string): void;
  select(id: string): void;
  selected(): ModelOption | undefined;
}

/** `idPrefix` keeps element ids unique when several pickers share the page (the Compare tab's columns). */
/** `onErrorAction`: runs the fix offered with a failed model list (sign in, open a setting); without it no button is shown. */
export function createModelPicker(onChange: (model: ModelOption) => void, onRefresh: () => void, idPrefix = '', onErrorAction?: () => void): ModelPicker {
  const select = h('select', { id: `${idPrefix}model-select`, class: 'model-select', 'aria-label': 'Model' });
  const badges = h('div', { class: 'model-badges', 'aria-live': 'polite' });
  const message = h('div', { class: 'model-message', role: 'status' });
  let models: ModelOption[] = [];

  const selected = () => models.find((m) => m.id === select.value);
  const showBadges = () => {
    clear(badges);
    const m = selected();
    if (!m) return;
    const items: Array<HTMLElement | null> = [
      m.streaming ? tag('STREAMING', 'Answers stream in as they are generated', 'badge-streaming') : tag('NO STREAMING', 'This model answers in one piece', 'badge-nostream'),
      m.legacy ? tag('LEGACY', m.endOfLife ? `Legacy model; end of life ${m.endOfLife}` : 'Legacy model: AWS plans to retire it', 'badge-legacy') : null,
      m.imageInput ? tag('IMAGES IN', 'Accepts image attachments', 'badge-images') : null,
    ];
    badges.append(...items.filter((x): x is HTMLElement => x !== null));
    if (m.via !== 'model') badges.append(h('span', { class: 'via-note', title: m.invokedId }, m.note ?? `via ${m.invokedId}`));
  };
  select.addEventListener('change', () => {
    showBadges();
    const m = selected();
    if (m) onChange(m);
  });

  const refresh = button({ label: '⟳', appearance: 'icon', title: 'Reload the model list', className: 'model-refresh', onClick: onRefresh });
  const element = h('div', { class: 'model-picker' },
    h('label', { for: `${idPrefix}model-select`, class: 'field-label' }, 'Model'), select, refresh, badges, message);

  return {
    element,
    setModels(view, selectedId) {
      models = view.models;
      clear(select);
      clear(message);
      const byProvider = new Map<string, ModelOption[]>();
      for (const m of models) {
        const list = byProvider.get(m.provider) ?? [];
        list.push(m);
        byProvider.set(m.provider, list);
      }
      for (const provider of [...byProvider.keys()].sort((a, b) => a.localeCompare(b))) {
        const group = h('optgroup', { label: provider });
        for (const m of byProvider.get(provider)!.sort((a, b) => a.name.localeCompare(b.name))) {
          const suffix = [m.legacy ? 'legacy' : '', m.streaming ? '' : 'no streaming'].filter(Boolean).join(', ');
          group.appendChild(h('option', { value: m.id, title: m.id }, suffix ? `${m.name} (${suffix})` : m.name));
        }
        select.appendChild(group);
      }
      if (view.loading) message.textContent = 'Loading models…';
      else if (view.error) {
        message.textContent = `Could not load the models: ${view.error.message}`;
        if (view.error.action && onErrorAction) message.appendChild(button({ label: view.error.action.label, appearance: 'primary', className: 'models-action', onClick: onErrorAction }));
      }
      else if (!models.length) message.textContent = 'No text models are available in this Region.';
      const where = view.demo ? 'Demo: stand-in models on this computer, not Amazon Bedrock' : view.local ? `Local Bedrock endpoint (${view.region})` : '';
      if (where) message.appendChild(h('span', { class: view.demo ? 'local-note demo-note' : 'local-note' }, `${message.textContent ? ' · ' : ''}${where}`));
      select.disabled = !models.length;
      select.value = models.some((m) => m.id === selectedId) ? selectedId : (models[0]?.id ?? '');
      showBadges();
    },
    select(id) {
      if (models.some((m) => m.id === id)) {
        select.value = id;
        showBadges();
      }
    },
    selected,
  };
}
