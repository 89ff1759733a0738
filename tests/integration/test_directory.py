"""The member directory (D): search, a member's page, privacy."""
import pytest

from relaistest import Term, exec_paramiko

SECRET = 'cache-secret@example.org'
SHOWN = 'montre-moi@example.org'


def member(s, handle, status='active', **fields):
    """An account with its directory fields set in the database."""
    s.useradd(handle, 'motdepasse1')
    con = s.db()
    try:
        con.execute('UPDATE users SET status = ? WHERE handle = ?',
                    (status, handle))
        for k, v in fields.items():
            assert k in ('realname', 'organisation', 'region', 'expertise',
                         'presentation', 'email', 'email_public', 'lang')
            con.execute('UPDATE users SET %s = ? WHERE handle = ?' % k,
                        (v, handle))
        con.commit()
    finally:
        con.close()


@pytest.fixture
def dir_server(make_server):
    s = make_server(registration='open').start()
    member(s, 'ginette', realname='Ginette Roy', region='Montréal')
    member(s, 'lucie', realname='Lucie Tremblay',
           organisation='Maison des jeunes', region='Estrie',
           expertise='décrochage scolaire, loisirs',
           presentation='Intervenante depuis 2010.\nJ’aime le plein air.')
    member(s, 'marc', realname='Marc Gagnon', organisation='Coop Gaspé',
           region='Gaspésie', expertise='logement')
    member(s, 'pendu', status='pending', realname='Paul Attente',
           region='Estrie', expertise='décrochage scolaire')
    member(s, 'susp', status='suspended', realname='Sue Suspendue',
           region='Estrie', expertise='décrochage scolaire')
    member(s, 'oui', realname='Odile Oui', email=SHOWN, email_public=1)
    member(s, 'non', realname='Noé Non', email=SECRET, email_public=0)
    return s


def open_directory(s, handle='ginette'):
    t = Term(s, handle, password='motdepasse1')
    t.wait('Menu principal')
    t.send('d')
    t.wait('Annuaire des membres')
    t.wait('Recherche')
    return t


def search(t, words):
    t.send('\x15')
    t.line(words)
    t.settle()


def test_directory_search_by_expertise_and_region(dir_server):
    t = open_directory(dir_server)
    # Everyone active is listed at first, nobody pending or suspended.
    t.wait('5 membres')
    text = t.text()
    for h in ('ginette', 'lucie', 'marc', 'oui', 'non'):
        assert h in text
    assert 'pendu' not in text and 'susp' not in text
    search(t, 'décrochage')
    t.wait('1 membre')
    text = t.text()
    assert 'lucie' in text and 'Maison des jeunes' in text
    assert 'pendu' not in text and 'susp' not in text
    assert 'Expertise : décrochage scolaire' in text
    t.send('/')
    search(t, 'estrie')
    t.wait('1 membre')
    assert 'lucie' in t.text() and 'Sue' not in t.text()
    t.send('/')
    search(t, 'LOGEMENT')
    t.wait('1 membre')
    assert 'marc' in t.text() and 'lucie' not in t.text()
    # Wildcards are plain characters.
    t.send('/')
    search(t, '%')
    t.wait('Aucun membre')
    # The page: every field, the presentation, never a password prompt.
    search(t, 'lucie')
    t.wait('1 membre')
    t.key('enter')
    t.wait('lucie — Lucie Tremblay')
    text = t.text()
    assert 'Organisme : Maison des jeunes' in text
    assert 'Région : Estrie' in text
    assert 'Rôle : Membre' in text
    assert 'Vu pour la dernière fois : jamais' in text
    assert 'Intervenante depuis 2010.' in text
    assert 'plein air' in text
    assert 'Courriel' not in text
    t.send('q')
    t.wait('Annuaire des membres')
    t.send('q')
    t.wait('Menu principal')
    t.close()


def test_directory_email_only_with_consent(dir_server):
    s = dir_server
    t = open_directory(s)
    search(t, 'oui')
    t.wait('1 membre')
    t.key('enter')
    t.wait('Courriel : ' + SHOWN)
    t.send('q')
    t.wait('Annuaire')
    t.send('/')
    search(t, 'Noé')
    t.wait('1 membre')
    t.key('enter')
    t.wait('non — Noé Non')
    t.settle()
    assert 'Courriel' not in t.text()
    t.send('q')
    t.send('/')
    search(t, '')
    t.wait('5 membres')
    # Every byte the terminal received so far: the address is not there.
    raw = bytes(t.raw)
    assert SHOWN.encode() in raw
    assert SECRET.encode() not in raw
    assert b'cache-secret' not in raw
    # Searching by the address finds nobody.
    t.send('/')
    search(t, 'cache-secret')
    t.wait('Aucun membre')
    t.close()
    # Nor in what an exec command prints (who is online sees 'non').
    n = Term(s, 'non', password='motdepasse1')
    n.wait('Menu principal')
    code, out, err = exec_paramiko(s, 'ginette', 'who',
                                   password='motdepasse1')
    assert code == 0
    assert b'non' in out
    assert b'cache-secret' not in out + err
    code, out, err = exec_paramiko(s, 'ginette', 'help',
                                   password='motdepasse1')
    assert b'cache-secret' not in out + err
    n.close()


def test_directory_page_and_chat_online_member(dir_server):
    s = dir_server
    lucie = Term(s, 'lucie', password='motdepasse1')
    lucie.wait('Menu principal')
    t = open_directory(s)
    search(t, 'marc')
    t.wait('1 membre')
    t.key('enter')
    t.wait('marc — Marc Gagnon')
    t.settle()
    assert 'En ligne maintenant' not in t.text()
    t.send('p')
    t.wait("marc n'est pas en ligne")
    t.send('q')
    t.send('/')
    search(t, 'lucie')
    t.wait('1 membre')
    t.key('enter')
    t.wait('En ligne maintenant')
    t.send('p')
    t.wait('Message éclair à lucie|Page lucie')
    t.line('Bonjour de l’annuaire')
    t.wait('Envoyé à lucie')
    lucie.wait('Message éclair de ginette')
    t.close()
    lucie.close()


def test_profile_edits_expertise_and_presentation(dir_server):
    s = dir_server
    t = Term(s, 'marc', password='motdepasse1')
    t.wait('Menu principal')
    t.send('s')
    t.wait('Paramètres')
    t.send('i')
    t.wait('Expertise')
    # Real name, organisation, region as they are.
    t.key('enter', 'enter', 'enter')
    t.send('\x15')
    t.line('logement, coopératives')
    t.line('Ligne un.')
    t.line('Ligne deux.')
    t.key('enter', 'enter')
    t.key('enter')           # e-mail (empty)
    t.send('n')
    t.key('enter')
    t.wait('Votre profil est enregistré|enregistré')
    t.close()
    row = s.query("SELECT expertise, presentation FROM users "
                  "WHERE handle = 'marc'")[0]
    assert tuple(row) == ('logement, coopératives', 'Ligne un.\nLigne deux.')


def test_organisations(dir_server):
    s = dir_server
    con = s.db()
    con.execute("UPDATE users SET role = 'animator' WHERE handle = 'ginette'")
    con.commit()
    con.close()
    # A member may not create one.
    m = open_directory(s, 'marc')
    m.key('down')
    m.send('o')
    m.wait('Organismes')
    m.wait('Aucun organisme')
    m.send('n')
    m.wait("Vous n'avez pas la permission")
    m.close()
    # An animator creates one.
    a = open_directory(s)
    a.key('down')
    a.send('o')
    a.wait('Aucun organisme')
    a.send('n')
    a.wait('Nouvel organisme')
    for v in ('MDJ de Magog', 'Estrie', 'Magog', 'Accueillir les jeunes',
              'Aide aux devoirs', '819-555-0100'):
        a.line(v)
    a.wait("L'organisme a été enregistré")
    a.wait('1 organisme')
    a.wait('MDJ de Magog')
    a.close()
    oid = s.query("SELECT id FROM organisations")[0][0]
    con = s.db()
    con.execute("UPDATE users SET org_id = ? WHERE handle IN "
                "('non', 'oui', 'pendu')", (oid,))
    con.commit()
    con.close()
    # A member says it is theirs and proposes a change.
    t = open_directory(s, 'lucie')
    t.key('down')
    t.send('o')
    t.wait('MDJ de Magog')
    t.key('enter')
    t.wait('Mission : Accueillir les jeunes')
    t.wait('Contact public : 819-555-0100')
    t.send('r')
    t.wait('votre propre organisme')
    t.send('j')
    t.wait("C'est maintenant votre organisme")
    t.wait('lucie — Lucie Tremblay')
    text = t.text()
    assert 'oui — Odile Oui — ' + SHOWN in text
    assert 'non — Noé Non' in text
    assert 'pendu' not in text
    t.send('r')
    t.wait('Proposer une modification')
    t.line('Le numéro a changé : 819-555-0199')
    t.wait('Votre proposition a été envoyée aux animateurs')
    assert SECRET.encode() not in bytes(t.raw)
    t.close()
    # Found in the directory by the organisation's name.
    assert s.query("SELECT org_id FROM users WHERE handle = 'lucie'")[0][0] \
        == oid
    # The animator reads the proposal, then marks it dealt with.
    a = open_directory(s)
    a.key('down')
    a.send('o')
    a.wait('MDJ de Magog')
    a.key('enter')
    a.wait('Modifications proposées')
    a.wait('lucie : Le numéro a changé')
    assert '·' not in a.text().splitlines()[-1]
    a.send('x')
    a.wait('o = oui')
    a.send('o')
    a.wait_gone('Modifications proposées')
    assert SECRET.encode() not in bytes(a.raw)
    a.close()
    assert s.query("SELECT count(*) FROM org_proposals")[0][0] == 0


def test_practices(dir_server):
    s = dir_server
    con = s.db()
    con.execute("UPDATE users SET role = 'animator' WHERE handle = 'ginette'")
    con.execute("INSERT INTO organisations (name, region, created, updated)"
                " VALUES ('MDJ de Magog', 'Estrie', 1, 1)")
    con.execute("UPDATE users SET org_id = 1 WHERE handle = 'lucie'")
    con.commit()
    con.close()
    # A member describes two practices.
    t = Term(s, 'lucie', password='motdepasse1')
    t.wait('Menu principal')
    t.send('p')
    t.wait('Répertoire des pratiques')
    t.wait('Aucune pratique')
    for title, theme, region in (('Atelier cuisine', 'Alimentation', ''),
                                 ('Soirée jeux', 'Loisirs', 'Gaspésie')):
        t.key('down')
        t.send('n')
        t.wait('Nouvelle pratique')
        t.line(title)
        t.line('12-17 ans')
        t.line('Cuisiner ensemble chaque semaine.')
        t.line('Lucie, 819-555-0100')
        t.line(theme)
        if region:
            t.send('\x15')
        t.line(region)
        t.wait('Votre pratique est dans le répertoire')
        t.settle()
    t.wait('2 pratiques')
    t.close()
    rows = s.query("SELECT title, org_id, region, featured FROM practices "
                   "ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ('Atelier cuisine', 1, 'Estrie', 0),
        ('Soirée jeux', 1, 'Gaspésie', 0)]
    # Search, browse by theme and region; an animator features one.
    a = Term(s, 'ginette', password='motdepasse1')
    a.wait('Menu principal')
    a.send('p')
    a.wait('2 pratiques')
    a.line('atelier')
    a.wait('1 pratique')
    assert 'Atelier cuisine' in a.text() and 'Soirée' not in a.text()
    a.send('/')
    a.send('\x15')
    a.line('')
    a.wait('2 pratiques')
    a.send('t')
    a.wait('Thème : Alimentation ; région : tous')
    a.wait('1 pratique')
    a.send('t')
    a.wait('Thème : Loisirs')
    assert 'Soirée jeux' in a.text() and 'Atelier' not in a.text()
    a.send('t')
    a.wait('Thème : tous')
    a.send('r')
    a.wait('région : Estrie')
    a.wait('1 pratique')
    a.send('r')
    a.send('r')
    a.wait('région : tous')
    a.wait('2 pratiques')
    # Newest first; featuring the older one puts it first.
    lines = a.text().splitlines()
    assert [l for l in lines if 'Soirée' in l or 'Atelier' in l][0] \
        .find('Soirée') >= 0
    a.key('down')
    a.key('enter')
    a.wait('Titre : Atelier cuisine')
    a.wait('Organisme : MDJ de Magog')
    a.wait('Personne-ressource : Lucie, 819-555-0100')
    a.send('f')
    a.wait('Cette fiche est maintenant en vedette')
    a.send('q')
    a.wait('2 pratiques')
    lines = [l for l in a.text().splitlines()
             if 'Soirée' in l or 'Atelier' in l]
    assert 'Atelier' in lines[0] and '*' in lines[0]
    a.close()
    assert s.query("SELECT featured FROM practices "
                   "WHERE title = 'Atelier cuisine'")[0][0] == 1
    # A member cannot feature.
    m = Term(s, 'marc', password='motdepasse1')
    m.wait('Menu principal')
    m.send('p')
    m.wait('2 pratiques')
    m.key('down', 'down')
    m.key('enter')
    m.wait('Titre : Soirée jeux')
    m.send('f')
    m.wait("Vous n'avez pas la permission")
    m.close()
    assert s.query("SELECT featured FROM practices "
                   "WHERE title = 'Soirée jeux'")[0][0] == 0
