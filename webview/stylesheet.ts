// Links a tab's stylesheet from media/ beside playground.css (same webview resource root, so the
// CSP's style-src allows it without any inline style).
import { h } from './dom';

export function linkTabStylesheet(file: string): void {
  const main = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"][href*="playground.css"]');
  if (!main || document.querySelector(`link[data-tab-css="${file}"]`)) return;
  const href = main.href.replace(/playground\.css(?=[?#]|$)/, file);
  document.head.appendChild(h('link', { rel: 'stylesheet', href, 'data-tab-css': file }));
}
