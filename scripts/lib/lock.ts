// A tiny cross-process lock (an atomic mkdir holding the owner's pid), so two test runs that
// start at once do not install into the same cache folder together.
import * as fs from 'node:fs';
import * as path from 'node:path';

function ownerAlive(lockDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock whose owner is gone (or that never got its pid written, after a grace period) is stale.
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs;
      if (!ownerAlive(lockDir) && age > 2000) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) console.log(`[setup] waiting for another run to finish installing (${path.basename(lockDir)})`);
      announced = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
