DROP INDEX `chases_kind_at`;--> statement-breakpoint
CREATE INDEX `chases_summary` ON `chases` (`kind`,`at`) WHERE "chases"."recipient" = 'supervisors';