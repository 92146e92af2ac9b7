// Set-up for suites that drive the local Bedrock endpoint with clients NOT written in this project
// (nor the AWS SDK the stand-in was built against): a server per suite, the /_local control routes
// over plain fetch, and the README's token rule written out again here, independently of
// test/localBedrock/tokens.ts, so a miscount in the stand-in shows up as a failed assertion.
import { startLocalBedrock, type LocalBedrock } from '../../localBedrock/server';

export interface LoggedRequest {
  operation: string;
  modelId?: string;
  body: Record<string, unknown>;
  attempt: number;
  protocol: string;
}

export interface StandIn {
  server: LocalBedrock;
  /** Arms one fault or several (README, "Faults"). */
  armFault(fault: Record<string, unknown> | Record<string, unknown>[]): Promise<void>;
  /** Every Bedrock request the stand-in received since the test began, oldest first. */
  requests(): Promise<LoggedRequest[]>;
}

async function control(server: LocalBedrock, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${server.controlEndpoint}/_local/${route}`, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/_local/${route} answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

/** Starts a stand-in before the suite and stops it after; clears faults, replies and the log between tests. */
export function useStandIn(): StandIn {
  const s = {} as StandIn;
  before(async () => {
    s.server = await startLocalBedrock({ port: 0, tokensPerSecond: 0 });
    s.armFault = async (fault) => { await control(s.server, 'POST', 'faults', fault); };
    s.requests = async () => (await control(s.server, 'GET', 'requests')) as LoggedRequest[];
  });
  beforeEach(async () => {
    await control(s.server, 'DELETE', 'faults');
    await control(s.server, 'DELETE', 'reply');
    await control(s.server, 'DELETE', 'requests');
  });
  after(async () => {
    await s.server?.close();
  });
  return s;
}

/** README, "Token counting rule": a token is a maximal run of non-whitespace characters. */
export const tokens = (text: string): number => (text.match(/\S+/g) ?? []).length;

/** Runs `fn` and returns what it throws (fails the test when it does not throw). */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}
