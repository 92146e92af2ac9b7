// The guardrail picker beside the model picker (Chat tab, each Compare column): None, or a
// guardrail and one of its versions (a native select with one option group per guardrail), and a
// "Test…" button that runs ApplyGuardrail on a text for the chosen guardrail (or asks for one).

import type { GuardrailChoice, GuardrailsView } from '../../src/protocol/guardrails';
import { button } from '../components';
import { clear, h } from '../dom';
import type { GuardrailSource } from './guardrailSource';

export interface GuardrailPicker {
  element: HTMLElement;
  /** Shows the conversation's guardrail (kept even when the list no longer has it, marked so). */
  select(choice: GuardrailChoice | undefined): void;
}

const NONE = '';
const valueOf = (id: string, version: string) => `${id}@${version}`;
const versionLabel = (v: string) => (v === 'DRAFT' ? 'Working draft' : `Version ${v}`);

export function createGuardrailPicker(source: GuardrailSource, onChange: (choice: GuardrailChoice | undefined) => void, idPrefix = ''): GuardrailPicker {
  const select = h('select', { id: `${idPrefix}guardrail-select`, class: 'guardrail-select', 'aria-label': 'Guardrail' });
  const message = h('span', { class: 'guardrail-message', role: 'status' });
  let view: GuardrailsView = { guardrails: [] };
  let chosen: GuardrailChoice | undefined;

  const render = () => {
    clear(select);
    select.appendChild(h('option', { value: NONE }, 'None'));
    let listed = false;
    for (const g of view.guardrails) {
      const group = h('optgroup', { label: g.name });
      for (const v of g.versions) {
        if (chosen && chosen.id === g.id && chosen.version === v) listed = true;
        group.appendChild(h('option', { value: valueOf(g.id, v), title: `${g.id} ${v}` }, `${g.name} · ${versionLabel(v)}`));
      }
      select.appendChild(group);
    }
    // A guardrail the chat was saved with but the list lacks (deleted, other Region, list failed)
    // stays chosen, so nothing changes behind the user's back; Bedrock's error then says why.
    if (chosen && !listed) select.appendChild(h('option', { value: valueOf(chosen.id, chosen.version) }, `${chosen.name} · ${versionLabel(chosen.version)} (not in the list)`));
    select.value = chosen ? valueOf(chosen.id, chosen.version) : NONE;
    message.textContent = view.error ? `Guardrails could not be listed: ${view.error.message}` : '';
    select.title = view.error?.message ?? 'Guardrail applied to the prompt and the answer (guardrailConfig)';
  };

  select.addEventListener('change', () => {
    if (select.value === NONE) chosen = undefined;
    else {
      const [id, version] = [select.value.slice(0, select.value.lastIndexOf('@')), select.value.slice(select.value.lastIndexOf('@') + 1)];
      const g = view.guardrails.find((x) => x.id === id);
      chosen = { id, version, name: g?.name ?? chosen?.name ?? id };
    }
    onChange(chosen);
  });
  source.subscribe((v) => { view = v; render(); });
  render();

  const test = button({ label: 'Test…', className: 'guardrail-test', title: 'Test a guardrail on a text (ApplyGuardrail, no model called)', onClick: () => source.test(chosen) });
  const refresh = button({ label: '⟳', appearance: 'icon', className: 'guardrail-refresh', title: 'Reload the guardrail list', onClick: () => source.reload(true) });
  const element = h('div', { class: 'guardrail-picker' },
    h('label', { for: `${idPrefix}guardrail-select`, class: 'field-label' }, 'Guardrail'), select, refresh, test, message);
  return {
    element,
    select(choice) {
      chosen = choice;
      render();
    },
  };
}
