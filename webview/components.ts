// Every use of @vscode/webview-ui-toolkit lives here. Upstream deprecated the toolkit (its FAST
// base was retired); moving to @vscode-elements/elements means changing only this file.
// Sliders, selects and the composer are native elements styled with the theme's variables
// (media/playground.css): the toolkit has no slider, and its dropdown has no option groups.

import {
  provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDivider, vsCodeTag,
} from '@vscode/webview-ui-toolkit';
import { custom, h } from './dom';

let registered = false;

export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDivider(), vsCodeTag());
}

export interface ButtonOptions {
  label: string;
  /** primary: the main action; secondary: the others; icon: a compact button showing `label` as its text. */
  appearance?: 'primary' | 'secondary' | 'icon';
  /** Tooltip and accessible name when the label is terse. */
  title?: string;
  disabled?: boolean;
  onClick: () => void;
  /** For tests and styling. */
  className?: string;
}

export function button(o: ButtonOptions): HTMLElement {
  const el = custom('vscode-button', {
    appearance: o.appearance ?? 'secondary',
    title: o.title,
    'aria-label': o.title ?? o.label,
    disabled: o.disabled,
    class: o.className,
  }, o.label);
  el.addEventListener('click', () => { if (!el.hasAttribute('disabled')) o.onClick(); });
  return el;
}

export function setDisabled(el: HTMLElement, disabled: boolean): void {
  if (disabled) el.setAttribute('disabled', '');
  else el.removeAttribute('disabled');
}

export function setLabel(el: HTMLElement, label: string): void {
  el.textContent = label;
  el.setAttribute('aria-label', el.getAttribute('title') ?? label);
}

export interface CheckboxOptions {
  label: string;
  checked: boolean;
  disabled?: boolean;
  title?: string;
  onChange: (checked: boolean) => void;
  className?: string;
}

export interface CheckboxHandle {
  element: HTMLElement;
  get checked(): boolean;
  set checked(v: boolean);
  setDisabled(disabled: boolean, why?: string): void;
}

export function checkbox(o: CheckboxOptions): CheckboxHandle {
  const el = custom('vscode-checkbox', { checked: o.checked, disabled: o.disabled, title: o.title, class: o.className }, o.label) as HTMLElement & { checked: boolean };
  el.addEventListener('change', () => o.onChange(Boolean(el.checked)));
  return {
    element: el,
    get checked() { return Boolean(el.checked); },
    set checked(v: boolean) { el.checked = v; },
    setDisabled(disabled: boolean, why?: string) {
      setDisabled(el, disabled);
      if (why) el.setAttribute('title', why);
      else if (o.title) el.setAttribute('title', o.title);
      else el.removeAttribute('title');
    },
  };
}

/** A small read-only label ("STREAMING", "LEGACY"). */
export function tag(text: string, title?: string, className?: string): HTMLElement {
  return custom('vscode-tag', { title, class: className }, text);
}

/**
 * A busy indicator. Not the toolkit's progress ring: that animates an SVG stroke, which repaints
 * on the main thread every frame, and the webview shares that thread with the workbench. While an
 * answer was awaited, it held each arriving message up: the first token showed 2–3× as late as in
 * a bare webview (real-VS Code benchmark). This one only turns (a transform: the compositor's job).
 */
export function spinner(label: string | undefined, className = ''): HTMLElement {
  return label
    ? h('span', { class: `spinner ${className}`.trim(), role: 'progressbar', 'aria-label': label })
    : h('span', { class: `spinner ${className}`.trim(), 'aria-hidden': 'true' });
}

export function divider(): HTMLElement {
  return custom('vscode-divider', { role: 'separator' });
}
