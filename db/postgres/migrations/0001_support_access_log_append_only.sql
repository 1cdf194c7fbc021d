-- The support access log is evidence: support staff (and the app) may add to it, never change or remove it.
CREATE FUNCTION "support_access_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'support_access_log is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "support_access_log_no_update" BEFORE UPDATE ON "support_access_log"
FOR EACH ROW EXECUTE FUNCTION "support_access_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "support_access_log_no_delete" BEFORE DELETE ON "support_access_log"
FOR EACH ROW EXECUTE FUNCTION "support_access_log_append_only"();
--> statement-breakpoint
-- TRUNCATE skips row triggers, and SQLite has no such bypass to guard.
CREATE TRIGGER "support_access_log_no_truncate" BEFORE TRUNCATE ON "support_access_log"
FOR EACH STATEMENT EXECUTE FUNCTION "support_access_log_append_only"();
