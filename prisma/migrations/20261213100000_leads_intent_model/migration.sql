-- Leads intent model (issue 10): firmographics in taxonomy form, technologies with first / last
-- seen (churn), miners, intent snippets with a 64-bit simhash (partitioned by month on
-- PostgreSQL, a plain table on PGlite), BM25 postings whose statistics (document frequency per
-- term, document count, total length) triggers keep current, queries with their hits and
-- outcomes, submitter reputation and quality alerts.

-- ---------------------------------------------------------------- leads: firmographics

ALTER TABLE "leads"."lead"
    ADD COLUMN "revenue_band" TEXT,
    ADD CONSTRAINT "lead_revenue_band_check" CHECK ("revenue_band" IN ('<1m', '1m-10m', '10m-50m', '50m-250m', '250m-1b', '>1b'));
CREATE INDEX "lead_industry_idx" ON "leads"."lead" ("industry");
CREATE INDEX "lead_country_idx" ON "leads"."lead" ("country");
CREATE INDEX "lead_employee_count_idx" ON "leads"."lead" ("employee_count");
CREATE INDEX "lead_company_name_lower_idx" ON "leads"."lead" (lower("company_name"));

-- ---------------------------------------------------------------- technologies (churn)

CREATE TABLE "leads"."lead_technology" (
    "lead_id"    UUID           NOT NULL,
    -- Canonical lowercase name (subgraphs/leads/src/parser/vocabulary.ts), e.g. 'salesforce'.
    "technology" TEXT           NOT NULL,
    "first_seen" TIMESTAMPTZ(6) NOT NULL,
    "last_seen"  TIMESTAMPTZ(6) NOT NULL,
    -- false once the technology was seen removed (at last_seen): additions and removals are churn.
    "active"     BOOLEAN        NOT NULL DEFAULT true,
    CONSTRAINT "lead_technology_pkey" PRIMARY KEY ("lead_id", "technology"),
    CONSTRAINT "lead_technology_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"."lead" ("id") ON DELETE CASCADE,
    CONSTRAINT "lead_technology_seen_check" CHECK ("first_seen" <= "last_seen")
);
CREATE INDEX "lead_technology_technology_idx" ON "leads"."lead_technology" ("technology", "lead_id") WHERE "active";

-- ---------------------------------------------------------------- miners

CREATE TABLE "leads"."miner" (
    "id"                UUID           NOT NULL DEFAULT gen_random_uuid(),
    -- The identity (JWT subject) that submits as this miner.
    "user_id"           TEXT           NOT NULL,
    "snippets_accepted" INTEGER        NOT NULL DEFAULT 0,
    "snippets_flagged"  INTEGER        NOT NULL DEFAULT 0,
    "created_at"        TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "miner_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "miner_user_id_key" UNIQUE ("user_id")
);

-- ---------------------------------------------------------------- intent snippets

-- The primary key includes observed_at: a partitioned table's keys must include its partition key.
DO $$
BEGIN
  IF version() LIKE '%PGlite%' THEN
    CREATE TABLE "leads"."snippet" (
        "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
        "lead_id"      UUID           NOT NULL,
        "source"       TEXT           NOT NULL,
        "text"         TEXT           NOT NULL,
        "observed_at"  TIMESTAMPTZ(6) NOT NULL,
        "miner_id"     UUID,
        "simhash"      BIGINT         NOT NULL,
        "length"       INTEGER        NOT NULL,
        "duplicate_of" UUID,
        "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT "snippet_pkey" PRIMARY KEY ("id", "observed_at")
    );
  ELSE
    CREATE TABLE "leads"."snippet" (
        "id"           UUID           NOT NULL DEFAULT gen_random_uuid(),
        "lead_id"      UUID           NOT NULL,
        "source"       TEXT           NOT NULL,
        "text"         TEXT           NOT NULL,
        "observed_at"  TIMESTAMPTZ(6) NOT NULL,
        "miner_id"     UUID,
        "simhash"      BIGINT         NOT NULL,
        "length"       INTEGER        NOT NULL,
        "duplicate_of" UUID,
        "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT "snippet_pkey" PRIMARY KEY ("id", "observed_at")
    ) PARTITION BY RANGE ("observed_at");
    -- Monthly partitions live in their own schema (the domain schema lists only mapped tables);
    -- 2020-01 … 2030-12, and a default partition for anything outside.
    CREATE SCHEMA IF NOT EXISTS "leads_snippet_partitions";
    FOR m IN 0..131 LOOP
      EXECUTE format(
        'CREATE TABLE "leads_snippet_partitions".%I PARTITION OF "leads"."snippet" FOR VALUES FROM (%L) TO (%L)',
        'snippet_' || to_char(DATE '2020-01-01' + make_interval(months => m), 'YYYY_MM'),
        DATE '2020-01-01' + make_interval(months => m),
        DATE '2020-01-01' + make_interval(months => m + 1));
    END LOOP;
    CREATE TABLE "leads_snippet_partitions"."snippet_default" PARTITION OF "leads"."snippet" DEFAULT;
  END IF;
END
$$;
ALTER TABLE "leads"."snippet"
    ADD CONSTRAINT "snippet_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"."lead" ("id") ON DELETE CASCADE,
    ADD CONSTRAINT "snippet_miner_id_fkey" FOREIGN KEY ("miner_id") REFERENCES "leads"."miner" ("id") ON DELETE SET NULL,
    ADD CONSTRAINT "snippet_source_check" CHECK ("source" IN ('job_posting', 'news', 'review', 'technology_change', 'web_visit')),
    ADD CONSTRAINT "snippet_length_check" CHECK ("length" >= 0);
CREATE INDEX "snippet_lead_id_observed_at_idx" ON "leads"."snippet" ("lead_id", "observed_at");
CREATE INDEX "snippet_miner_id_idx" ON "leads"."snippet" ("miner_id");

-- ---------------------------------------------------------------- BM25 postings and statistics

-- One row per (term, scored snippet): flagged near-duplicates get none. Lead, length, source and
-- time are copied in so that BM25 reads postings alone.
CREATE TABLE "leads"."snippet_term" (
    "term"        TEXT           NOT NULL,
    "snippet_id"  UUID           NOT NULL,
    "observed_at" TIMESTAMPTZ(6) NOT NULL,
    "lead_id"     UUID           NOT NULL,
    "source"      TEXT           NOT NULL,
    "tf"          INTEGER        NOT NULL,
    "length"      INTEGER        NOT NULL,
    CONSTRAINT "snippet_term_pkey" PRIMARY KEY ("term", "snippet_id"),
    CONSTRAINT "snippet_term_snippet_fkey" FOREIGN KEY ("snippet_id", "observed_at") REFERENCES "leads"."snippet" ("id", "observed_at") ON DELETE CASCADE,
    CONSTRAINT "snippet_term_tf_check" CHECK ("tf" >= 1)
);
CREATE INDEX "snippet_term_snippet_idx" ON "leads"."snippet_term" ("snippet_id");

CREATE TABLE "leads"."term_stat" (
    "term" TEXT    NOT NULL,
    -- Scored snippets containing the term.
    "df"   INTEGER NOT NULL,
    CONSTRAINT "term_stat_pkey" PRIMARY KEY ("term")
);

CREATE TABLE "leads"."corpus_stat" (
    "id"           INTEGER  NOT NULL,
    "documents"    BIGINT   NOT NULL,
    "total_length" BIGINT   NOT NULL,
    CONSTRAINT "corpus_stat_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "corpus_stat_single_check" CHECK ("id" = 1)
);
INSERT INTO "leads"."corpus_stat" ("id", "documents", "total_length") VALUES (1, 0, 0);

-- Statement-level triggers with transition tables: one statistics update per INSERT / DELETE
-- statement, however many postings it writes.
CREATE FUNCTION "leads"."snippet_term_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "leads"."term_stat" ("term", "df")
    SELECT "term", count(*) FROM new_rows GROUP BY "term"
    ON CONFLICT ("term") DO UPDATE SET "df" = "term_stat"."df" + EXCLUDED."df";
  UPDATE "leads"."corpus_stat" SET
    "documents" = "documents" + d.n,
    "total_length" = "total_length" + d.len
  FROM (SELECT count(*) AS n, coalesce(sum("length"), 0) AS len
        FROM (SELECT DISTINCT "snippet_id", "length" FROM new_rows) s) d
  WHERE "id" = 1;
  RETURN NULL;
END
$$;
CREATE FUNCTION "leads"."snippet_term_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "leads"."term_stat" t SET "df" = t."df" - o.n
    FROM (SELECT "term", count(*) AS n FROM old_rows GROUP BY "term") o
    WHERE t."term" = o."term";
  DELETE FROM "leads"."term_stat" WHERE "df" <= 0;
  UPDATE "leads"."corpus_stat" SET
    "documents" = greatest(0, "documents" - d.n),
    "total_length" = greatest(0, "total_length" - d.len)
  FROM (SELECT count(*) AS n, coalesce(sum("length"), 0) AS len
        FROM (SELECT DISTINCT "snippet_id", "length" FROM old_rows) s) d
  WHERE "id" = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER "snippet_term_added" AFTER INSERT ON "leads"."snippet_term"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads"."snippet_term_added"();
CREATE TRIGGER "snippet_term_removed" AFTER DELETE ON "leads"."snippet_term"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "leads"."snippet_term_removed"();

-- ---------------------------------------------------------------- queries, hits, outcomes

CREATE TABLE "leads"."lead_query" (
    "id"         UUID             NOT NULL DEFAULT gen_random_uuid(),
    "submitter"  TEXT             NOT NULL,
    "prompt"     TEXT             NOT NULL,
    "parsed"     JSONB            NOT NULL,
    "k"          INTEGER          NOT NULL,
    "hits"       INTEGER          NOT NULL,
    -- Query quality in [0, 1] (parse confidence, specificity, results): feeds the submitter's reputation.
    "quality"    DOUBLE PRECISION NOT NULL,
    "cost_usd"   DOUBLE PRECISION NOT NULL DEFAULT 0,
    "llm_calls"  INTEGER          NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lead_query_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "lead_query_submitter_created_at_idx" ON "leads"."lead_query" ("submitter", "created_at");

CREATE TABLE "leads"."lead_query_hit" (
    "query_id"  UUID    NOT NULL,
    "lead_id"   UUID    NOT NULL,
    "rank"      INTEGER NOT NULL,
    -- Miners whose snippets counted in this hit's score.
    "miner_ids" UUID[]  NOT NULL DEFAULT '{}',
    CONSTRAINT "lead_query_hit_pkey" PRIMARY KEY ("query_id", "lead_id"),
    CONSTRAINT "lead_query_hit_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "leads"."lead_query" ("id") ON DELETE CASCADE
);

CREATE TABLE "leads"."lead_outcome" (
    "id"         UUID           NOT NULL DEFAULT gen_random_uuid(),
    "query_id"   UUID           NOT NULL,
    "lead_id"    UUID           NOT NULL,
    "kind"       TEXT           NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lead_outcome_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lead_outcome_hit_fkey" FOREIGN KEY ("query_id", "lead_id") REFERENCES "leads"."lead_query_hit" ("query_id", "lead_id") ON DELETE CASCADE,
    CONSTRAINT "lead_outcome_kind_check" CHECK ("kind" IN ('impression', 'click', 'conversion'))
);
CREATE UNIQUE INDEX "lead_outcome_once_key" ON "leads"."lead_outcome" ("query_id", "lead_id", "kind");

-- ---------------------------------------------------------------- reputation and alerts

CREATE TABLE "leads"."submitter_reputation" (
    "submitter"  TEXT             NOT NULL,
    -- Exponential moving average of query quality, in [0, 1].
    "score"      DOUBLE PRECISION NOT NULL,
    "queries"    INTEGER          NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "submitter_reputation_pkey" PRIMARY KEY ("submitter")
);

CREATE TABLE "leads"."quality_alert" (
    "id"         UUID             NOT NULL DEFAULT gen_random_uuid(),
    "kind"       TEXT             NOT NULL,
    "subject"    TEXT             NOT NULL,
    "value"      DOUBLE PRECISION NOT NULL,
    "message"    TEXT             NOT NULL,
    "created_at" TIMESTAMPTZ(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "quality_alert_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "quality_alert_kind_check" CHECK ("kind" IN ('low_reputation', 'miner_plagiarism'))
);
CREATE INDEX "quality_alert_created_at_idx" ON "leads"."quality_alert" ("created_at");
