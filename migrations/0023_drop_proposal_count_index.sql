-- hand-written (carry over on regeneration)
-- proposals_count_idx (0019) made the capped count index-only, but the planner then took it for the lists'
-- and the similar check's scans of a tenant ordered by updated_at, reading and sorting the county's rows:
-- in the same bench run the similar check went from 4x to 20x the members list's first page (docs/scaling.md).
DROP INDEX IF EXISTS "proposals_count_idx";
