CREATE TABLE `chases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`step_key` text NOT NULL,
	`recipient` text NOT NULL,
	`automatic` integer NOT NULL,
	`actor_id` text,
	`at` text NOT NULL,
	`outbox_id` integer,
	`answered_at` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chases_step_recipient` ON `chases` (`step_key`,`recipient`);--> statement-breakpoint
CREATE INDEX `chases_item` ON `chases` (`item_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `chases_kind_at` ON `chases` (`kind`,`at`);--> statement-breakpoint
CREATE TABLE `job_locks` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`until` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `items` ADD `assigned_at` text;