// Bedrock takes tool names and tool-use ids of [a-zA-Z0-9_-], 1–64 characters; VS Code's tools
// may be named more freely. Names are made valid on the way out and restored on the way back.

const INVALID = /[^a-zA-Z0-9_-]/g;
const MAX = 64;

function clean(raw: string): string {
  const s = raw.replace(INVALID, '_').slice(0, MAX);
  return s || 'tool';
}

/** A valid tool-use id for Bedrock; ids that are valid already (Bedrock's own) are unchanged. */
export function toolUseId(callId: string): string {
  return clean(callId);
}

export class ToolNames {
  private readonly out = new Map<string, string>();
  private readonly back = new Map<string, string>();

  /** The Bedrock name of a VS Code tool; two tools never share one. */
  toBedrock(name: string): string {
    const known = this.out.get(name);
    if (known) return known;
    let candidate = clean(name);
    for (let n = 2; this.back.has(candidate); n++) {
      const suffix = `_${n}`;
      candidate = clean(name).slice(0, MAX - suffix.length) + suffix;
    }
    this.out.set(name, candidate);
    this.back.set(candidate, name);
    return candidate;
  }

  /** The VS Code name behind a Bedrock name (the name itself when it was never renamed). */
  fromBedrock(name: string): string {
    return this.back.get(name) ?? name;
  }
}
