// A restored playground must come back on its own conversation: the id saved in the webview's state,
// else the last active panel's id, and a fresh id only when neither can be used.
import * as assert from 'node:assert/strict';
import { isPanelId, restoredPanelId } from '../../../src/playground/panelIds';

const none = new Set<string>();
let n = 0;
const fresh = () => `fresh-${++n}`;

describe('the id of a restored playground panel', () => {
  it('is the one the webview saved in its state', () => {
    assert.deepEqual(restoredPanelId({ panelId: 'abc-1', tab: 'images' }, 'other', none, fresh), { id: 'abc-1', from: 'state' });
  });

  it('is the last active panel\'s when the state has no id (state saved before the page set it, or none at all)', () => {
    for (const state of [undefined, null, {}, { compare: { columns: 2 } }, 'junk', { panelId: 42 }, { panelId: '../../etc' }, { panelId: '' }]) {
      assert.deepEqual(restoredPanelId(state, 'last-panel', none, fresh), { id: 'last-panel', from: 'lastPanel' }, JSON.stringify(state));
    }
  });

  it('is fresh when neither the state nor the last panel id is usable', () => {
    for (const last of [undefined, '', 'has space', 7, 'x'.repeat(101)]) {
      const r = restoredPanelId(undefined, last, none, fresh);
      assert.equal(r.from, 'new');
      assert.match(r.id, /^fresh-\d+$/);
    }
  });

  it('never gives an id an open panel already has (two panels on one conversation overwrite each other)', () => {
    const open = new Set(['taken']);
    assert.equal(restoredPanelId({ panelId: 'taken' }, 'other', open, fresh).from, 'new');
    assert.equal(restoredPanelId(undefined, 'taken', open, fresh).from, 'new');
    assert.deepEqual(restoredPanelId({ panelId: 'mine' }, 'taken', open, fresh), { id: 'mine', from: 'state' });
  });

  it('accepts the ids the host makes (UUIDs) and nothing that could leave the storage folder', () => {
    assert.ok(isPanelId('0b7c6a53-3f3e-4c1b-9d52-0a3f2b1d9e10'));
    for (const bad of ['a/b', 'a.b', '..', '', ' ', 'x'.repeat(101), null]) assert.ok(!isPanelId(bad), String(bad));
  });
});
