CREATE TABLE `bulletins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`state` text NOT NULL,
	`drafted_by` text NOT NULL,
	`drafted_at` text NOT NULL,
	`file_id` integer,
	`published_by` text,
	`published_at` text,
	`voided_by` text,
	`voided_at` text,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulletins_year_seq` ON `bulletins` (`year`,`seq`);--> statement-breakpoint
CREATE TABLE `doc_sequences` (
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `doc_sequences_kind_year` ON `doc_sequences` (`kind`,`year`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`step` text NOT NULL,
	`year` integer,
	`seq` integer,
	`number` text,
	`time_text` text,
	`starts_at` text,
	`place` text,
	`interviewer` text,
	`interviewer_ids` text DEFAULT '[]' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`addressee_id` text,
	`issued_by` text NOT NULL,
	`issued_at` text NOT NULL,
	`file_id` integer,
	`calendar_event_ids` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalations_item` ON `escalations` (`item_id`,`step`);--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_number` ON `escalations` (`year`,`seq`) WHERE "escalations"."seq" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`item_id` integer,
	`created_by` text NOT NULL,
	`source_message_id` text,
	`feishu_file_key` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `files_item` ON `files` (`item_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `files_item_evidence` ON `files` (`item_id`,`sha256`) WHERE "files"."kind" = 'evidence';--> statement-breakpoint
CREATE TABLE `stats_reports` (
	`period_key` text PRIMARY KEY NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `items` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `items` ADD `archive_year` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `archive_category` text;--> statement-breakpoint
CREATE INDEX `items_archive` ON `items` (`archive_year`,`archive_category`) WHERE "items"."archive_year" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `progress_reports` ADD `typical_by` text;--> statement-breakpoint
ALTER TABLE `progress_reports` ADD `typical_at` text;