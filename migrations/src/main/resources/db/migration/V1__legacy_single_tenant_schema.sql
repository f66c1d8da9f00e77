-- V1: the legacy single-tenant schema, as the legacy (Python/passlib) application created it.
-- A production database that already has these tables is adopted with `baseline` (which
-- records V1 as applied) and never re-created.
CREATE TABLE IF NOT EXISTS users (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email         VARCHAR NOT NULL UNIQUE,
    password_hash VARCHAR NOT NULL,
    name          VARCHAR,
    is_admin      BOOLEAN DEFAULT false,
    created_at    TIMESTAMP DEFAULT now(),
    updated_at    TIMESTAMP DEFAULT now()
);

CREATE TABLE IF NOT EXISTS templates (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name          VARCHAR NOT NULL,
    width_inches  FLOAT,
    height_inches FLOAT,
    created_at    TIMESTAMP DEFAULT now(),
    updated_at    TIMESTAMP DEFAULT now()
);

CREATE TABLE IF NOT EXISTS canvas_configs (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       UUID REFERENCES users(id) ON DELETE CASCADE,
    name          VARCHAR NOT NULL,
    width_inches  FLOAT,
    height_inches FLOAT,
    created_at    TIMESTAMP DEFAULT now(),
    updated_at    TIMESTAMP DEFAULT now()
);
