// A long markdown answer like the ones models write: headings, paragraphs, bullet and numbered
// lists, tables, fenced code and quotes, repeated with variations until it has `tokens` tokens
// (the local endpoint's rule: a token is a run of non-whitespace). Deterministic.
import { countTokens } from '../localBedrock/tokens';

const WORDS = ('stream render block token latency frame buffer parser table column value model region profile request ' +
  'response delta chunk layout paint script heap memory answer prompt cache').split(' ');

function words(seed: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[(seed * 7 + i * 13 + (i * i) % 5) % WORDS.length]!);
  return out.join(' ');
}

function section(i: number): string {
  const parts = [
    `## Part ${i + 1}: ${words(i, 4)}`,
    `The ${words(i + 1, 10)} is **${words(i + 2, 2)}**, while \`${WORDS[i % WORDS.length]}Count\` keeps ${words(i + 3, 14)}. ` +
      `See [the guide](https://docs.aws.amazon.com/bedrock/) for ${words(i + 4, 8)}.`,
    [1, 2, 3, 4, 5].map((k) => `- **${WORDS[(i + k) % WORDS.length]}**: ${words(i + k, 9)}`).join('\n'),
    `| Name | Tokens | Latency (ms) | Notes |\n|---|---:|---:|---|\n` +
      [0, 1, 2, 3, 4, 5].map((k) => `| ${WORDS[(i + k * 3) % WORDS.length]} | ${(i * 37 + k * 11) % 900} | ${(i * 13 + k * 7) % 250} | ${words(i + k, 4)} |`).join('\n'),
    '```ts\n' +
      `export function ${WORDS[i % WORDS.length]}Rate(samples: number[], windowMs = ${100 + (i % 9) * 50}): number {\n` +
      '  // Tokens per second over the last window.\n' +
      '  const recent = samples.filter((t) => t > performance.now() - windowMs);\n' +
      `  return (recent.length * 1000) / windowMs; // ${words(i + 5, 4)}\n` +
      '}\n```',
    [1, 2, 3, 4].map((k) => `${k}. ${words(i * 3 + k, 11)}`).join('\n'),
    `> ${words(i + 6, 16)}`,
    `${words(i + 7, 20)}. ${words(i + 8, 18)}.`,
  ];
  return parts.join('\n\n');
}

/** A markdown answer of at least `tokens` tokens. */
export function markdownAnswer(tokens: number): string {
  const sections: string[] = [];
  let n = 0;
  for (let i = 0; n < tokens; i++) {
    const s = section(i);
    sections.push(s);
    n += countTokens(s);
  }
  return sections.join('\n\n') + '\n';
}
