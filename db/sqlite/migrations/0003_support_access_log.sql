CREATE TABLE `support_access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`support_user_id` integer NOT NULL,
	`target_user_id` integer,
	`query` text NOT NULL,
	`action` text DEFAULT 'lookup' NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`support_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `support_access_log_at` ON `support_access_log` (`at`);