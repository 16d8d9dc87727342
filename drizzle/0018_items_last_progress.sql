ALTER TABLE `items` ADD `last_progress_at` text;--> statement-breakpoint
UPDATE `items` SET `last_progress_at` = (SELECT max(`created_at`) FROM `progress_reports` WHERE `item_id` = `items`.`id`);
--> statement-breakpoint
CREATE TRIGGER `items_last_progress_insert` AFTER INSERT ON `progress_reports` BEGIN UPDATE `items` SET `last_progress_at` = NEW.`created_at` WHERE `id` = NEW.`item_id` AND (`last_progress_at` IS NULL OR `last_progress_at` < NEW.`created_at`); END;
--> statement-breakpoint
CREATE TRIGGER `items_last_progress_update` AFTER UPDATE OF `item_id`, `created_at` ON `progress_reports` BEGIN UPDATE `items` SET `last_progress_at` = (SELECT max(`created_at`) FROM `progress_reports` WHERE `item_id` = `items`.`id`) WHERE `id` IN (OLD.`item_id`, NEW.`item_id`); END;
--> statement-breakpoint
CREATE TRIGGER `items_last_progress_delete` AFTER DELETE ON `progress_reports` BEGIN UPDATE `items` SET `last_progress_at` = (SELECT max(`created_at`) FROM `progress_reports` WHERE `item_id` = OLD.`item_id`) WHERE `id` = OLD.`item_id`; END;
