"""Forums, editor, new-scan, mail and search through the real UI."""
import time

from relaistest import Term, exec_paramiko

SUBJECT = 'Fête régionale à Sept-Îles'
BODY = "Bonjour à tous, la fête aura lieu samedi. Ça vous tente?"
REPLY = "Oui! J'apporte les crêpes."


def members(server):
    for h in ('alice', 'bob', 'carol'):
        server.useradd(h, 'bonjour123')
    server.cmd('group', 'add', 'intervenants', 'carol')


def login(server, who, **kw):
    t = Term(server, who, password='bonjour123', **kw)
    t.wait('Menu principal')
    return t


def open_general(t):
    t.send('f')
    t.wait('Forums')
    t.wait('Général')
    # Général comes right after Annonces.
    t.key('down')
    t.key('enter')
    t.wait(r'Général')


def send_editor(t):
    t.send('\x13')                      # ^S
    t.wait(r'Envoyer ce message\?')
    t.send('o')


def test_threaded_discussion_between_two_members(server):
    members(server)
    a = login(server, 'alice')
    open_general(a)
    a.wait('Aucun fil de discussion')
    a.send('p')
    a.wait('Nouveau fil de discussion dans Général')
    a.line(SUBJECT)
    a.send(BODY)
    send_editor(a)
    a.wait('Votre message est publié')
    a.wait(SUBJECT)
    a.close()

    b = login(server, 'bob')
    b.wait('1 nouveau message dans les forums que vous suivez')
    b.send('n')                         # new-scan
    b.wait('Nouveaux messages : Général')
    b.wait('De : alice')
    b.wait(SUBJECT)
    b.wait('Bonjour à tous')
    b.send('r')
    b.wait('Réponse dans Général')
    b.wait('alice a écrit')
    b.send(REPLY)
    send_editor(b)
    b.wait('Votre message est publié')
    b.close()

    rows = server.query('SELECT id, parent_id, thread_id, author_name, '
                        'subject, body FROM messages ORDER BY id')
    assert len(rows) == 2
    first, second = rows
    assert first['author_name'] == 'alice' and first['subject'] == SUBJECT
    assert second['parent_id'] == first['id']
    assert second['thread_id'] == first['id']
    assert second['author_name'] == 'bob'
    assert REPLY in second['body'] and '> Bonjour à tous' in second['body']

    a = login(server, 'alice')
    open_general(a)
    a.wait(SUBJECT)
    a.key('enter')
    a.wait(r'Message \d sur 2')
    a.send('n')
    a.wait('Réponse au message %d de alice' % first['id'])
    a.wait("J'apporte les crêpes")
    a.close()


def test_outsider_sees_nothing_of_a_group_area(server):
    members(server)
    st, out, err = exec_paramiko(server, 'carol', 'post intervenants '
                                 '--subject Cas sensible confidentiel',
                                 password='bonjour123',
                                 stdin='Détails délicats.\n'.encode())
    assert st == 0, err
    c = login(server, 'carol')
    c.send('f')
    c.wait('Intervenants')
    c.close()
    b = login(server, 'bob')
    # The group's message is not counted for an outsider.
    b.wait('0 nouveau message dans les forums que vous suivez')
    b.send('f')
    b.wait('Forums')
    b.wait('Général')
    b.settle()
    assert 'Intervenants' not in b.text()
    b.key('esc')
    b.wait('Menu principal')
    b.send('n')
    b.wait('Aucun nouveau message')
    b.send('/')
    b.wait('Mots')
    b.line('confidentiel')
    b.wait('Aucun message ne correspond')
    b.close()
    # carol, in the group, finds it.
    c = login(server, 'carol')
    c.send('/')
    c.wait('Mots')
    c.line('sensible')
    c.wait('1 message trouvé')
    c.key('enter')
    c.wait('Détails délicats')
    c.close()


def test_dropped_editor_offers_the_draft_back(server):
    members(server)
    a = login(server, 'alice')
    open_general(a)
    a.send('p')
    a.wait('Nouveau fil de discussion')
    a.line('Brouillon important')
    a.send('Première ligne du texte\rDeuxième ligne, presque fini')
    a.settle()
    # The line drops: no goodbye, the TCP connection just goes.
    a.transport.sock.close()
    a.transport.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        rows = server.query('SELECT subject, body FROM drafts')
        if rows and 'presque fini' in rows[0]['body']:
            break
        time.sleep(0.2)
    assert rows and rows[0]['subject'] == 'Brouillon important'
    a = login(server, 'alice')
    open_general(a)
    a.send('p')
    a.wait('(Brouillon|Draft) (du|of) 20')
    # Esc by mistake closes the editor and keeps the draft.
    a.key('esc')
    a.wait_gone('Nouveau fil de discussion')
    assert server.query('SELECT count(*) FROM drafts')[0][0] == 1
    a.send('p')
    a.wait('(Brouillon|Draft) (du|of) 20')
    a.send('r')
    a.wait('Brouillon important')
    a.wait('Deuxième ligne, presque fini')
    send_editor(a)
    a.wait('Votre message est publié')
    a.close()
    assert server.query('SELECT count(*) FROM drafts')[0][0] == 0
    body = server.query('SELECT body FROM messages')[0][0]
    assert body == 'Première ligne du texte\nDeuxième ligne, presque fini'


def test_mail_and_unread_count(server):
    members(server)
    a = login(server, 'alice')
    a.send('m')
    a.wait('Courrier')
    a.send('c')
    a.wait('Nouveau courriel')
    a.line('bob')
    a.line('Réunion de lundi')
    a.send('On se voit à 9 h?')
    send_editor(a)
    a.wait('Courriel envoyé à bob')
    a.close()
    b = login(server, 'bob')
    b.wait('1 nouveau courriel')
    b.wait(r'✉ 1\s+bob')
    b.send('m')
    b.wait('Réunion de lundi')
    b.key('enter')
    b.wait('On se voit à 9 h')
    b.key('esc')
    b.key('esc')
    b.wait('Menu principal')
    b.wait_gone('✉ 1')
    b.close()
    row = server.query('SELECT sender_name, recipient_name, read_at FROM '
                       'mail')[0]
    assert row['sender_name'] == 'alice' and row['recipient_name'] == 'bob'
    assert row['read_at'] > 0
