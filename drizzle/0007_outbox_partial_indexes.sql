DROP INDEX `outbox_dedupe_key_unique`;--> statement-breakpoint
DROP INDEX `outbox_message`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`) WHERE "outbox"."dedupe_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_message` ON `outbox` (`message_id`) WHERE "outbox"."message_id" IS NOT NULL;