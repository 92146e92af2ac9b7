// A tab's error box: a Bedrock error in plain words with its fix as a button, or nothing.
import type { BedrockErrorInfo } from '../src/protocol/bedrockTypes';
import { button } from './components';
import { clear, h } from './dom';

export interface ErrorBoxOptions {
  /** Runs the error's fix; without it no button is shown. */
  onAction?: () => void;
  /** The fix button's class. */
  actionClass?: string;
  /** The message's class. */
  textClass?: string;
  /** Added to the message (the Images tab names the parameter at fault). */
  suffix?: string;
}

export function showErrorBox(box: HTMLElement, info: BedrockErrorInfo | undefined, options: ErrorBoxOptions): void {
  clear(box);
  box.hidden = !info;
  if (!info) return;
  const { onAction, actionClass, textClass, suffix = '' } = options;
  box.append(h('span', textClass ? { class: textClass } : {}, `${info.message}${suffix}`));
  if (info.action && onAction) box.append(' ', button({ label: info.action.label, ...(actionClass ? { className: actionClass } : {}), onClick: onAction }));
}
