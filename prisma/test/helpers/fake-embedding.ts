import { createHash } from "node:crypto";

/**
 * TEST HELPER ONLY — not an embedding model. Hashes each text into a deterministic unit vector
 * so the seed and database plumbing can be tested without the ml-runtime. The vectors carry no
 * meaning: similarity between them is noise. Real embeddings come from the ml-runtime.
 */
export const TEST_ONLY_HASH_EMBEDDING_MODEL = "test-only-hash-512";
export const TEST_ONLY_HASH_EMBEDDING_DIMENSION = 512;

export function testOnlyHashEmbedding(text: string, dimension = TEST_ONLY_HASH_EMBEDDING_DIMENSION): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimension; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimension; i += 2) {
      values.push(digest.readInt16LE(i) / 32768);
    }
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((v) => v / norm);
}

/** An `embed` function for `seed()` built on {@link testOnlyHashEmbedding}; counts its calls. */
export function testOnlyHashEmbedder(dimension = TEST_ONLY_HASH_EMBEDDING_DIMENSION) {
  const stats = { calls: 0, texts: 0, largestCall: 0 };
  const embed = async (texts: string[]) => {
    stats.calls++;
    stats.texts += texts.length;
    stats.largestCall = Math.max(stats.largestCall, texts.length);
    return texts.map((t) => testOnlyHashEmbedding(t, dimension));
  };
  return { embed, stats };
}
