-- 003: sign-in throttling that slows guessing without locking the owner out, and sharing a scan with the
-- other specialists of a case (docs/storage.md).
-- An attempt is recorded before its password is checked (as a failure, turned into a success after),
-- and counted per (email, address), per email and per address; a browser that signed in to an account
-- before carries a device cookie, and its attempts count only against itself.

-- The device cookie's sha256 when the attempt came from a device trusted for that email; NULL otherwise.
ALTER TABLE login_attempts ADD COLUMN device text CHECK (device ~ '^[0-9a-f]{64}$');
CREATE INDEX login_attempts_device_idx ON login_attempts (device, at) WHERE device IS NOT NULL;

-- Devices (browsers) that signed in to an account: the sha256 of their cookie. Not tenant data (a user
-- is not), looked up before anyone is known, like login_attempts.
CREATE TABLE login_devices (
  token_hash    text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id       uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_devices_user_idx ON login_devices (user_id, last_used_at);

-- A specialist sees the scans of their own person and of the children under 18 in their case; an adult's
-- scan is seen by the other specialists of the case (a spouse, say) only when shared.
ALTER TABLE documents ADD COLUMN shared boolean NOT NULL DEFAULT false;
