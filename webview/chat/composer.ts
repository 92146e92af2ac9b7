// Where the user writes: Enter sends, Shift+Enter adds a line; images can be pasted, dropped or
// picked when the model takes them (checked against Bedrock's limits before anything is sent);
// while an answer streams, Send becomes Stop. The draft survives the webview being hidden.

import { type AttachmentInput, type ImageFormat, MAX_IMAGE_BYTES, MAX_IMAGES_PER_TURN } from '../../src/protocol/chat';
import { isString } from '../../src/protocol/validate';
import { button, setLabel } from '../components';
import { clear, h } from '../dom';
import { readState, writeState } from '../state';
import { formatBytes } from './format';

export interface ComposerHandlers {
  send(text: string, attachments: AttachmentInput[], mode: 'new' | 'edit'): void;
  stop(): void;
  /** The draft changed (typing, sent, edit): the token count is asked again. */
  draftChanged?(text: string): void;
}

export interface Composer {
  element: HTMLElement;
  setBusy(busy: boolean): void;
  /** The message was sent: empties the composer (draft, images, edit mode). */
  sent(): void;
  /** Whether attachments are accepted, and the model's name for the message when they are not. */
  setImageInput(accepted: boolean, modelName: string): void;
  /** Puts a turn back in the composer for Edit-and-resend. */
  edit(text: string, attachments: AttachmentInput[]): void;
  focus(): void;
  /** The draft's text as it is now. */
  readonly draft: string;
  /** The line under the composer: "N tokens" (CountTokens) or "≈ N tokens (estimate)"; undefined clears it. */
  setTokenCount(count: { tokens: number; exact: boolean } | undefined): void;
}

const MIME_FORMATS: Record<string, ImageFormat> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

export function createComposer(handlers: ComposerHandlers): Composer {
  let busy = false;
  let imagesAccepted = false;
  let modelName = 'This model';
  let editing = false;
  let attachments: AttachmentInput[] = [];

  const input = h('textarea', {
    id: 'composer-input', class: 'composer-input', rows: 3, 'aria-label': 'Message',
    placeholder: 'Ask something… (Enter to send, Shift+Enter for a new line)',
  });
  input.value = readState('draft', isString(1_000_000)) ?? '';
  const strip = h('div', { class: 'attachment-strip' });
  const notice = h('div', { class: 'composer-notice', role: 'status', 'aria-live': 'polite' });
  const editBanner = h('div', { class: 'edit-banner', hidden: true });
  const picker = h('input', { type: 'file', accept: Object.keys(MIME_FORMATS).join(','), multiple: true, hidden: true, 'aria-hidden': 'true' });
  const attach = button({ label: 'Attach image', className: 'attach', title: 'Attach images (you can also paste or drop them)', onClick: () => picker.click() });
  const sendButton = button({ label: 'Send', appearance: 'primary', className: 'send', title: 'Send (Enter)', onClick: () => (busy ? handlers.stop() : submit()) });

  const say = (text: string) => { notice.textContent = text; };
  const saveDraft = () => writeState('draft', input.value);

  const renderStrip = () => {
    clear(strip);
    attachments.forEach((a, i) => {
      const remove = button({ label: '✕', appearance: 'icon', title: `Remove ${a.name}`, onClick: () => { attachments.splice(i, 1); renderStrip(); } });
      strip.appendChild(h('div', { class: 'attachment' },
        h('img', { src: `data:image/${a.format};base64,${a.base64}`, alt: a.name, class: 'attachment-thumb' }), remove));
    });
    strip.hidden = attachments.length === 0;
  };

  async function addFiles(files: File[]): Promise<void> {
    const images = files.filter((f) => f.type.startsWith('image/'));
    if (!images.length) return;
    if (!imagesAccepted) return say(`${modelName} does not take images; choose a model marked IMAGES IN to attach them.`);
    const problems: string[] = [];
    for (const f of images) {
      const format = MIME_FORMATS[f.type];
      if (!format) { problems.push(`${f.name || 'The image'} is ${f.type}; Bedrock takes PNG, JPEG, GIF or WebP.`); continue; }
      if (f.size > MAX_IMAGE_BYTES) { problems.push(`${f.name || 'The image'} is ${formatBytes(f.size)}; Bedrock takes images up to ${formatBytes(MAX_IMAGE_BYTES)}.`); continue; }
      if (attachments.length >= MAX_IMAGES_PER_TURN) { problems.push(`At most ${MAX_IMAGES_PER_TURN} images per message.`); break; }
      attachments.push({ format, name: f.name || `pasted.${format}`, base64: await toBase64(f) });
    }
    say(problems.join(' '));
    renderStrip();
  }

  function submit(): void {
    if (busy) return;
    const text = input.value;
    if (!text.trim() && !attachments.length) return say('Write a message first.');
    handlers.send(text, attachments, editing ? 'edit' : 'new');
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && busy) {
      e.preventDefault();
      handlers.stop();
    }
  });
  input.addEventListener('input', () => { saveDraft(); if (notice.textContent) say(''); handlers.draftChanged?.(input.value); });
  const tokenLine = h('div', { class: 'composer-tokens', 'aria-live': 'polite' });
  input.addEventListener('paste', (e) => {
    const files = Array.from(e.clipboardData?.files ?? []);
    if (files.some((f) => f.type.startsWith('image/'))) {
      e.preventDefault();
      void addFiles(files);
    }
  });
  const root = h('div', { class: 'composer' });
  root.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) { e.preventDefault(); root.classList.add('drop'); } });
  root.addEventListener('dragleave', () => root.classList.remove('drop'));
  root.addEventListener('drop', (e) => {
    root.classList.remove('drop');
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) { e.preventDefault(); void addFiles(files); }
  });
  picker.addEventListener('change', () => { void addFiles(Array.from(picker.files ?? [])); picker.value = ''; });

  const cancelEdit = button({ label: 'Cancel edit', className: 'cancel-edit', onClick: () => { editing = false; editBanner.hidden = true; input.value = ''; attachments = []; renderStrip(); saveDraft(); } });
  editBanner.append('Editing your last message: sending replaces it and its answer. ', cancelEdit);
  root.append(editBanner, strip, input, notice, h('div', { class: 'composer-actions' }, tokenLine, attach, picker, sendButton));
  renderStrip();

  return {
    element: root,
    setBusy(b) {
      busy = b;
      setLabel(sendButton, b ? 'Stop' : 'Send');
      sendButton.setAttribute('title', b ? 'Stop the answer (Escape)' : 'Send (Enter)');
      sendButton.setAttribute('appearance', b ? 'secondary' : 'primary');
      sendButton.classList.toggle('stop', b);
    },
    sent() {
      // The message went out: the composer is free for the next one.
      input.value = '';
      attachments = [];
      editing = false;
      editBanner.hidden = true;
      renderStrip();
      saveDraft();
      handlers.draftChanged?.('');
    },
    setImageInput(accepted, name) {
      imagesAccepted = accepted;
      modelName = name;
      attach.hidden = !accepted;
      if (!accepted && attachments.length) {
        say(`${name} does not take images; the attached images were removed.`);
        attachments = [];
        renderStrip();
      }
    },
    edit(text, atts) {
      editing = true;
      editBanner.hidden = false;
      input.value = text;
      attachments = [...atts];
      renderStrip();
      saveDraft();
      handlers.draftChanged?.(text);
      input.focus();
    },
    focus() { input.focus(); },
    get draft() { return input.value; },
    setTokenCount(count) {
      if (!count) { tokenLine.textContent = ''; tokenLine.removeAttribute('title'); return; }
      const n = count.tokens.toLocaleString('en-US');
      tokenLine.textContent = count.exact ? `${n} tokens` : `≈ ${n} tokens (estimate)`;
      tokenLine.title = count.exact
        ? 'Input tokens of this message and the system prompt, counted by Bedrock (CountTokens).'
        : 'Estimated: this model has no CountTokens on Bedrock.';
    },
  };
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.readAsDataURL(file);
  });
}
