CREATE TABLE `attach_windows` (
	`person_id` text PRIMARY KEY NOT NULL,
	`item_id` integer NOT NULL,
	`opened_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inbound_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`file_key` text NOT NULL,
	`resource_type` text NOT NULL,
	`file_name` text NOT NULL,
	`purpose` text NOT NULL,
	`item_id` integer,
	`sender_id` text NOT NULL,
	`in_group` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_until` text,
	`lease_owner` text,
	`last_error` text,
	`file_id` integer,
	`created_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_files_message_key` ON `inbound_files` (`message_id`,`file_key`);--> statement-breakpoint
CREATE INDEX `inbound_files_due` ON `inbound_files` (`status`,`next_attempt_at`);