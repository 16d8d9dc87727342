CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer,
	`actor_id` text NOT NULL,
	`channel` text NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`changes` text DEFAULT '{}' NOT NULL,
	`note` text,
	`at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_item` ON `audit_log` (`item_id`,`id`);--> statement-breakpoint
CREATE TABLE `completions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`submitted_by` text NOT NULL,
	`self_assessment` text NOT NULL,
	`materials` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `completions_item` ON `completions` (`item_id`);--> statement-breakpoint
CREATE TABLE `extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`requested_by` text NOT NULL,
	`reason` text NOT NULL,
	`previous_deadline` text NOT NULL,
	`proposed_deadline` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `extensions_item` ON `extensions` (`item_id`,`status`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`requirements` text DEFAULT '' NOT NULL,
	`measures` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`mode` text NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`important` integer DEFAULT false NOT NULL,
	`confidential` integer DEFAULT false NOT NULL,
	`sources` text NOT NULL,
	`lead_unit_id` text NOT NULL,
	`coop_unit_ids` text DEFAULT '[]' NOT NULL,
	`leader_id` text NOT NULL,
	`responsible_person` text DEFAULT '' NOT NULL,
	`deadline` text NOT NULL,
	`original_deadline` text NOT NULL,
	`stages` text DEFAULT '[]' NOT NULL,
	`progress_cycle` text DEFAULT 'none' NOT NULL,
	`state` text NOT NULL,
	`review_stage` text,
	`merged_into_id` integer,
	`claimed_by` text,
	`claimed_at` text,
	`submitted_at` text,
	`closed_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`lead_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_number_unique` ON `items` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `items_year_seq` ON `items` (`year`,`seq`);--> statement-breakpoint
CREATE INDEX `items_state_deadline` ON `items` (`state`,`deadline`);--> statement-breakpoint
CREATE INDEX `items_lead_unit` ON `items` (`lead_unit_id`);--> statement-breakpoint
CREATE TABLE `number_sequences` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`roles` text DEFAULT '[]' NOT NULL,
	`leads` text DEFAULT '[]' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`event_type` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `progress_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`unit_id` text,
	`author_id` text NOT NULL,
	`text` text NOT NULL,
	`channel` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `progress_item` ON `progress_reports` (`item_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`head_id` text,
	`liaison_ids` text DEFAULT '[]' NOT NULL,
	`chat_id` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (`name`);