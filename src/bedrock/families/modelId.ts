// Model ids as the catalog, profiles and ARNs spell them. Pure string work, shared by every family.

/** The model id without a cross-region profile prefix or ARN. */
export function baseModelId(id: string): string {
  let s = id;
  const slash = s.lastIndexOf('/');
  if (s.startsWith('arn:') && slash >= 0) s = s.slice(slash + 1);
  return s.replace(/^(us|eu|apac|jp|au|ca|us-gov|global)\./, '');
}

/** The provider part of an id ("anthropic" of "anthropic.claude-…"). */
export function providerOf(baseId: string): string {
  const dot = baseId.indexOf('.');
  return dot > 0 ? baseId.slice(0, dot) : '';
}
