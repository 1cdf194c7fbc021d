CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`room_id` integer NOT NULL,
	`meeting_id` text,
	`uses_pmi` integer DEFAULT false NOT NULL,
	`title` text NOT NULL,
	`local_start` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`time_zone` text NOT NULL,
	`recurrence` text,
	`ends_at` integer NOT NULL,
	`passcode` text,
	`waiting_room` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "meetings_id_kind" CHECK(("meetings"."uses_pmi" = 1 and "meetings"."meeting_id" is null) or ("meetings"."uses_pmi" = 0 and length("meetings"."meeting_id") = 11 and "meetings"."meeting_id" not glob '*[^0-9]*')),
	CONSTRAINT "meetings_regular_passcode" CHECK("meetings"."uses_pmi" = 1 or "meetings"."passcode" is not null),
	CONSTRAINT "meetings_duration" CHECK("meetings"."duration_minutes" between 15 and 1440)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_meeting_id_unique` ON `meetings` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `meetings_user_ends` ON `meetings` (`user_id`,`ends_at`);