// Copy and Insert-at-cursor buttons on each finished code block of an answer. Both go through the
// host: it owns the clipboard and the editors.

import { ChatRequests } from '../../src/protocol/chat';
import { button } from '../components';
import { h } from '../dom';
import type { HostConnection } from '../host';

export function codeBlockDecorator(host: HostConnection, flash: (el: HTMLElement, text: string) => void): (block: HTMLElement) => void {
  return (block) => {
    for (const pre of Array.from(block.querySelectorAll('pre'))) {
      const code = pre.querySelector('code');
      if (!code) continue;
      const language = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className)?.[1] ?? '';
      const text = () => code.textContent ?? '';
      const copy = button({
        label: 'Copy', title: 'Copy code', className: 'code-copy',
        onClick: () => void host.request(ChatRequests.copyText, { text: text() }).then(() => flash(copy, 'Copied'), () => flash(copy, 'Copy failed')),
      });
      const insert = button({
        label: 'Insert', title: 'Insert at the cursor of the last active editor', className: 'code-insert',
        onClick: () => void host.request(ChatRequests.insertCode, { code: text(), language }).then(() => flash(insert, 'Inserted'), (e: Error) => flash(insert, e.message)),
      });
      const bar = h('div', { class: 'code-toolbar' }, language ? h('span', { class: 'code-lang' }, language) : null, copy, insert);
      const wrap = h('div', { class: 'code-block' });
      pre.replaceWith(wrap);
      wrap.append(bar, pre);
    }
  };
}
