-- 0003: offline mail (QWK packets out, REP packets in).
--
-- A packet's read pointers move only once it has been delivered: the
-- exec command records what the packet holds, and the session process
-- that relayed it confirms delivery after the client closed the channel
-- cleanly. Dates are seconds since the epoch (UTC).

-- The charset of a member's packets: 'cp437' (what MultiMail and older
-- readers understand) or 'utf8'.
ALTER TABLE users ADD COLUMN qwk_charset TEXT NOT NULL DEFAULT 'cp437'
    CHECK (qwk_charset IN ('cp437', 'utf8'));

-- One row per packet written to a member. session_pid and session_start
-- (the process start time, in clock ticks since boot) name the session
-- process that relays it, so that a reused process id confirms nothing.
-- state: 'writing' while it goes out, 'sent' once written whole,
-- 'failed' if writing stopped, 'delivered' once the session confirmed.
-- path is relative to the data directory (the copy kept for --again).
CREATE TABLE qwk_packets (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	session_pid	INTEGER NOT NULL,
	session_start	INTEGER NOT NULL,
	created		INTEGER NOT NULL,
	path		TEXT NOT NULL,
	messages	INTEGER NOT NULL,
	bytes		INTEGER NOT NULL,
	state		TEXT NOT NULL DEFAULT 'writing'
			    CHECK (state IN ('writing', 'sent', 'failed',
			    'delivered')),
	delivered	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX qwk_packets_user ON qwk_packets (user_id, id);
CREATE INDEX qwk_packets_session ON qwk_packets (session_pid)
    WHERE state = 'sent';

-- Where each area's read pointer goes once the packet is delivered.
CREATE TABLE qwk_packet_areas (
	packet_id	INTEGER NOT NULL REFERENCES qwk_packets (id)
			    ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	last_id		INTEGER NOT NULL,
	PRIMARY KEY (packet_id, area_id)
) WITHOUT ROWID;

-- The private mails the packet holds, marked read on delivery.
CREATE TABLE qwk_packet_mail (
	packet_id	INTEGER NOT NULL REFERENCES qwk_packets (id)
			    ON DELETE CASCADE,
	mail_id		INTEGER NOT NULL REFERENCES mail (id) ON DELETE CASCADE,
	PRIMARY KEY (packet_id, mail_id)
) WITHOUT ROWID;
CREATE INDEX qwk_packet_mail_mail ON qwk_packet_mail (mail_id);

-- Replies already imported, by a hash of their bytes in the REP packet,
-- so that uploading the same packet again creates nothing. item_id is
-- the message or mail made from it.
CREATE TABLE rep_seen (
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	hash		BLOB NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('msg', 'mail')),
	item_id		INTEGER NOT NULL,
	created		INTEGER NOT NULL,
	PRIMARY KEY (user_id, hash)
) WITHOUT ROWID;

-- Each member's last REP upload, for the offline screen.
CREATE TABLE rep_uploads (
	user_id		INTEGER PRIMARY KEY REFERENCES users (id)
			    ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	accepted	INTEGER NOT NULL,
	refused		INTEGER NOT NULL,
	duplicates	INTEGER NOT NULL
);
