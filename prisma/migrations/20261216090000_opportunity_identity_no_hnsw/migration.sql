-- The identity vector is a function of the normalised name, and matching finds identity
-- neighbours exactly: in memory for a full run or an import (a cosine table of distinct names),
-- by one ordered scan for a single record. The HNSW index on it doubled every insert's cost (on
-- PGlite about half of an import's writing) and served only the single-record probe.
DROP INDEX IF EXISTS "opportunities"."opportunity_identity_all_minilm_l6_v2_hnsw_idx";
DROP INDEX IF EXISTS "opportunities"."opportunity_identity_bge_small_en_v1_5_hnsw_idx";
DROP INDEX IF EXISTS "opportunities"."opportunity_identity_use_lite_hnsw_idx";
