-- 009: reminders that reach people (issue 15). The outbox records every mail (to, kind, case, when, the
-- attempts and the delivery result); the reminder settings say what a member's digest holds and in which
-- language; reminder_sends makes a member's daily digest happen once per day, whatever process or retry
-- asks (the primary key is the guarantee, not a lock in memory). New tables only: nothing stored changes.

CREATE TABLE outbox (
  mail_id          uuid PRIMARY KEY,
  -- NULL for mail that belongs to no organization (a password reset: an account may be in several).
  org_id           uuid REFERENCES organizations (org_id) ON DELETE CASCADE,
  user_id          uuid REFERENCES users (user_id) ON DELETE SET NULL,
  to_address       text NOT NULL CHECK (to_address LIKE '%_@_%'),
  kind             text NOT NULL CHECK (kind IN ('digest', 'specialist-reminder', 'invitation', 'password-reset')),
  case_id          uuid,
  subject          text NOT NULL,
  -- The plain-text part (every mail has one) and the optional HTML part. Mails that carry a one-time link
  -- (invitation, password reset) have their bodies blanked once delivered or given up on.
  body_text        text NOT NULL,
  body_html        text,
  -- Extra headers (List-Unsubscribe, List-Unsubscribe-Post).
  headers          jsonb NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  -- When the next attempt may be made (backoff after a failed one), and until when a sender holds it.
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  claimed_until    timestamptz,
  last_error       text,
  -- The SMTP server's answer to the accepted mail, and its Message-ID.
  result           text,
  message_id       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_attempt_at  timestamptz,
  sent_at          timestamptz
);
CREATE INDEX outbox_org_created_idx ON outbox (org_id, created_at DESC);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);

-- A member's reminders: on or off, the lead times (days before a due date), whose cases (their own, or
-- all the organization's for owners who ask), and the language (en/ru for members, en/ru/zh for specialists).
CREATE TABLE reminder_settings (
  org_id      uuid NOT NULL,
  user_id     uuid NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  lead_days   integer[] NOT NULL DEFAULT '{30,7,1}'
              CHECK (cardinality(lead_days) BETWEEN 0 AND 5 AND 0 < ALL (lead_days) AND 366 > ALL (lead_days)),
  scope       text NOT NULL DEFAULT 'assigned' CHECK (scope IN ('assigned', 'all')),
  lang        text NOT NULL DEFAULT 'ru' CHECK (lang IN ('en', 'ru', 'zh')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);

-- One row per member per day a reminder was made for: the key that makes it once a day. The unsubscribe
-- token of that day's mail is kept hashed beside it (the link in List-Unsubscribe turns the digest off).
CREATE TABLE reminder_sends (
  org_id            uuid NOT NULL,
  user_id           uuid NOT NULL,
  day               date NOT NULL,
  mail_id           uuid REFERENCES outbox (mail_id) ON DELETE SET NULL,
  items             integer NOT NULL,
  unsubscribe_hash  text UNIQUE CHECK (unsubscribe_hash ~ '^[0-9a-f]{64}$'),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, day),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outbox', 'reminder_settings', 'reminder_sends'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I TO hqs_app USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO hqs_app', t);
  END LOOP;
END
$$;
