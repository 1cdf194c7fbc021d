-- The support access log is evidence: support staff (and the app) may add to it, never change or remove it.
CREATE TRIGGER `support_access_log_no_update` BEFORE UPDATE ON `support_access_log`
BEGIN
	SELECT RAISE(ABORT, 'support_access_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `support_access_log_no_delete` BEFORE DELETE ON `support_access_log`
BEGIN
	SELECT RAISE(ABORT, 'support_access_log is append-only');
END;
