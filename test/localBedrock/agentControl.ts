// Agents for Bedrock (control plane, `bedrock-agent`, restJson over HTTP/1.1): ListKnowledgeBases
// (POST /knowledgebases/, paged by maxResults/nextToken) and GetKnowledgeBase.
import { BedrockError, validation } from './errors';
import { findKnowledgeBase, knowledgeBases, type StandInKnowledgeBase } from './corpus';
import { optionalInteger, optionalString } from './agentValidation';
import type { Json } from './bodyCheck';

const ACCOUNT = '123456789012';

function summary(kb: StandInKnowledgeBase): Json {
  return { knowledgeBaseId: kb.knowledgeBaseId, name: kb.name, description: kb.description, status: kb.status, updatedAt: kb.updatedAt };
}

export function listKnowledgeBases(body: Json): Json {
  const maxResults = optionalInteger(body, 'maxResults', 1, 1000) ?? 1000;
  const token = optionalString(body, 'nextToken', 2048);
  const all = knowledgeBases();
  let start = 0;
  if (token !== undefined) {
    start = Number(/^kb-page-(\d+)$/.exec(token)?.[1] ?? NaN);
    if (!Number.isInteger(start) || start < 0 || start > all.length) throw validation('The pagination token is invalid.');
  }
  const page = all.slice(start, start + maxResults);
  const next = start + page.length < all.length ? `kb-page-${start + page.length}` : undefined;
  return { knowledgeBaseSummaries: page.map(summary), ...(next ? { nextToken: next } : {}) };
}

export function getKnowledgeBase(id: string, region: string): Json {
  const kb = findKnowledgeBase(id);
  if (!kb) throw new BedrockError('ResourceNotFoundException', `Knowledge base with id ${id} does not exist`);
  return {
    knowledgeBase: {
      ...summary(kb),
      knowledgeBaseArn: `arn:aws:bedrock:${region}:${ACCOUNT}:knowledge-base/${kb.knowledgeBaseId}`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_local`,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: { embeddingModelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-embed-text-v2:0` },
      },
      createdAt: kb.updatedAt,
    },
  };
}
