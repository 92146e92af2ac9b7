// Costs inside a real VS Code: the Compare tab's host side with the extension's own Bedrock
// service, the real SDK against the local endpoint, and the real Price List client reading the
// stand-in prices there. Each answer gets its cost once it ended; the cheapest is marked; a
// model without a price reads "price unknown"; a Price List that refuses leaves the answers alone.
import * as assert from 'node:assert/strict';
import type { ChatOptions, TurnView } from '../../src/protocol/chat';
import { type ColumnIndex, CompareEvents, CompareRequests } from '../../src/protocol/compare';
import { cheapest } from '../../src/protocol/cost';
import { type ComparePane, openComparePane } from './support/comparePane';
import { activeExtension, localBedrock } from './support/extension';
import { WebviewSide } from './support/webviewSide';

const NOVA_MICRO = 'amazon.nova-micro-v1:0';
const NOVA_PRO = 'amazon.nova-pro-v1:0';
const MISTRAL = 'mistral.mistral-7b-instruct-v0:2';

function options(modelId: string): ChatOptions {
  return { modelId, system: '', stopSequences: [], stream: true, chosen: [] };
}

describe('Costs (in VS Code)', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  let side: WebviewSide;
  let pane: ComparePane;

  const costed = (column: ColumnIndex): TurnView | undefined =>
    side.notifications(CompareEvents.turn).filter((e) => e.column === column && e.turn.role === 'assistant' && e.turn.metrics?.cost).at(-1)?.turn;

  before(async () => { await activeExtension(); });
  beforeEach(async () => {
    await bedrock.reset();
    side = new WebviewSide();
    pane = await openComparePane(side, 'cost-it');
  });
  afterEach(async () => {
    pane.close();
    await bedrock.reset();
  });

  it('prices each answer from the stand-in Price List, marks the cheapest, and says "price unknown" for a model without a price', async () => {
    const prompt = `Cost prompt ${Date.now()}`;
    const models = [NOVA_PRO, NOVA_MICRO, MISTRAL];
    const streams = models.map((m, column) => side.stream(CompareRequests.send, { column: column as ColumnIndex, mode: 'new', text: prompt, attachments: [], options: options(m) }));
    for (const e of await Promise.all(streams.map((s) => s.ended))) assert.equal(e.error, undefined);
    const answers = await side.until(() => {
      const a = ([0, 1, 2] as const).map(costed);
      return a.every(Boolean) ? (a as TurnView[]) : undefined;
    });
    const [pro, micro, mistral] = answers.map((a) => a.metrics!.cost!);
    assert.equal(pro!.status, 'priced', JSON.stringify(pro));
    assert.equal(micro!.status, 'priced', JSON.stringify(micro));
    assert.ok(pro!.standIn && micro!.standIn, 'the local endpoint\'s prices are marked stand-in');
    assert.ok(micro!.input! > 0 && micro!.output! > 0);
    assert.equal(mistral!.status, 'unknown');
    assert.match(mistral!.reason!, /^price unknown/);
    assert.deepEqual(cheapest(answers), [false, true, false], 'Nova Micro costs least');
    // The Price List was read once (both service codes) for the three answers, and only from the local endpoint.
    assert.ok((await bedrock.requestsFor('GetProducts')).length <= 2, 'at most one read of the two service codes');
  });
});
