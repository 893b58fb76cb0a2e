-- Matching marks records matched (`matched_at`) after every run. An UPDATE that changes no indexed
-- column is a heap-only tuple (HOT) update — no new entries in the vector, trigram and full-text
-- indexes — but only when the new row version fits on the same page. Opportunity rows are wide
-- (two vectors), so pages filled to the brim leave no room: every mark became a full new row
-- version in every index (about 3.5 s per 1,000 rows on PGlite, which also has no autovacuum to
-- clear the dead versions that then slow every vector search). Half-full pages keep marks HOT
-- (about 50 ms per 1,000 rows). Applies to pages written from now on.
ALTER TABLE "opportunities"."opportunity" SET (fillfactor = 50);
