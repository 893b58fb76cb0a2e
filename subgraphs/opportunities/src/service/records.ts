import { createHash } from "node:crypto";
import { vectorLiteral } from "@matchgraph/db";
import { embed, embeddingText, type SubgraphContext } from "@matchgraph/subgraph-kit";
import type { PreparedRecord } from "../db/records.js";
import { IMPORT_FIELDS } from "../import/columns.js";
import type { RecordFields } from "../matching/types.js";
import { domainFromEmail, domainFromWebsite, geoRegionOf, normalizeCompanyName, normalizeCountry, normalizeText } from "../matching/normalize.js";

/** A stored row's own fields (dates as ISO text, amounts as numbers). */
export function fieldsOf(r: Omit<RecordFields, "closeDate" | "amount"> & { closeDate: Date | null; amount: { toString(): string } | null }): RecordFields {
  return {
    externalId: r.externalId,
    companyName: r.companyName,
    website: r.website,
    email: r.email,
    title: r.title,
    description: r.description,
    stage: r.stage,
    country: r.country,
    region: r.region,
    closeDate: r.closeDate ? r.closeDate.toISOString().slice(0, 10) : null,
    amount: r.amount === null ? null : Number(r.amount),
  };
}

export function rowHash(r: RecordFields): string {
  return createHash("sha256").update(JSON.stringify(IMPORT_FIELDS.map((f) => r[f]))).digest("hex");
}

export function matchingKeys(r: Pick<RecordFields, "companyName" | "website" | "email" | "country" | "region">) {
  const countryCode = normalizeCountry(r.country) ?? normalizeCountry(r.region);
  return {
    nameNorm: normalizeCompanyName(r.companyName),
    domain: domainFromWebsite(r.website) ?? domainFromEmail(r.email),
    countryCode,
    geoRegion: geoRegionOf(countryCode),
  };
}

/**
 * The identity text (who: the normalised name) and the context text (what: the deal). The
 * domain is compared exactly by its own signal and kept out of the identity text: a domain
 * present on one side only would move two identical names apart.
 */
export function embeddingTexts(r: { nameNorm: string; title: string; description: string | null }) {
  return {
    identity: r.nameNorm || "-",
    context: embeddingText(r.title, normalizeText(r.description)) || "-",
  };
}

/**
 * Adds matching keys, row hash and both vectors to records. One embedding call for the batch
 * (the ml-runtime micro-batches it), each distinct text once, made before any transaction opens.
 */
export async function prepareRecords(ctx: Pick<SubgraphContext, "ml">, records: readonly RecordFields[]): Promise<PreparedRecord[]> {
  const keyed = records.map((r) => ({ ...r, ...matchingKeys(r), rowHash: rowHash(r) }));
  if (keyed.length === 0) return [];
  const texts = keyed.map(embeddingTexts);
  // Each distinct text once: a company's deals share their identity text.
  const distinct = [...new Set(texts.flatMap((t) => [t.identity, t.context]))];
  const { model, vectors } = await embed(ctx, distinct);
  const literal = new Map(distinct.map((t, i) => [t, vectorLiteral(vectors[i]!)]));
  return keyed.map((r, i) => ({
    ...r,
    vectors: { model, identity: literal.get(texts[i]!.identity)!, context: literal.get(texts[i]!.context)! },
  }));
}
