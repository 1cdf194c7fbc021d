CREATE TABLE `attendees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`room_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendees_key_token` ON `attendees` (`key`,`token_hash`);--> statement-breakpoint
CREATE INDEX `attendees_room` ON `attendees` (`room_id`,`status`);--> statement-breakpoint
CREATE TABLE `live_sessions` (
	`key` text PRIMARY KEY NOT NULL,
	`room_id` integer NOT NULL,
	`started_at` integer,
	`locked` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
