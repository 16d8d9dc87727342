ALTER TABLE `people` ADD `name_checked_at` text;--> statement-breakpoint
ALTER TABLE `people` ADD `name_error` text;--> statement-breakpoint
-- Added by hand: before the unique index, a chat bound to several units stays with the unit that got it last.
UPDATE `units` SET `chat_id` = NULL WHERE `chat_id` IS NOT NULL AND EXISTS (SELECT 1 FROM `units` AS `o` WHERE `o`.`chat_id` = `units`.`chat_id` AND (`o`.`updated_at` > `units`.`updated_at` OR (`o`.`updated_at` = `units`.`updated_at` AND `o`.`id` < `units`.`id`)));--> statement-breakpoint
CREATE UNIQUE INDEX `units_chat` ON `units` (`chat_id`);
