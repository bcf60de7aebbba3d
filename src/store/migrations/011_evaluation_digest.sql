-- 011: the sweep writes only what changed. Each stored evaluation keeps a digest of what it stored (the
-- summary and the obligation rows, without the date they were computed on); the daily sweep compares the
-- digest of a fresh evaluation with it and writes nothing for a case whose result is the same. NULL for
-- evaluations stored before this migration: the next sweep rewrites them once. Nothing stored is touched.
ALTER TABLE evaluations ADD COLUMN digest text CHECK (digest IS NULL OR digest ~ '^[0-9a-f]{40}$');
