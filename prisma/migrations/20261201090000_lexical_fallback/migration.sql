-- Lexical retrieval for degraded answers: while the ml-runtime is unavailable, similarOpportunities,
-- searchLeads and recommend (and Opportunity.recommendations) rank rows by PostgreSQL full-text
-- search and pg_trgm name similarity instead of vectors (subgraphs/kit/src/lexical.ts).
--
-- Each searchable table gets an IMMUTABLE function that builds its document (weight A: names and
-- titles; B: the rest) and a GIN index on it; queries call the same function, so the planner uses
-- the index. No stored column: schema.prisma stays as it is. pg_trgm exists since
-- 20261121160100_opportunity_matching; knowledge chunks already have `tsv`.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- array_to_string is only STABLE (element output functions); for text[] it is immutable in practice.
CREATE FUNCTION "recommendations"."tags_text"(tags TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_to_string(tags, ' ') $$;

CREATE FUNCTION "opportunities"."opportunity_document"(company_name TEXT, title TEXT, description TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(company_name, '') || ' ' || coalesce(title, '')), 'A')
              || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B') $$;
CREATE INDEX "opportunity_document_idx" ON "opportunities"."opportunity"
    USING gin ("opportunities"."opportunity_document"("company_name", "title", "description"));
-- Names are matched by trigram on `name_norm` (its GIN index exists for matching).

CREATE FUNCTION "leads"."lead_document"(company_name TEXT, domain TEXT, industry TEXT, country TEXT, description TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(company_name, '') || ' ' || coalesce(domain, '')), 'A')
              || setweight(to_tsvector('english'::regconfig, coalesce(industry, '') || ' ' || coalesce(country, '') || ' ' || coalesce(description, '')), 'B') $$;
CREATE INDEX "lead_document_idx" ON "leads"."lead"
    USING gin ("leads"."lead_document"("company_name", "domain", "industry", "country", "description"));
CREATE INDEX "lead_company_name_trgm_idx" ON "leads"."lead" USING gin ("company_name" gin_trgm_ops);

CREATE FUNCTION "leads"."intent_document"(snippet TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('english'::regconfig, coalesce(snippet, '')) $$;
CREATE INDEX "intent_snippet_document_idx" ON "leads"."intent_snippet"
    USING gin ("leads"."intent_document"("text"));

CREATE FUNCTION "recommendations"."item_document"(title TEXT, body TEXT, tags TEXT[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
              || setweight(to_tsvector('english'::regconfig, coalesce(body, '') || ' ' || coalesce("recommendations"."tags_text"(tags), '')), 'B') $$;
CREATE INDEX "item_document_idx" ON "recommendations"."item"
    USING gin ("recommendations"."item_document"("title", "body", "tags"));
CREATE INDEX "item_title_trgm_idx" ON "recommendations"."item" USING gin ("title" gin_trgm_ops);
