-- Knowledge search: collections and full-text search.
--
-- `collection` keeps sets that are not user content (e.g. BEIR evaluation corpora) apart from it:
-- every search filters on one collection ('default' for user content).
ALTER TABLE "knowledge"."source" ADD COLUMN "collection" TEXT NOT NULL DEFAULT 'default';
CREATE INDEX "source_collection_idx" ON "knowledge"."source" ("collection");

-- array_to_string is only STABLE (it calls element output functions); for text[] it is immutable
-- in practice, and a generated column needs an immutable expression.
CREATE FUNCTION "knowledge"."heading_text"(path TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_to_string(path, ' ') $$;

-- Headings weigh more (A) than the passage itself (B) in ts_rank_cd.
ALTER TABLE "knowledge"."chunk" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce("knowledge"."heading_text"("heading_path"), '')), 'A')
    || setweight(to_tsvector('english'::regconfig, "text"), 'B')
) STORED;
CREATE INDEX "chunk_tsv_idx" ON "knowledge"."chunk" USING GIN ("tsv");
