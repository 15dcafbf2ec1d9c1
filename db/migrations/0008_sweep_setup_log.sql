-- Code set-up, version 8: a sweep paused because an agent could not fetch its repository or run its install keeps
-- the end of that output, for its page and the API.
ALTER TABLE sweeps ADD COLUMN setup_log TEXT NULL;
