// A tab's error box: a Bedrock error in plain words with its fix as a button, or nothing.
import type { BedrockErrorInfo } from '../src/protocol/bedrockTypes';
import { button } from './components';
import { clear, h } from './dom';

export function showErrorBox(box: HTMLElement, info: BedrockErrorInfo | undefined, actionClass: string, onAction: () => void): void {
  clear(box);
  box.hidden = !info;
  if (!info) return;
  box.append(h('span', {}, info.message));
  if (info.action) box.append(' ', button({ label: info.action.label, className: actionClass, onClick: onAction }));
}
