-- 0005: the member directory and the organisations.
-- Dates are seconds since the epoch (UTC).

-- What a member says of their work: areas of expertise (one line, e.g.
-- topics separated by commas) and a short presentation (a few lines).
-- Both bounded by src/directory.h.
ALTER TABLE users ADD COLUMN expertise TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN presentation TEXT NOT NULL DEFAULT '';

-- Member organisations, created and edited by animators (src/org.h).
CREATE TABLE organisations (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	region		TEXT NOT NULL DEFAULT '',
	town		TEXT NOT NULL DEFAULT '',
	mission		TEXT NOT NULL DEFAULT '',
	services	TEXT NOT NULL DEFAULT '',
	contact		TEXT NOT NULL DEFAULT '',
	created		INTEGER NOT NULL,
	updated		INTEGER NOT NULL
);
CREATE INDEX organisations_region ON organisations (region, name);

-- The organisation a member belongs to (they choose it themselves).
ALTER TABLE users ADD COLUMN org_id INTEGER
    REFERENCES organisations (id) ON DELETE SET NULL;
CREATE INDEX users_org ON users (org_id);

-- Changes a member proposes to their own organisation, for animators.
CREATE TABLE org_proposals (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES organisations (id)
			    ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users (id)
			    ON DELETE CASCADE,
	text		TEXT NOT NULL,
	created		INTEGER NOT NULL
);
CREATE INDEX org_proposals_org ON org_proposals (org_id, created);

-- The practices directory (répertoire des pratiques): a practice or an
-- intervention tool described by a member; animators feature some.
CREATE TABLE practices (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,
	org_id		INTEGER REFERENCES organisations (id)
			    ON DELETE SET NULL,
	audience	TEXT NOT NULL DEFAULT '',
	summary		TEXT NOT NULL DEFAULT '',
	contact		TEXT NOT NULL DEFAULT '',
	theme		TEXT NOT NULL DEFAULT '',
	region		TEXT NOT NULL DEFAULT '',
	featured	INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
	author		INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created		INTEGER NOT NULL
);
CREATE INDEX practices_list ON practices (featured, created);
