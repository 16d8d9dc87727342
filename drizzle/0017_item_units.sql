CREATE TABLE `item_units` (
	`unit_id` text NOT NULL,
	`item_id` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `item_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_units_item` ON `item_units` (`item_id`);--> statement-breakpoint
CREATE INDEX `items_leader` ON `items` (`leader_id`);--> statement-breakpoint
CREATE INDEX `items_created_by` ON `items` (`created_by`);--> statement-breakpoint
INSERT OR IGNORE INTO `item_units` (`unit_id`, `item_id`) SELECT `lead_unit_id`, `id` FROM `items` UNION SELECT j.`value`, `items`.`id` FROM `items`, json_each(`items`.`coop_unit_ids`) AS j;
--> statement-breakpoint
CREATE TRIGGER `item_units_items_insert` AFTER INSERT ON `items` BEGIN INSERT OR IGNORE INTO `item_units` (`unit_id`, `item_id`) SELECT NEW.`lead_unit_id`, NEW.`id` UNION SELECT `value`, NEW.`id` FROM json_each(NEW.`coop_unit_ids`); END;
--> statement-breakpoint
CREATE TRIGGER `item_units_items_update` AFTER UPDATE OF `id`, `lead_unit_id`, `coop_unit_ids` ON `items` BEGIN DELETE FROM `item_units` WHERE `item_id` = OLD.`id`; INSERT OR IGNORE INTO `item_units` (`unit_id`, `item_id`) SELECT NEW.`lead_unit_id`, NEW.`id` UNION SELECT `value`, NEW.`id` FROM json_each(NEW.`coop_unit_ids`); END;
--> statement-breakpoint
CREATE TRIGGER `item_units_items_delete` AFTER DELETE ON `items` BEGIN DELETE FROM `item_units` WHERE `item_id` = OLD.`id`; END;
