import * as assert from 'node:assert/strict';
import type { BedrockService } from '../../../src/bedrock/service';
import type { ChatEvent, GuardrailOutcome } from '../../../src/bedrock/types';
import { collect, localService, model, textOf, useLocalBedrock } from '../bedrock/localEndpoint';

const WORDS = { id: 'gr1topicword', version: '1', name: 'No investment advice' };
const EMAIL = { id: 'gr2emailmask', version: 'DRAFT', name: 'Mask e-mail addresses' };

function outcomeOf(events: ChatEvent[]): GuardrailOutcome | undefined {
  const ev = events.find((e): e is Extract<ChatEvent, { type: 'guardrail' }> => e.type === 'guardrail');
  return ev?.outcome;
}

describe('bedrock/guardrails (real SDK clients against the local endpoint)', () => {
  const local = useLocalBedrock();
  let service: BedrockService;
  beforeEach(() => { service = localService(local.lb); });
  afterEach(() => service.dispose());

  it('lists the guardrails with their versions (ListGuardrails without and with guardrailIdentifier)', async () => {
    const list = await service.listGuardrails();
    assert.deepEqual(list.map((g) => [g.name, g.versions.map((v) => v.version)]), [
      ['Mask e-mail addresses', ['DRAFT', '1']],
      ['No investment advice', ['DRAFT', '2', '1']],
    ]);
    const calls = await local.control.requestsOf('ListGuardrails');
    assert.equal(calls.length, 3, 'one call for the drafts, one per guardrail for its versions');
    assert.ok(calls.some((c) => (c.body as Record<string, string>).guardrailIdentifier?.endsWith(':guardrail/gr1topicword')));
  });

  it('Converse with a guardrail: a blocked word stops the prompt, and the trace says which word', async () => {
    const m = await model(service, 'amazon.nova-lite-v1:0');
    const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'Tell me about the pineapple' }], settings: {}, stream: false, guardrail: WORDS }));
    assert.equal(error, undefined);
    assert.equal(textOf(events), 'Sorry, the model cannot answer this question.');
    assert.deepEqual(events.find((e) => e.type === 'stop'), { type: 'stop', stopReason: 'guardrail_intervened' });
    const outcome = outcomeOf(events);
    assert.equal(outcome?.summary, "Guardrail 'No investment advice' (version 1) blocked the prompt: word 'pineapple'.");
    const [sent] = await local.control.requestsOf('Converse');
    assert.deepEqual((sent!.body as Record<string, unknown>).guardrailConfig, { guardrailIdentifier: 'gr1topicword', guardrailVersion: '1', trace: 'enabled' });
  });

  it('ConverseStream with a guardrail: sync mode, denied topic in the trace of the metadata event', async () => {
    const m = await model(service, 'amazon.nova-lite-v1:0');
    const { events, error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'Should I invest in stocks?' }], settings: {}, guardrail: WORDS }));
    assert.equal(error, undefined);
    assert.equal(textOf(events), 'Sorry, the model cannot answer this question.');
    const outcome = outcomeOf(events);
    assert.equal(outcome?.intervened, true);
    assert.deepEqual(outcome?.findings, [{ policy: 'topic', what: "denied topic 'Investment advice'", action: 'BLOCKED', source: 'input' }]);
    const [sent] = await local.control.requestsOf('ConverseStream');
    assert.equal(((sent!.body as Record<string, unknown>).guardrailConfig as Record<string, unknown>).streamProcessingMode, 'sync');
  });

  it('a prompt the guardrail lets through gets the model answer and no outcome', async () => {
    const m = await model(service, 'amazon.nova-lite-v1:0');
    const { events } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'Tell me about rivers' }], settings: {}, guardrail: WORDS }));
    assert.match(textOf(events), /received your message/);
    assert.equal(outcomeOf(events), undefined);
  });

  it('masks an e-mail address in the prompt and in the answer ({EMAIL})', async () => {
    const m = await model(service, 'amazon.nova-lite-v1:0');
    const { events } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'Write to ana@example.com' }], settings: {}, guardrail: EMAIL }));
    assert.match(textOf(events), /Write to \{EMAIL\}/);
    assert.doesNotMatch(textOf(events), /ana@example\.com/);
    assert.match(outcomeOf(events)?.summary ?? '', /^Guardrail 'Mask e-mail addresses' \(version DRAFT\) masked the prompt: e-mail address \(EMAIL\)\.$/);
  });

  it('ApplyGuardrail masks an e-mail address without calling a model', async () => {
    const r = await service.applyGuardrail({ guardrail: EMAIL, source: 'OUTPUT', text: 'Contact bo@example.org today.' });
    assert.equal(r.action, 'GUARDRAIL_INTERVENED');
    assert.equal(r.output, 'Contact {EMAIL} today.');
    assert.deepEqual(r.findings, [{ policy: 'sensitiveInformation', what: 'e-mail address (EMAIL)', action: 'ANONYMIZED', source: 'output' }]);
    assert.equal((await local.control.requestsOf('Converse')).length + (await local.control.requestsOf('ConverseStream')).length, 0);
    const clean = await service.applyGuardrail({ guardrail: EMAIL, source: 'INPUT', text: 'No address here.' });
    assert.equal(clean.action, 'NONE');
    assert.equal(clean.output, undefined);
  });

  it('an unknown guardrail version is refused with Bedrock\'s error, told with its fix', async () => {
    const m = await model(service, 'amazon.nova-lite-v1:0');
    const { error } = await collect(service.chat({ model: m, messages: [{ role: 'user', text: 'hi' }], settings: {}, guardrail: { id: 'gr1topicword', version: '9' } }));
    assert.equal((error as Error).name, 'ValidationException');
    assert.equal((error as Error).message, 'The guardrail identifier or version provided in the request does not exist.');
    const info = service.describeError(error);
    assert.match(info.message, /guardrail chosen for this chat does not exist in us-east-1/);
    assert.equal(info.action?.kind, 'openUrl');
    await assert.rejects(service.applyGuardrail({ guardrail: { id: 'nosuchguardrail', version: 'DRAFT' }, source: 'INPUT', text: 'x' }), /does not exist/);
  });

  it('AccessDenied on ListGuardrails and ApplyGuardrail names the IAM action to allow, with the IAM link', async () => {
    // AWS's AccessDenied wording ("User: … is not authorized to perform: ACTION …"), as IAM phrases it for every service.
    const denied = (action: string) => `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`;
    await local.control.fault({ operation: 'ListGuardrails', fault: 'accessDenied', message: denied('bedrock:ListGuardrails') });
    const listErr = await service.listGuardrails().then(() => undefined, (e: unknown) => e);
    const listInfo = service.describeError(listErr);
    assert.equal(listInfo.kind, 'accessDenied');
    assert.match(listInfo.message, /may not call bedrock:ListGuardrails in us-east-1/);
    assert.equal(listInfo.action?.label, 'Open IAM policies');
    await local.control.fault({ operation: 'ApplyGuardrail', fault: 'accessDenied', message: denied('bedrock:ApplyGuardrail') });
    const applyErr = await service.applyGuardrail({ guardrail: EMAIL, source: 'INPUT', text: 'x' }).then(() => undefined, (e: unknown) => e);
    assert.match(service.describeError(applyErr).message, /may not call bedrock:ApplyGuardrail .* A chat with a guardrail needs it too\.$/);
  });
});
