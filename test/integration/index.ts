// The suite's one entry: the extension host (under @vscode/test-electron or the VS Code server)
// requires this file and awaits run(). Test files are the bundled `**/*.test.js` next to it.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  // Under the VS Code server the host's console reaches the runner mixed with the workbench's own
  // log; the runner asks for a marker on the reporter's lines so it can show just those.
  const marker = process.env.BEDROCK_TEST_MARKER;
  if (marker) Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(marker + format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // The host's console is not a terminal; the runner asks for colours when its own output is one.
    color: process.env.BEDROCK_TEST_COLOR === '1',
    timeout: 30_000,
    grep: process.env.MOCHA_GREP || undefined,
  });
  for (const file of findTests(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
