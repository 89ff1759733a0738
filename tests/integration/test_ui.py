"""The full-screen UI over real SSH, read through a terminal emulator."""
import time

import pexpect
import pytest

from relaistest import Term, exec_paramiko, make_key, openssh_args

FORM = ['lucie', 'secretpass1', 'secretpass1', 'Lucie Tremblay',
        'Maison des jeunes', 'Bas-Saint-Laurent', 'lucie@example.org']


def register(server, values=FORM, consent='n', lang='f', user='new'):
    t = Term(server, user)
    t.wait('Choose your language')
    t.send(lang)
    t.wait('Pseudonyme|Handle')
    for v in values:
        t.line(v)
    t.send(consent)
    t.key('enter')
    t.wait(r'Créer ce compte\? \(o/n\)|Create this account\? \(y/n\)')
    t.send('o' if lang == 'f' else 'y')
    return t


def test_registration_pending_then_approved(make_server):
    s = make_server(registration='approval').start()
    s.useradd('ginette', 'motdepasse1', role='animator')
    t = register(s)
    t.wait("Votre compte attend l'approbation d'un animateur")
    t.send('g')
    assert t.wait_exit() == 0
    t.close()
    row = s.query('SELECT handle, realname, organisation, region, email, '
                  'email_public, role, status, lang FROM users '
                  "WHERE handle = 'lucie'")[0]
    assert tuple(row) == ('lucie', 'Lucie Tremblay', 'Maison des jeunes',
                          'Bas-Saint-Laurent', 'lucie@example.org', 0,
                          'member', 'pending', 'fr')
    # Pending: the member can log in but sees only the waiting text.
    t = Term(s, 'lucie', password='secretpass1')
    t.wait("attend l'approbation")
    for k in ('s', 'a', 'f', 'q'):
        t.send(k)
    t.settle()
    assert 'Menu principal' not in t.text()
    assert 'Paramètres' not in t.text()
    t.close()
    # An animator approves from Administration.
    a = Term(s, 'ginette', password='motdepasse1')
    a.wait('Menu principal')
    a.send('a')
    a.wait('Inscriptions en attente')
    a.send('r')
    a.wait('lucie')
    a.send('a')
    a.wait('lucie est approuvé')
    a.close()
    assert s.query("SELECT status FROM users WHERE handle = 'lucie'")[0][0] \
        == 'active'
    t = Term(s, 'lucie', password='secretpass1')
    t.wait('Menu principal')
    t.wait('Bienvenue, lucie')
    t.close()


def test_registration_open_goes_to_menu_in_english(make_server):
    s = make_server(registration='open').start()
    t = register(s, lang='e', consent='y')
    t.wait('Main menu')
    t.wait('Settings')
    assert 'Administration' not in t.text()
    t.close()
    row = s.query("SELECT status, lang, email_public FROM users")[0]
    assert tuple(row) == ('active', 'en', 1)


def test_registration_errors_keep_what_was_typed(make_server):
    s = make_server(registration='open').start()
    s.useradd('lucie', 'motdepasse1')
    t = Term(s, 'nouveau')
    t.wait('Choose your language')
    t.send('f')
    t.wait('Pseudonyme')
    t.line('x')
    t.wait('trop court')
    t.key('backspace')
    t.line('Lucie')
    t.wait('déjà pris')
    for _ in range(5):
        t.key('backspace')
    t.line('new')
    t.wait('réservé')
    for _ in range(3):
        t.key('backspace')
    t.line('lucie-2')
    t.line('court')
    t.wait('au moins 8 caractères')
    for _ in range(5):
        t.key('backspace')
    t.line('secretpass1')
    t.line('autrechose1')
    t.wait('pas identiques')
    t.close()
    assert s.query("SELECT count(*) FROM users")[0][0] == 1


def test_registration_closed(make_server):
    s = make_server(registration='closed').start()
    t = Term(s, 'new')
    t.wait('Choose your language')
    t.send('e')
    t.wait('Registration is closed')
    t.send('x')
    assert t.wait_exit() == 0
    t.close()
    assert s.query("SELECT count(*) FROM users")[0][0] == 0


def test_sysop_sees_administration_member_does_not(server):
    server.useradd('ginette', 'motdepasse1', role='sysop')
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'ginette', password='motdepasse1')
    t.wait('Menu principal')
    assert 'A  Administration' in t.text()
    t.send('a')
    t.wait('Inscriptions en attente')
    t.close()
    m = Term(server, 'marc', password='motdepasse2')
    m.wait('Menu principal')
    assert 'Administration' not in m.text()
    m.send('a')
    m.settle()
    assert 'Inscriptions en attente' not in m.text()
    assert 'Menu principal' in m.text()
    m.close()


def test_menu_in_french_then_english_at_once(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.wait('S  Paramètres')
    t.wait('G  Au revoir')
    t.send('s')
    t.wait('Langue')
    t.send('l')
    t.wait('relais speaks English')
    # Back to the menu (the first Esc may only dismiss the notice).
    for _ in range(3):
        t.key('esc')
        t.settle()
        if 'Main menu' in t.text():
            break
    t.wait('Main menu')
    t.wait('S  Settings')
    t.wait('G  Goodbye')
    t.close()
    assert server.query("SELECT lang FROM users")[0][0] == 'en'
    # The choice is kept for the next login.
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Main menu')
    t.close()


def test_window_resize_redraws_at_new_size(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2', cols=80, rows=24)
    t.wait('Menu principal')
    status_row = t.screen.display[0]
    assert status_row.rstrip().endswith('marc')
    # The handle is right-aligned, one column from the edge.
    assert len(status_row.rstrip()) == 79
    t.resize(120, 40)
    t.wait(r'^ Relais Test {50,}marc$')
    assert len(t.screen.display[0].rstrip()) == 119
    # The footer moved to the new last row.
    assert 'Au revoir' in t.screen.display[39]
    t.resize(60, 20)
    t.wait(r'^ Relais Test {20,}marc$')
    assert len(t.screen.display[0].rstrip()) == 59
    assert 'Au revoir' in t.screen.display[19]
    t.close()


def test_key_login_reaches_menu(server, tmp_path):
    server.useradd('marc', 'motdepasse2')
    key = make_key(tmp_path / 'id')
    status, out, err = exec_paramiko(
        server, 'marc', 'keys add', password='motdepasse2',
        stdin=(tmp_path / 'id.pub').read_bytes())
    assert status == 0, err
    t = Term(server, 'marc', key=key)
    t.wait('Menu principal')
    t.close()
    rows = server.query("SELECT method, ok FROM login_log "
                        "WHERE handle = 'marc' ORDER BY id")
    assert [tuple(r) for r in rows] == [('password', 1), ('publickey', 1)]


def test_key_pasted_in_settings(server, tmp_path):
    server.useradd('marc', 'motdepasse2')
    make_key(tmp_path / 'id')
    pub = (tmp_path / 'id.pub').read_text().strip()
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.send('s')
    t.wait('Clés publiques SSH')
    t.send('k')
    t.wait('0 clé')
    t.send('a')
    t.wait('Collez votre clé publique')
    t.line(pub)
    t.wait('La clé a été ajoutée')
    t.close()
    assert server.query('SELECT type FROM pubkeys')[0][0] == 'ssh-ed25519'


def test_ascii_terminal_gets_only_ascii(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2', term='vt100')
    t.wait('Menu principal')
    t.wait('Parametres')
    t.send('?')
    t.wait('Aide')
    t.settle()
    assert all(b < 0x80 for b in t.raw), 'non-ASCII byte sent'
    t.close()
    assert server.query("SELECT charset FROM users")[0][0] == 'ascii'


def test_utf8_guessed_from_client_lang(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2', term='vt100',
             env={'LANG': 'fr_CA.UTF-8'})
    t.wait('Paramètres')
    t.close()
    assert server.query("SELECT charset FROM users")[0][0] == 'utf8'


def test_first_menu_is_small_and_moves_are_cheap(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.settle()
    assert len(t.raw) < 2048, len(t.raw)
    before = len(t.raw)
    t.key('down')
    t.settle()
    assert 0 < len(t.raw) - before < 100, len(t.raw) - before


def test_goodbye_ends_session(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.send('g')
    assert t.wait_exit() == 0
    t.close()


def test_newcomer_registers_with_openssh_client(server):
    """The README's promise: a stock OpenSSH client can register."""
    child = pexpect.spawn(' '.join(openssh_args(server) + [
        '-t', 'new@127.0.0.1']), env={'TERM': 'xterm', 'PATH':
                                      '/usr/bin:/bin'},
        dimensions=(24, 80), timeout=20, encoding='utf-8')
    try:
        child.expect('Choose your language')
        child.send('f')
        child.expect('Pseudonyme')
        for v in FORM:
            child.send(v + '\r')
        child.send('o\r')
        child.expect(r'Créer ce compte\? \(o/n\)')
        child.send('o')
        child.expect("attend l'approbation")
        child.send('g')
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    row = server.query("SELECT status, email_public FROM users "
                       "WHERE handle = 'lucie'")[0]
    assert tuple(row) == ('pending', 1)


def test_control_keys_neither_kill_nor_freeze(server):
    """Ctrl-C is a key, not SIGINT; Ctrl-S is a key, not flow control."""
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.send('\x03')                      # Ctrl-C
    t.send('\x13')                      # Ctrl-S
    t.send('\x1a')                      # Ctrl-Z
    t.send('s')
    t.wait('Langue')                    # still alive, output flowing
    assert not t.chan.exit_status_ready()
    t.close()


def test_idle_timeout_zero_never_disconnects(make_server):
    """idle_timeout = 0 means never; screen timers must not end it."""
    s = make_server(extra='limits = { idle_timeout = 0; };').start()
    s.useradd('marc', 'motdepasse2')
    t = Term(s, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.send('f')
    t.wait('Forums')
    t.key('down', 'enter')
    t.wait('Général')
    t.send('p')
    t.wait('Nouveau fil de discussion')
    t.line('Un sujet')
    for word in ('un ', 'deux ', 'trois '):
        t.send(word)
        time.sleep(1.2)                 # let the draft timer fire
    t.settle()
    assert not t.chan.exit_status_ready(), t.text()
    assert 'Un sujet' in t.text()
    t.close()


def test_profile_asks_before_discarding_changes(server):
    server.useradd('marc', 'motdepasse2')
    t = Term(server, 'marc', password='motdepasse2')
    t.wait('Menu principal')
    t.send('s')
    t.wait('Profil')
    t.send('i')
    t.wait('Nom complet')
    t.send('Marc Tremblay')
    t.key('esc')
    t.wait(r'Abandonner vos modifications\?')
    t.send('n')                         # no: keep editing
    t.wait_gone(r'Abandonner vos modifications\?')
    t.wait('Marc Tremblay')
    t.key('esc')
    t.wait(r'Abandonner vos modifications\?')
    t.send('o')                         # yes: leave without saving
    t.wait('Langue')
    t.close()
    assert server.query("SELECT realname FROM users")[0][0] == ''
