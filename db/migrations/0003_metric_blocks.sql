-- Metric blocks, version 3. Per run, key and block of 128 steps (block = step >> 7): the count, the finite extremes with their steps and
-- times, and the first NaN. Ingest keeps it current; a long series is downsampled from these rows instead of a scan
-- of every point (1,000,000 points are ~7,800 blocks). Filled here from the points already stored.
CREATE TABLE metric_blocks (
    run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key           TEXT    NOT NULL,
    block         INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    min_step      INTEGER NULL,
    min_value     REAL    NULL,
    min_timestamp INTEGER NULL,
    max_step      INTEGER NULL,
    max_value     REAL    NULL,
    max_timestamp INTEGER NULL,
    nan_step      INTEGER NULL,
    nan_timestamp INTEGER NULL,
    PRIMARY KEY (run_id, key, block)
) WITHOUT ROWID;

INSERT INTO metric_blocks (run_id, key, block, count)
SELECT run_id, key, step >> 7, count(*) FROM metric_points GROUP BY run_id, key, step >> 7;

UPDATE metric_blocks SET (min_step, min_value, min_timestamp) = (
    SELECT p.step, p.value, p.timestamp FROM metric_points p
    WHERE p.run_id = metric_blocks.run_id AND p.key = metric_blocks.key
      AND p.step >= metric_blocks.block * 128 AND p.step < (metric_blocks.block + 1) * 128 AND p.value IS NOT NULL
    ORDER BY p.value, p.step LIMIT 1);

UPDATE metric_blocks SET (max_step, max_value, max_timestamp) = (
    SELECT p.step, p.value, p.timestamp FROM metric_points p
    WHERE p.run_id = metric_blocks.run_id AND p.key = metric_blocks.key
      AND p.step >= metric_blocks.block * 128 AND p.step < (metric_blocks.block + 1) * 128 AND p.value IS NOT NULL
    ORDER BY p.value DESC, p.step LIMIT 1);

UPDATE metric_blocks SET (nan_step, nan_timestamp) = (
    SELECT p.step, p.timestamp FROM metric_points p
    WHERE p.run_id = metric_blocks.run_id AND p.key = metric_blocks.key
      AND p.step >= metric_blocks.block * 128 AND p.step < (metric_blocks.block + 1) * 128 AND p.value IS NULL
    ORDER BY p.step LIMIT 1);
