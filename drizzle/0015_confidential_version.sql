CREATE TABLE `confidential_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`token` integer NOT NULL
);

--> statement-breakpoint
INSERT INTO `confidential_version` (`id`, `token`) VALUES (1, random());
--> statement-breakpoint
CREATE TRIGGER `confidential_version_items_insert` AFTER INSERT ON `items` WHEN NEW.`confidential` = 1 BEGIN UPDATE `confidential_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `confidential_version_items_update` AFTER UPDATE OF `confidential`, `number`, `title`, `leader_id`, `lead_unit_id`, `coop_unit_ids` ON `items` WHEN OLD.`confidential` = 1 OR NEW.`confidential` = 1 BEGIN UPDATE `confidential_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `confidential_version_items_delete` AFTER DELETE ON `items` WHEN OLD.`confidential` = 1 BEGIN UPDATE `confidential_version` SET `token` = random() WHERE `id` = 1; END;
