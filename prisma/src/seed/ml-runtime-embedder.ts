import { z } from "zod";
import type { EmbedFn } from "./embed-rows.js";

const embeddingsResponse = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().nonnegative() })),
});

/**
 * An EmbedFn that calls the ml-runtime's OpenAI-compatible `POST /v1/embeddings` with plain
 * fetch (this package does not depend on the ml-runtime's client).
 */
export function mlRuntimeEmbedder(baseUrl: string, model: string, timeoutMs = 120_000): EmbedFn {
  const url = new URL("v1/embeddings", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
  return async (texts) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ input: texts, model }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new Error(`ml-runtime at ${url} is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    if (!response.ok) {
      const body = (await response.text().catch(() => "")).slice(0, 500);
      throw new Error(`ml-runtime ${url} answered ${response.status} ${response.statusText} for model "${model}": ${body}`);
    }
    const parsed = embeddingsResponse.safeParse(await response.json());
    if (!parsed.success) throw new Error(`ml-runtime ${url} returned an unexpected body: ${parsed.error.message}`);
    const vectors: number[][] = new Array<number[]>(texts.length);
    for (const item of parsed.data.data) {
      if (item.index >= texts.length) throw new Error(`ml-runtime returned index ${item.index} for ${texts.length} inputs`);
      vectors[item.index] = item.embedding;
    }
    if (parsed.data.data.length !== texts.length || vectors.some((v) => v === undefined)) {
      throw new Error(`ml-runtime returned ${parsed.data.data.length} embeddings for ${texts.length} inputs`);
    }
    return vectors;
  };
}
