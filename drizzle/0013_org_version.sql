CREATE TABLE `org_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`token` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `org_version` (`id`, `token`) VALUES (1, random());
--> statement-breakpoint
CREATE TRIGGER `org_version_units_insert` AFTER INSERT ON `units` BEGIN UPDATE `org_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_units_update` AFTER UPDATE ON `units` BEGIN UPDATE `org_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_units_delete` AFTER DELETE ON `units` BEGIN UPDATE `org_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_people_insert` AFTER INSERT ON `people` BEGIN UPDATE `org_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_people_update` AFTER UPDATE ON `people` BEGIN UPDATE `org_version` SET `token` = random() WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `org_version_people_delete` AFTER DELETE ON `people` BEGIN UPDATE `org_version` SET `token` = random() WHERE `id` = 1; END;
