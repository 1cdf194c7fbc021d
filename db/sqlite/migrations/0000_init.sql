CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`expire` integer
);
--> statement-breakpoint
CREATE TABLE `room_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`changes` text NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `room_changes_room_at` ON `room_changes` (`room_id`,`at`);--> statement-breakpoint
CREATE TABLE `room_holds` (
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `value`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "room_holds_kind_check" CHECK("room_holds"."kind" in ('pmi', 'link'))
);
--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`pmi` text NOT NULL,
	`link` text NOT NULL,
	`passcode` text,
	`join_before_host` integer DEFAULT false NOT NULL,
	`waiting_room` integer DEFAULT true NOT NULL,
	`secured_at` integer,
	`secured_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`secured_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "rooms_pmi_format" CHECK(length("rooms"."pmi") = 10 and "rooms"."pmi" not glob '*[^0-9]*' and substr("rooms"."pmi", 1, 1) between '2' and '9'),
	CONSTRAINT "rooms_link_format" CHECK(length("rooms"."link") between 5 and 40 and "rooms"."link" = lower("rooms"."link") and "rooms"."link" not glob '*[^a-z0-9.]*' and "rooms"."link" glob '[a-z]*' and "rooms"."link" not like '%..%' and "rooms"."link" not like '%.'),
	CONSTRAINT "rooms_passcode_format" CHECK("rooms"."passcode" is null or (length("rooms"."passcode") between 6 and 10 and "rooms"."passcode" not glob '*[^A-Za-z0-9@*_-]*')),
	CONSTRAINT "rooms_jbh_needs_passcode" CHECK("rooms"."join_before_host" = 0 or "rooms"."passcode" is not null),
	CONSTRAINT "rooms_passcode_or_waiting_room" CHECK("rooms"."passcode" is not null or "rooms"."waiting_room" = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_user_unique` ON `rooms` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_pmi_unique` ON `rooms` (`pmi`);--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_link_lower_unique` ON `rooms` (lower("link"));--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'owner' NOT NULL,
	`session_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('owner', 'support')),
	CONSTRAINT "users_email_lower_check" CHECK("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_lower_unique` ON `users` (lower("email"));