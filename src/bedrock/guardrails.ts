import type { BedrockClient, GuardrailSummary } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { GuardrailFinding, GuardrailOutcome, GuardrailRef } from './types';
import { assessmentFindings, outcomeSummary } from './guardrailText';
import { loadControlSdk, loadRuntimeSdk } from './sdk';

// The account's guardrails (control plane ListGuardrails) and ApplyGuardrail (runtime), which
// checks a text against a guardrail without calling a model.
// ListGuardrails: without guardrailIdentifier it lists the DRAFT of every guardrail; with one, that
// guardrail's versions (Bedrock API reference, API_ListGuardrails: "To list the DRAFT version of all
// your guardrails, don't specify the guardrailIdentifier field. To list all versions of a
// guardrail, specify the ARN of the guardrail in the guardrailIdentifier field.").

export interface GuardrailVersionInfo {
  version: string;
  status: string;
  description?: string;
}

export interface GuardrailInfo {
  id: string;
  arn: string;
  name: string;
  status: string;
  description?: string;
  /** DRAFT first, then numbered versions newest first. */
  versions: GuardrailVersionInfo[];
}

const MAX_PAGES = 20;

async function listPages(control: BedrockClient, guardrailIdentifier: string | undefined, signal?: AbortSignal): Promise<GuardrailSummary[]> {
  const { ListGuardrailsCommand } = await loadControlSdk();
  const out: GuardrailSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await control.send(new ListGuardrailsCommand({
      maxResults: 100, ...(guardrailIdentifier ? { guardrailIdentifier } : {}), ...(nextToken ? { nextToken } : {}),
    }), { abortSignal: signal });
    out.push(...(res.guardrails ?? []));
    nextToken = res.nextToken;
    if (!nextToken) break;
  }
  return out;
}

function versionOrder(a: GuardrailVersionInfo, b: GuardrailVersionInfo): number {
  if (a.version === 'DRAFT') return -1;
  if (b.version === 'DRAFT') return 1;
  return Number(b.version) - Number(a.version);
}

/** Every guardrail of the account in this Region, each with its versions (one call per guardrail, in parallel). */
export async function listGuardrails(control: BedrockClient, signal?: AbortSignal): Promise<GuardrailInfo[]> {
  const drafts = await listPages(control, undefined, signal);
  const withVersions = await Promise.all(drafts.map(async (g): Promise<GuardrailInfo> => {
    const id = g.id ?? '';
    const versions = await listPages(control, g.arn ?? id, signal);
    const list: GuardrailVersionInfo[] = versions.map((v) => ({ version: v.version ?? 'DRAFT', status: v.status ?? '', ...(v.description ? { description: v.description } : {}) }));
    if (!list.some((v) => v.version === 'DRAFT')) list.push({ version: 'DRAFT', status: g.status ?? '' });
    return {
      id, arn: g.arn ?? '', name: g.name ?? id, status: g.status ?? '',
      ...(g.description ? { description: g.description } : {}),
      versions: list.sort(versionOrder),
    };
  }));
  return withVersions.sort((a, b) => a.name.localeCompare(b.name));
}

export interface GuardrailTestRequest {
  guardrail: GuardrailRef;
  /** INPUT: checked as a prompt; OUTPUT: checked as a model's answer (API_runtime_ApplyGuardrail). */
  source: 'INPUT' | 'OUTPUT';
  text: string;
}

export interface GuardrailTestResult extends GuardrailOutcome {
  /** GUARDRAIL_INTERVENED or NONE, as Bedrock said it. */
  action: string;
  /** The text after the guardrail: the blocked message, or the text with masked parts ({EMAIL}); undefined when unchanged. */
  output?: string;
  /** Bedrock's actionReason, when given. */
  actionReason?: string;
  /** The exact request, for the user to see. */
  request: { operation: 'ApplyGuardrail'; guardrailIdentifier: string; guardrailVersion: string; body: unknown };
}

export async function applyGuardrail(runtime: BedrockRuntimeClient, req: GuardrailTestRequest, signal?: AbortSignal): Promise<GuardrailTestResult> {
  const { ApplyGuardrailCommand } = await loadRuntimeSdk();
  const body = { source: req.source, content: [{ text: { text: req.text } }] };
  const res = await runtime.send(new ApplyGuardrailCommand({
    guardrailIdentifier: req.guardrail.id, guardrailVersion: req.guardrail.version, ...body,
  }), { abortSignal: signal });
  const side: GuardrailFinding['source'] = req.source === 'INPUT' ? 'input' : 'output';
  const findings = (res.assessments ?? []).flatMap((a) => assessmentFindings(a, side));
  const intervened = res.action === 'GUARDRAIL_INTERVENED';
  const output = (res.outputs ?? []).map((o) => o.text ?? '').join('');
  return {
    guardrail: req.guardrail,
    intervened,
    summary: outcomeSummary(req.guardrail, intervened, findings),
    findings,
    action: res.action ?? 'NONE',
    ...(intervened && (res.outputs?.length ?? 0) > 0 ? { output } : {}),
    ...(res.actionReason ? { actionReason: res.actionReason } : {}),
    request: { operation: 'ApplyGuardrail', guardrailIdentifier: req.guardrail.id, guardrailVersion: req.guardrail.version, body },
  };
}
