-- 0004: the live side. Presence, pages and chat live in the hub's memory;
-- only these are stored: each member's "do not disturb", the settings of
-- chat rooms, and the lines of rooms that keep a history.
-- Dates are seconds since the epoch (UTC).

ALTER TABLE users ADD COLUMN dnd INTEGER NOT NULL DEFAULT 0
    CHECK (dnd IN (0, 1));

-- One row per room whose settings are known: 'main' (everyone), 'group'
-- (named by the group's tag, members only), 'public' and 'invite' (made
-- by members). Group rooms keep no history unless the sysop says so.
CREATE TABLE chat_rooms (
	name		TEXT PRIMARY KEY,
	kind		TEXT NOT NULL
			    CHECK (kind IN ('main', 'group', 'public', 'invite')),
	keep_history	INTEGER NOT NULL CHECK (keep_history IN (0, 1)),
	keep_days	INTEGER NOT NULL DEFAULT 7
			    CHECK (keep_days BETWEEN 1 AND 3650),
	created		INTEGER NOT NULL
);
INSERT INTO chat_rooms (name, kind, keep_history, keep_days, created)
    VALUES ('main', 'main', 1, 7, CAST(strftime('%s', 'now') AS INTEGER));

-- Who may join an invite-only room: its maker and those invited. Kept
-- here rather than in the hub's memory so that members come back to
-- their rooms after a hub restart; cleared when the room ends.
CREATE TABLE chat_invites (
	room		TEXT NOT NULL REFERENCES chat_rooms (name)
			    ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users (id)
			    ON DELETE CASCADE,
	PRIMARY KEY (room, user_id)
);

-- kind: 0 a line, 1 an action (/me). handle is kept as it was said.
CREATE TABLE chat_lines (
	id		INTEGER PRIMARY KEY,
	room		TEXT NOT NULL REFERENCES chat_rooms (name)
			    ON DELETE CASCADE,
	user_id		INTEGER REFERENCES users (id) ON DELETE SET NULL,
	handle		TEXT NOT NULL,
	kind		INTEGER NOT NULL CHECK (kind IN (0, 1)),
	text		TEXT NOT NULL,
	at		INTEGER NOT NULL
);
CREATE INDEX chat_lines_room ON chat_lines (room, id);
CREATE INDEX chat_lines_at ON chat_lines (at);
