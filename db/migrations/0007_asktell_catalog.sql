-- Ask/tell, warm start from the catalog, provenance (issue 13).
-- Runs: the code version (git commit of the agent's working folder) and the data set they trained on; a trial of a
-- meta-learned initial design names the earlier sweep and run whose configuration it took.
ALTER TABLE runs ADD COLUMN code_version TEXT NULL;
ALTER TABLE runs ADD COLUMN dataset TEXT NULL;
ALTER TABLE runs ADD COLUMN warm_start_sweep_id INTEGER NULL;
ALTER TABLE runs ADD COLUMN warm_start_run_id INTEGER NULL;
-- Sweeps: the initial design found by warm_start: auto (JSON), and what the search found, for the sweep page.
ALTER TABLE sweeps ADD COLUMN warm_start_design_json TEXT NULL;
ALTER TABLE sweeps ADD COLUMN warm_start_note TEXT NULL;
