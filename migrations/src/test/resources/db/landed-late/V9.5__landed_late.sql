-- Test only (MigrationsOutOfOrderTest): a version lower than the latest one, landing after a
-- database was migrated past it (versions are allocated ahead of time). A decimal version, so
-- it never collides with a version handed out for production.
CREATE TABLE landed_late (id int PRIMARY KEY);
