-- BM25 retrieval reads every posting of the query terms (tens of thousands at bench scale): with
-- the columns it scores carried in the primary key's index, that read is an index-only scan in
-- term order instead of one heap page per posting. Same key, same uniqueness, one index as before.
ALTER TABLE "leads"."snippet_term" DROP CONSTRAINT "snippet_term_pkey";
ALTER TABLE "leads"."snippet_term"
    ADD CONSTRAINT "snippet_term_pkey" PRIMARY KEY ("term", "snippet_id") INCLUDE ("lead_id", "source", "observed_at", "tf", "length");
