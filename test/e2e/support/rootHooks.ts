// Root hooks of the e2e tier (mocharc.cjs requires this file): after the last suite, the session
// suites shared (useSession) is stopped.
import { stopSharedSession } from './session';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopSharedSession();
  },
};
