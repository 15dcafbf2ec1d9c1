-- Agent keys (issue 17): an agent id belongs to the key that first registered it, so that another agent key cannot
-- register under it, act for it or take its trials. No foreign key: key ids are never reused, and the agents of a
-- deleted key stay bound to it rather than free for any key to claim. Agents registered before this have none and
-- belong to the first key that registers them again.
ALTER TABLE agents ADD COLUMN api_key_id INTEGER NULL;
