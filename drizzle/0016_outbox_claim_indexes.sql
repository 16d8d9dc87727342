DROP INDEX `outbox_due`;--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`id`,`next_attempt_at`,`lease_until`,`receive_id`,`target_message_id`) WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_held` ON `outbox` (`id`) WHERE "outbox"."status" = 'pending' AND ("outbox"."attempts" > 0 OR "outbox"."lease_until" IS NOT NULL);