// "View API request": the exact request a response came from (operation, model id, JSON body with
// images elided by the host), with "Copy as code" (a runnable TypeScript snippet, built by the host).

import type { ApiRequestRecord } from '../../src/protocol/bedrockTypes';
import { button } from '../components';
import { h } from '../dom';

export interface RequestViewActions {
  copyAsCode(): void;
  open(): void;
}

export function requestDetails(request: ApiRequestRecord, actions: RequestViewActions): HTMLElement {
  const body = h('pre', { class: 'request-body' });
  const details = h('details', { class: 'request-view' },
    h('summary', {}, 'View API request'),
    h('div', { class: 'request-meta' },
      h('span', {}, h('span', { class: 'metric-label' }, 'Operation '), h('code', {}, request.operation)),
      h('span', {}, h('span', { class: 'metric-label' }, 'Model id '), h('code', {}, request.modelId))),
    body,
    h('div', { class: 'request-actions' },
      button({ label: 'Copy as code', title: 'Copy a runnable TypeScript snippet (@aws-sdk/client-bedrock-runtime)', className: 'copy-as-code', onClick: actions.copyAsCode }),
      button({ label: 'Open in editor', title: 'Open the request JSON in an editor', onClick: actions.open })));
  // Pretty-printing a big body is only worth it when someone looks.
  details.addEventListener('toggle', () => {
    if (details.open && !body.textContent) body.textContent = JSON.stringify(request.body, null, 2);
  });
  return details;
}
