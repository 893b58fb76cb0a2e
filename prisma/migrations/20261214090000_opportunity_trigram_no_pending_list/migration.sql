-- Blocking probes the name trigram index once per record. With GIN's fast update, new entries
-- wait in a pending list that every probe reads in full until a vacuum merges it; PGlite has no
-- autovacuum, and on PostgreSQL an import plus its matching finish before autovacuum comes. After
-- importing the seed-scale exports every probe read all 7,934 pending entries: 14 ms a probe
-- instead of 0.3 ms. Entries now go straight into the index (slightly slower inserts).
ALTER INDEX "opportunities"."opportunity_name_norm_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"opportunities"."opportunity_name_norm_trgm_idx"'::regclass);
