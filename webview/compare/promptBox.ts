// The Compare tab's one prompt box: Enter sends to every shown column, Shift+Enter adds a line;
// while any column answers, Send becomes Stop (which stops them all). The draft survives the
// webview being hidden or reloaded. Text only: the columns may hold models that take no images.

import { isString } from '../../src/protocol/validate';
import { button, setLabel } from '../components';
import { h } from '../dom';
import { readState, writeState } from '../state';

const DRAFT_KEY = 'compareDraft';

export interface PromptHandlers {
  /** Answers whether the prompt went out (the draft is emptied only then). */
  send(text: string, mode: 'new' | 'edit'): boolean;
  stop(): void;
}

export interface PromptBox {
  element: HTMLElement;
  setBusy(busy: boolean): void;
  /** Puts the last prompt back for Edit-and-resend (to every column). */
  edit(text: string): void;
  focus(): void;
}

export function createPromptBox(handlers: PromptHandlers): PromptBox {
  let busy = false;
  let editing = false;
  const input = h('textarea', {
    id: 'compare-input', class: 'composer-input compare-input', rows: 2, 'aria-label': 'Prompt for every column',
    placeholder: 'Ask every column the same thing… (Enter to send, Shift+Enter for a new line)',
  });
  input.value = readState(DRAFT_KEY, isString(1_000_000)) ?? '';
  const banner = h('div', { class: 'edit-banner', hidden: true });
  const sendButton = button({ label: 'Send', appearance: 'primary', className: 'compare-send', title: 'Send to every column (Enter)', onClick: () => (busy ? handlers.stop() : submit()) });

  const setEditing = (on: boolean) => {
    editing = on;
    banner.hidden = !on;
    banner.textContent = on ? 'Editing the last prompt: sending replaces it, and its answers, in every column.' : '';
  };

  function submit(): void {
    const text = input.value;
    if (busy || !text.trim()) return;
    if (!handlers.send(text, editing ? 'edit' : 'new')) return;
    input.value = '';
    writeState(DRAFT_KEY, '');
    setEditing(false);
  }

  input.addEventListener('input', () => writeState(DRAFT_KEY, input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && editing) {
      setEditing(false);
    }
  });

  return {
    element: h('div', { class: 'composer compare-composer' }, banner, h('div', { class: 'composer-row' }, input, sendButton)),
    setBusy(b) {
      if (b === busy) return;
      busy = b;
      setLabel(sendButton, b ? 'Stop' : 'Send');
      sendButton.setAttribute('title', b ? 'Stop every column' : 'Send to every column (Enter)');
      sendButton.setAttribute('aria-label', b ? 'Stop every column' : 'Send to every column (Enter)');
      sendButton.classList.toggle('busy', b);
    },
    edit(text) {
      input.value = text;
      writeState(DRAFT_KEY, text);
      setEditing(true);
      input.focus();
    },
    focus() {
      input.focus();
    },
  };
}
