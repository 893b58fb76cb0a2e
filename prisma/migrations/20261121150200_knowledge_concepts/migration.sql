-- Key concepts (issue 4, "Concepts"): phrases extracted per chunk (RAKE, see
-- subgraphs/knowledge/src/service/concepts.ts), linked to chunks with a weight; a source's concepts
-- are the aggregate over its chunks (through chunk.source_id, indexed by chunk_source_id_ordinal_key).

CREATE TABLE "knowledge"."concept" (
    "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
    -- Normalised phrase: lower case, single spaces.
    "name"       TEXT           NOT NULL,
    -- The phrase as first seen in a text, for display.
    "display"    TEXT           NOT NULL,
    -- How many chunks are linked to the concept (kept by the triggers below).
    "doc_freq"   INTEGER        NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "concept_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "concept_name_normalised_check" CHECK ("name" = lower("name") AND length("name") BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX "concept_name_key" ON "knowledge"."concept" ("name");
-- Prefix search (name LIKE 'abc%') whatever the database's collation.
CREATE INDEX "concept_name_pattern_idx" ON "knowledge"."concept" ("name" text_pattern_ops);

CREATE TABLE "knowledge"."chunk_concept" (
    "chunk_id"   UUID             NOT NULL,
    "concept_id" UUID             NOT NULL,
    "weight"     DOUBLE PRECISION NOT NULL,
    CONSTRAINT "chunk_concept_pkey" PRIMARY KEY ("chunk_id", "concept_id"),
    CONSTRAINT "chunk_concept_chunk_id_fkey" FOREIGN KEY ("chunk_id") REFERENCES "knowledge"."chunk" ("id") ON DELETE CASCADE,
    CONSTRAINT "chunk_concept_concept_id_fkey" FOREIGN KEY ("concept_id") REFERENCES "knowledge"."concept" ("id") ON DELETE CASCADE
);
-- Per-source aggregation joins chunk (source_id) → chunk_concept (chunk_id, the primary key's
-- first column); this one serves "chunks of a concept" and the cascade from concept.
CREATE INDEX "chunk_concept_concept_id_idx" ON "knowledge"."chunk_concept" ("concept_id");

-- doc_freq follows the links, whoever writes or deletes them (a re-ingested source's chunks are
-- deleted and cascade here). Statement-level triggers: one UPDATE per statement, not per row.
CREATE FUNCTION "knowledge"."chunk_concept_count_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "knowledge"."concept" c SET "doc_freq" = c."doc_freq" + d.n
    FROM (SELECT "concept_id", count(*)::int AS n FROM new_links GROUP BY "concept_id") d
    WHERE c."id" = d."concept_id";
    RETURN NULL;
END $$;

CREATE FUNCTION "knowledge"."chunk_concept_count_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "knowledge"."concept" c SET "doc_freq" = greatest(c."doc_freq" - d.n, 0)
    FROM (SELECT "concept_id", count(*)::int AS n FROM old_links GROUP BY "concept_id") d
    WHERE c."id" = d."concept_id";
    RETURN NULL;
END $$;

CREATE TRIGGER "chunk_concept_inserted" AFTER INSERT ON "knowledge"."chunk_concept"
    REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION "knowledge"."chunk_concept_count_inserted"();
CREATE TRIGGER "chunk_concept_deleted" AFTER DELETE ON "knowledge"."chunk_concept"
    REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION "knowledge"."chunk_concept_count_deleted"();
