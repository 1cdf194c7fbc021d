CREATE TABLE `help_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page` text NOT NULL,
	`visitor` text NOT NULL,
	`day` text NOT NULL,
	`helpful` integer NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_votes_once_a_day` ON `help_votes` (`page`,`visitor`,`day`);--> statement-breakpoint
CREATE INDEX `help_votes_page` ON `help_votes` (`page`);