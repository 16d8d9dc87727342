CREATE INDEX `outbox_receiver` ON `outbox` (`receive_id`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_target` ON `outbox` (`target_message_id`,`status`);