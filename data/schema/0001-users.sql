-- 0001: accounts, their public keys, the login log, live sessions.
-- Dates are seconds since the epoch (UTC).

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	handle		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	pwhash		TEXT NOT NULL,
	realname	TEXT NOT NULL DEFAULT '',
	organisation	TEXT NOT NULL DEFAULT '',
	region		TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	email_public	INTEGER NOT NULL DEFAULT 0 CHECK (email_public IN (0, 1)),
	role		TEXT NOT NULL DEFAULT 'member'
			    CHECK (role IN ('member', 'animator', 'sysop')),
	status		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (status IN ('pending', 'active', 'suspended')),
	lang		TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
	charset		TEXT NOT NULL DEFAULT ''
			    CHECK (charset IN ('', 'utf8', 'ascii')),
	must_change_pw	INTEGER NOT NULL DEFAULT 0 CHECK (must_change_pw IN (0, 1)),
	created		INTEGER NOT NULL,
	last_login	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_status ON users (status, created);

CREATE TABLE pubkeys (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	type		TEXT NOT NULL,
	blob		TEXT NOT NULL,
	comment		TEXT NOT NULL DEFAULT '',
	fingerprint	TEXT NOT NULL,
	created		INTEGER NOT NULL,
	UNIQUE (type, blob)
);
CREATE INDEX pubkeys_user ON pubkeys (user_id);

CREATE TABLE login_log (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER REFERENCES users (id) ON DELETE SET NULL,
	handle		TEXT NOT NULL,
	addr		TEXT NOT NULL,
	method		TEXT NOT NULL,
	ok		INTEGER NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	at		INTEGER NOT NULL
);
CREATE INDEX login_log_at ON login_log (at);
CREATE INDEX login_log_addr ON login_log (addr, at);
CREATE INDEX login_log_user ON login_log (user_id);

-- One row per authenticated connection, removed when its process ends
-- (the listener also removes the rows of processes it reaps).
CREATE TABLE live_sessions (
	pid		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	addr		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	started		INTEGER NOT NULL
);
CREATE INDEX live_sessions_user ON live_sessions (user_id);
