// The stand-in's knowledge bases: a small fixed corpus, chunked and indexed with the endpoint's
// own embedding model (embedText, the Titan stand-in), so Retrieve ranks chunks the way a vector
// store would and gives the same answer for the same question every time.
import { embedText } from './embeddings';
import { hash32 } from './tokens';

export type SourceLocation =
  | { type: 'S3'; s3Location: { uri: string } }
  | { type: 'WEB'; webLocation: { url: string } };

export interface CorpusChunk {
  chunkId: string;
  dataSourceId: string;
  /** The document's title, used in generated answers. */
  title: string;
  text: string;
  location: SourceLocation;
  vector: number[];
}

export interface StandInKnowledgeBase {
  knowledgeBaseId: string;
  name: string;
  description: string;
  status: 'ACTIVE';
  updatedAt: string;
  dataSourceId: string;
  chunks: CorpusChunk[];
}

/** The index's embedding size (Titan Text Embeddings v2's default). */
export const CORPUS_DIMENSIONS = 1024;

interface Doc { title: string; source: string; paragraphs: string[] }

const HANDBOOK: Doc[] = [
  {
    title: 'Permits',
    source: 's3://northwind-trails-docs/handbook/permits.md',
    paragraphs: [
      'Day hikes on every Northwind trail need no permit. Overnight camping in the backcountry needs a camping permit, issued at the ranger station or online up to 90 days ahead.',
      'A camping permit costs 12 dollars per person per night. Groups larger than eight people need a group permit and must camp at the Cedar Flats group site.',
    ],
  },
  {
    title: 'Trail safety',
    source: 's3://northwind-trails-docs/handbook/safety.md',
    paragraphs: [
      'Carry at least two litres of water per person on the Ridge Loop: there is no water source above the lake. Turn back if thunderstorms build before noon.',
      'Bears are active from April to October. Store food in the bear lockers at each campsite and never leave a pack unattended at a viewpoint.',
    ],
  },
  {
    title: 'Gear list',
    source: 's3://northwind-trails-docs/handbook/gear.md',
    paragraphs: [
      'Bring layered clothing, a rain shell, a headlamp and a paper map of the trails. Mobile phones have no signal past the Pine Gate trailhead.',
    ],
  },
];

const WEBSITE: Doc[] = [
  {
    title: 'Opening hours',
    source: 'https://parks.example.com/northwind/hours',
    paragraphs: [
      'The park opens at 6 am and closes at 10 pm from May to September, and closes at 6 pm the rest of the year. The visitor centre opens at 9 am every day.',
    ],
  },
  {
    title: 'Parking',
    source: 'https://parks.example.com/northwind/parking',
    paragraphs: [
      'Parking at the Pine Gate trailhead costs 5 dollars per day; the lot fills before 8 am on summer weekends. A free shuttle runs from the town station every 30 minutes.',
    ],
  },
  {
    title: 'Camping',
    source: 'https://parks.example.com/northwind/camping',
    paragraphs: [
      'Cedar Flats campground has 40 sites with fire rings and drinking water. Reservations open in January; walk-up sites are released at 11 am each day.',
    ],
  },
];

const FAQ: Doc[] = [
  {
    title: 'Dogs and pets',
    source: 's3://northwind-trails-docs/faq/pets.md',
    paragraphs: ['Dogs are welcome on the lake trails on a leash no longer than two metres. Dogs are not allowed on the Ridge Loop or in the backcountry camping zones.'],
  },
  {
    title: 'Drones',
    source: 's3://northwind-trails-docs/faq/drones.md',
    paragraphs: ['Flying drones is not allowed anywhere in the park without a film permit from the park office.'],
  },
];

/** Words that say nothing about a topic; left out so they do not pull every text together. */
const STOPWORDS = new Set(('a an and are at be by can do does for from has have how i if in is it its my no not of on or our so that the their there this to up was we what when where which who why will with you your ' +
  'per each every any all').split(' '));

/**
 * What the index embeds: the topic words, lightly stemmed ("parking" and "park" meet), so the
 * stand-in's word-based vectors rank chunks by what they are about.
 */
export function indexText(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = words.filter((w) => !STOPWORDS.has(w)).map((w) => (w.length > 5 && w.endsWith('ing') ? w.slice(0, -3) : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return kept.length ? kept.join(' ') : text;
}

function build(knowledgeBaseId: string, name: string, description: string, dataSourceId: string, docs: Doc[], updatedAt: string): StandInKnowledgeBase {
  const chunks: CorpusChunk[] = [];
  for (const doc of docs) {
    doc.paragraphs.forEach((text, i) => {
      const location: SourceLocation = doc.source.startsWith('s3://')
        ? { type: 'S3', s3Location: { uri: doc.source } }
        : { type: 'WEB', webLocation: { url: doc.source } };
      const chunkId = `${hash32(`${doc.source}#${i}`).toString(16).padStart(8, '0')}-chunk-${i}`;
      chunks.push({ chunkId, dataSourceId, title: doc.title, text, location, vector: embedText(indexText(`${doc.title}. ${text}`), CORPUS_DIMENSIONS) });
    });
  }
  return { knowledgeBaseId, name, description, status: 'ACTIVE', updatedAt, dataSourceId, chunks };
}

let built: StandInKnowledgeBase[] | undefined;

/** The knowledge bases, built (embedded) on first use; the same in every region. */
export function knowledgeBases(): StandInKnowledgeBase[] {
  built ??= [
    build('TRAILHNDBK', 'trail-handbook', 'The Northwind trail handbook: permits, safety, gear (S3).', 'S3HANDBOOK', HANDBOOK, '2026-03-02T10:15:00Z'),
    build('PARKWEBSIT', 'park-website', 'Pages of the park website, crawled (web crawler).', 'WEBCRAWLER', WEBSITE, '2026-04-11T08:00:00Z'),
    build('FAQNOTES01', 'visitor-faq', 'Short answers to frequent visitor questions (S3).', 'S3FAQNOTES', FAQ, '2026-05-20T16:45:00Z'),
  ];
  return built;
}

export function findKnowledgeBase(id: string): StandInKnowledgeBase | undefined {
  return knowledgeBases().find((kb) => kb.knowledgeBaseId === id);
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot; // both are unit vectors
}

export interface ScoredChunk { chunk: CorpusChunk; score: number }

/** The `n` chunks nearest the query, best first; the score is the cosine similarity mapped to [0, 1]. */
export function search(kb: StandInKnowledgeBase, query: string, n: number): ScoredChunk[] {
  const q = embedText(indexText(query), CORPUS_DIMENSIONS);
  return kb.chunks
    .map((chunk) => ({ chunk, score: Math.round(((1 + cosine(q, chunk.vector)) / 2) * 1e6) / 1e6 }))
    .sort((a, b) => b.score - a.score || a.chunk.chunkId.localeCompare(b.chunk.chunkId))
    .slice(0, n);
}
