// The code languages highlighted in answers: the common ones only, so the webview bundle stays
// small (all of highlight.js is about 1 MB; CSS, Swift, PHP, PowerShell, Kotlin and Ruby alone
// would add 40 KB, past the webview's 400 KB budget). Unknown languages are shown unhighlighted.

import type { HLJSApi, LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES: Record<string, LanguageFn> = {
  bash, c, cpp, csharp, diff, dockerfile, go, ini, java, javascript, json, markdown, plaintext, python, rust, shell, sql,
  typescript, xml, yaml,
};

export function registerLanguages(hljs: HLJSApi): void {
  for (const [name, fn] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, fn);
}
