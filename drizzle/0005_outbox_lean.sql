DROP INDEX `outbox_uuid_unique`;--> statement-breakpoint
DROP INDEX `outbox_item`;--> statement-breakpoint
DROP INDEX `outbox_receiver`;--> statement-breakpoint
DROP INDEX `outbox_target`;