-- 0002: forums and private mail.
--
-- Groups (sub-communities) and their members; areas (forums) with a read
-- and a write rule; messages grouped in threads; per-member read pointers,
-- unfollowed areas and editor drafts; private mail; full-text search.
-- Dates are seconds since the epoch (UTC). Tags are ASCII and short: they
-- name areas in exec commands and, later, QWK conferences.

CREATE TABLE groups (
	id		INTEGER PRIMARY KEY,
	tag		TEXT NOT NULL UNIQUE COLLATE NOCASE
			    CHECK (length(tag) BETWEEN 1 AND 16
			    AND tag NOT GLOB '*[^A-Za-z0-9-]*'),
	name_fr		TEXT NOT NULL,
	name_en		TEXT NOT NULL,
	desc_fr		TEXT NOT NULL DEFAULT '',
	desc_en		TEXT NOT NULL DEFAULT '',
	created		INTEGER NOT NULL
);

CREATE TABLE group_members (
	group_id	INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX group_members_user ON group_members (user_id);

-- read_acl 'groups' and write_acl 'groups' both mean "the groups listed
-- in area_groups for this area". Animators and sysops read and write
-- everywhere, whatever the rules say: they moderate.
CREATE TABLE areas (
	id		INTEGER PRIMARY KEY,
	tag		TEXT NOT NULL UNIQUE COLLATE NOCASE
			    CHECK (length(tag) BETWEEN 1 AND 16
			    AND tag NOT GLOB '*[^A-Za-z0-9-]*'),
	name_fr		TEXT NOT NULL,
	name_en		TEXT NOT NULL,
	desc_fr		TEXT NOT NULL DEFAULT '',
	desc_en		TEXT NOT NULL DEFAULT '',
	read_acl	TEXT NOT NULL DEFAULT 'all'
			    CHECK (read_acl IN ('all', 'groups')),
	write_acl	TEXT NOT NULL DEFAULT 'all'
			    CHECK (write_acl IN ('all', 'groups', 'animators')),
	moderated	INTEGER NOT NULL DEFAULT 0 CHECK (moderated IN (0, 1)),
	position	INTEGER NOT NULL DEFAULT 0,
	created		INTEGER NOT NULL
);

CREATE TABLE area_groups (
	area_id		INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	group_id	INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	PRIMARY KEY (area_id, group_id)
) WITHOUT ROWID;
CREATE INDEX area_groups_group ON area_groups (group_id);

-- AUTOINCREMENT: read pointers are message ids, so an id must never be
-- handed out twice, even after the newest message of an area is deleted.
CREATE TABLE messages (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
	area_id		INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	thread_id	INTEGER NOT NULL,	-- id of the thread's first message
	parent_id	INTEGER,		-- NULL: starts a thread
	author_id	INTEGER REFERENCES users (id) ON DELETE SET NULL,
	author_name	TEXT NOT NULL,		-- handle when posted
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	origin		TEXT NOT NULL DEFAULT 'ui'
			    CHECK (origin IN ('ui', 'cmd', 'qwk')),
	created		INTEGER NOT NULL,
	status		TEXT NOT NULL DEFAULT 'visible'
			    CHECK (status IN ('visible', 'pending', 'hidden'))
);
-- status is in the index so that unread counts never read the table.
CREATE INDEX messages_area ON messages (area_id, id, status);
CREATE INDEX messages_thread ON messages (thread_id, id);
CREATE INDEX messages_author ON messages (author_id);
CREATE INDEX messages_waiting ON messages (area_id, id)
    WHERE status <> 'visible';

-- One row per thread, kept by the same transaction as each post. replies,
-- last_id and last_at count visible messages only.
CREATE TABLE threads (
	id		INTEGER PRIMARY KEY,	-- = its first message's id
	area_id		INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	subject		TEXT NOT NULL,
	author_id	INTEGER REFERENCES users (id) ON DELETE SET NULL,
	author_name	TEXT NOT NULL,
	replies		INTEGER NOT NULL DEFAULT 0,
	last_id		INTEGER NOT NULL,
	last_at		INTEGER NOT NULL,
	locked		INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
);
CREATE INDEX threads_area ON threads (area_id, last_id);
CREATE INDEX threads_author ON threads (author_id);

-- The highest message id a member has read in an area (absent: 0).
CREATE TABLE lastread (
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	last_id		INTEGER NOT NULL,
	PRIMARY KEY (user_id, area_id)
) WITHOUT ROWID;

-- Every readable area is followed unless listed here.
CREATE TABLE area_unfollow (
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
	PRIMARY KEY (user_id, area_id)
) WITHOUT ROWID;

-- What the editor holds, saved as the member types. target: the area id
-- for 'post', the parent message id for 'reply', 0 or the mail answered
-- or forwarded for 'mail'.
CREATE TABLE drafts (
	user_id		INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('post', 'reply', 'mail')),
	target		INTEGER NOT NULL,
	recipient	TEXT NOT NULL DEFAULT '',
	subject		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	cursor		INTEGER NOT NULL DEFAULT 0,
	updated		INTEGER NOT NULL,
	PRIMARY KEY (user_id, kind, target)
);

-- Private mail: one row seen from two sides. A side that deletes only
-- sets its flag; the row goes when both have.
CREATE TABLE mail (
	id		INTEGER PRIMARY KEY,
	sender_id	INTEGER REFERENCES users (id) ON DELETE SET NULL,
	sender_name	TEXT NOT NULL,
	recipient_id	INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	recipient_name	TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	created		INTEGER NOT NULL,
	read_at		INTEGER NOT NULL DEFAULT 0,	-- 0: unread
	parent_id	INTEGER REFERENCES mail (id) ON DELETE SET NULL,
	sender_deleted	INTEGER NOT NULL DEFAULT 0
			    CHECK (sender_deleted IN (0, 1)),
	recipient_deleted INTEGER NOT NULL DEFAULT 0
			    CHECK (recipient_deleted IN (0, 1))
);
CREATE INDEX mail_inbox ON mail (recipient_id, recipient_deleted, id);
CREATE INDEX mail_sent ON mail (sender_id, sender_deleted, id);
CREATE INDEX mail_unread ON mail (recipient_id)
    WHERE read_at = 0 AND recipient_deleted = 0;
CREATE INDEX mail_parent ON mail (parent_id);

-- Full-text index over subjects and bodies, accents ignored.
CREATE VIRTUAL TABLE messages_fts USING fts5 (subject, body,
    content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
	INSERT INTO messages_fts (rowid, subject, body)
	    VALUES (new.id, new.subject, new.body);
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
	INSERT INTO messages_fts (messages_fts, rowid, subject, body)
	    VALUES ('delete', old.id, old.subject, old.body);
END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF id, subject, body
    ON messages BEGIN
	INSERT INTO messages_fts (messages_fts, rowid, subject, body)
	    VALUES ('delete', old.id, old.subject, old.body);
	INSERT INTO messages_fts (rowid, subject, body)
	    VALUES (new.id, new.subject, new.body);
END;

-- The sub-communities the network starts with.
INSERT INTO groups (id, tag, name_fr, name_en, desc_fr, desc_en, created)
VALUES
	(1, 'admins', 'Administration des organismes',
	    'Organisation administrators',
	    'Directions et administrateurs des organismes membres',
	    'Directors and administrators of member organisations', 0),
	(2, 'intervenants', 'Intervenants de première ligne',
	    'Front-line workers',
	    'Intervenantes et intervenants de première ligne',
	    'Staff working directly with the people served', 0),
	(3, 'psychosocial', 'Suivi psychosocial', 'Psychosocial follow-up',
	    'Équipes de suivi psychosocial',
	    'Psychosocial follow-up teams', 0);

INSERT INTO areas (id, tag, name_fr, name_en, desc_fr, desc_en, read_acl,
    write_acl, moderated, position, created)
VALUES
	(1, 'annonces', 'Annonces', 'Announcements',
	    'Nouvelles du réseau et de l''équipe d''animation',
	    'News from the network and its animators',
	    'all', 'animators', 0, 10, 0),
	(2, 'general', 'Général', 'General',
	    'Discussions ouvertes entre les membres du réseau',
	    'Open discussion among network members',
	    'all', 'all', 0, 20, 0),
	(3, 'pratiques', 'Pratiques', 'Practices',
	    'Nos façons de faire : réussites, difficultés, trucs du terrain',
	    'How we work: successes, difficulties, tips from the field',
	    'all', 'all', 0, 30, 0),
	(4, 'financement', 'Financement', 'Funding',
	    'Programmes, appels de projets et dates limites',
	    'Programs, calls for projects and deadlines',
	    'all', 'all', 0, 40, 0),
	(5, 'formation', 'Formation', 'Training',
	    'Formations, webinaires et occasions d''apprendre',
	    'Training sessions, webinars and chances to learn',
	    'all', 'all', 0, 50, 0),
	(6, 'outils', 'Outils d''intervention', 'Intervention tools',
	    'Outils, grilles et guides à partager',
	    'Tools, checklists and guides to share',
	    'all', 'all', 0, 60, 0),
	(7, 'admins', 'Administration des organismes',
	    'Organisation administrators',
	    'Réservé aux directions et administrateurs des organismes',
	    'For directors and administrators of member organisations only',
	    'groups', 'groups', 0, 70, 0),
	(8, 'intervenants', 'Intervenants de première ligne',
	    'Front-line workers',
	    'Réservé aux intervenantes et intervenants de première ligne',
	    'For front-line workers only',
	    'groups', 'groups', 0, 80, 0),
	(9, 'psychosocial', 'Suivi psychosocial', 'Psychosocial follow-up',
	    'Réservé aux équipes de suivi psychosocial',
	    'For psychosocial follow-up teams only',
	    'groups', 'groups', 0, 90, 0);

INSERT INTO area_groups (area_id, group_id) VALUES (7, 1), (8, 2), (9, 3);
