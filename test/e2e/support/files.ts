// Waiting for what VS Code or the extension writes on the server's disk (a setting saved, a
// conversation saved), on the file system's own change events rather than on a timer.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Waits until a file under `root` (whose path, relative to `root`, `matches`) has contents for
 * which `pick` gives a value, and returns it. The files are read now and again on each change
 * under `root` (fs.watch, recursive); the timeout only ends a wait for a write that never comes.
 */
export function waitForFile<T>(root: string, matches: (relPath: string) => boolean, pick: (contents: string, relPath: string) => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  fs.mkdirSync(root, { recursive: true });
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (err: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve(value as T);
    };
    const scan = () => {
      if (done) return;
      for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        if (!matches(rel)) continue;
        let contents: string;
        try {
          contents = fs.readFileSync(path.join(root, rel), 'utf8');
        } catch {
          continue; // a directory, or replaced while we read it: the next change event reads it again
        }
        const hit = pick(contents, rel);
        if (hit !== undefined) return finish(undefined, hit);
      }
    };
    const watcher = fs.watch(root, { recursive: true }, scan);
    watcher.on('error', (err) => finish(err));
    const timer = setTimeout(() => finish(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} under ${root}`)), timeoutMs);
    scan();
  });
}
