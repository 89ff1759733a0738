"""The live side: who's online, pages, chat rooms, and the hub itself.

Several members at once, each a real SSH session with a pty read through
pyte. "Within a second" is asserted as "shows up while we poll for a few
seconds" to stay clear of a loaded machine's hiccups.
"""
import os
import signal
import time

import pytest

from relaistest import Term, exec_paramiko

PASSWORDS = {'ginette': 'motdepasse1', 'marc': 'motdepasse2',
             'lucie': 'motdepasse3', 'sophie': 'motdepasse4',
             'luc': 'motdepasse5'}
PROFILES = {
    'marc': ('Maison des jeunes', 'Bas-Saint-Laurent', 'marc@example.org',
             0),
    'lucie': ('Centre de femmes', 'Gaspésie', 'lucie@example.org', 1),
    'sophie': ('Popote roulante', 'Abitibi', 'sophie@example.org', 0),
    'luc': ('Carrefour jeunesse', 'Côte-Nord', 'luc@example.org', 0),
}


@pytest.fixture
def live(make_server):
    s = make_server(language='en').start()
    s.useradd('ginette', PASSWORDS['ginette'], role='sysop')
    for h in ('marc', 'lucie', 'sophie', 'luc'):
        s.useradd(h, PASSWORDS[h])
    con = s.db()
    try:
        for h, (org, region, email, public) in PROFILES.items():
            con.execute('UPDATE users SET organisation = ?, region = ?, '
                        'email = ?, email_public = ? WHERE handle = ?',
                        (org, region, email, public, h))
        con.commit()
    finally:
        con.close()
    s.cmd('group', 'add', 'intervenants', 'luc')
    s.cmd('group', 'add', 'intervenants', 'lucie')
    yield s


def login(server, handle):
    t = Term(server, handle, password=PASSWORDS[handle])
    t.wait('Main menu')
    return t


def procs(ppid=None, comm=None):
    """(pid, comm, ppid) of the processes, filtered."""
    out = []
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % d) as f:
                st = f.read()
        except OSError:
            continue
        name = st[st.index('(') + 1:st.rindex(')')]
        parent = int(st[st.rindex(')') + 2:].split()[1])
        if (ppid is None or parent == ppid) and \
                (comm is None or name == comm):
            out.append((int(d), name, parent))
    return out


def hub_pid(server):
    found = procs(ppid=server.proc.pid, comm='relais-hub')
    assert len(found) == 1, found
    return found[0][0]


def ui_pid(server, handle):
    uid = server.query('SELECT id FROM users WHERE handle = ?',
                       handle)[0][0]
    for pid, _, _ in procs(comm='relais-ui'):
        try:
            with open('/proc/%d/environ' % pid, 'rb') as f:
                env = f.read().split(b'\0')
        except OSError:
            continue
        if b'RELAIS_DATADIR=' + str(server.datadir).encode() in env and \
                b'RELAIS_USER_ID=%d' % uid in env:
            return pid
    raise AssertionError('no relais-ui for %s' % handle)


def who(server, handle):
    code, out, err = exec_paramiko(server, handle, 'who',
                                   password=PASSWORDS[handle])
    assert code == 0, err
    return out.decode()


def wait_for(pred, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


def test_member_appears_in_who_within_a_second(live):
    b = login(live, 'ginette')
    b.send('w')
    b.wait(r"Who's online \(1\)")
    a = login(live, 'marc')
    start = time.monotonic()
    b.wait('marc', timeout=3)
    assert time.monotonic() - start < 3
    b.wait(r"Who's online \(2\)")
    row = [l for l in b.text().splitlines() if l.startswith(' marc')][0]
    assert 'Maison des jeunes' in row and 'Main menu' in row
    # Below the list, the one selected in full; the sysop sees addresses.
    b.key('down')
    b.wait('marc — Maison des jeunes, Bas-Saint-Laurent')
    b.wait('Address: 127.0.0.1')
    # Where marc goes shows on ginette's screen.
    a.send('c')
    b.wait(r' marc .*Chat')
    # The same list from an exec command, for a member: no addresses.
    out = who(live, 'lucie')
    lines = out.splitlines()
    assert lines[0].split('\t')[:6] == ['Handle', 'Organisation', 'Region',
                                        'Where', 'Online', 'Idle']
    assert 'Address' not in lines[0]
    marc = [l for l in lines if l.startswith('marc\t')][0].split('\t')
    assert marc[1:4] == ['Maison des jeunes', 'Bas-Saint-Laurent', 'Chat']
    assert len(marc) == 6
    assert '127.0.0.1' not in out
    # A sysop gets them.
    out = who(live, 'ginette')
    assert out.splitlines()[0].endswith('\tAddress')
    assert [l for l in out.splitlines() if l.startswith('marc\t')][0] \
        .endswith('\t127.0.0.1')
    a.close()
    b.close()


def test_chat_line_reaches_the_room_and_no_other(live):
    a = login(live, 'marc')
    b = login(live, 'lucie')
    c = login(live, 'sophie')
    d = login(live, 'luc')
    for t in (a, b, c, d):
        t.send('c')
        t.wait(r'Chat: main')
    d.line('/join atelier')
    d.wait(r'Chat: atelier \(Tab: main\)')
    d.wait('You are in room atelier')
    d.key('tab')
    d.wait(r'Chat: main \(Tab: atelier\)')
    d.line('/leave')
    d.wait('You left room main')
    d.wait(r'Chat: atelier$')
    a.wait('luc left main')
    a.line('Bonjour à tous, réunion jeudi')
    b.wait('<marc> Bonjour à tous, réunion jeudi')
    c.wait('<marc> Bonjour à tous, réunion jeudi')
    a.wait('<marc> Bonjour à tous, réunion jeudi')
    a.line('/me arrive en retard')
    c.wait(r'\* marc arrive en retard')
    d.settle(quiet=0.5)
    assert 'réunion jeudi' not in d.text()
    assert 'arrive en retard' not in d.text()
    # A line in atelier reaches nobody in main.
    d.line('seul ici')
    d.wait('<luc> seul ici')
    a.settle(quiet=0.5)
    assert 'seul ici' not in a.text()
    # A long line wraps, whole, on the others' screens.
    words = ' '.join('mot%02d' % i for i in range(40))
    a.line(words)
    b.wait('mot39')
    text = b.text()
    assert 'mot00' in text and 'mot20' in text
    # /who lists the room; /msg is private.
    a.line('/who')
    a.wait(r'In room main: .*lucie')
    a.line('/msg sophie psst')
    c.wait(r'\[private\] <marc> psst')
    b.settle(quiet=0.5)
    assert 'psst' not in b.text()
    for t in (a, b, c, d):
        t.close()


def test_group_room_refuses_non_members(live):
    luc = login(live, 'luc')
    sophie = login(live, 'sophie')
    luc.send('c')
    luc.wait('Chat: main')
    luc.line('/join intervenants')
    luc.wait('Chat: intervenants')
    luc.wait('members of this group only')
    sophie.send('c')
    sophie.wait('Chat: main')
    sophie.line('/join intervenants')
    sophie.wait('Room intervenants is for the members of that group only')
    assert 'Chat: intervenants' not in sophie.text()
    luc.line('confidentiel')
    luc.wait('<luc> confidentiel')
    sophie.settle(quiet=0.5)
    assert 'confidentiel' not in sophie.text()
    # Group rooms keep no history unless the sysop says so.
    assert live.query("SELECT count(*) FROM chat_lines "
                      "WHERE room = 'intervenants'")[0][0] == 0
    luc.close()
    sophie.close()


def test_invite_only_room(live):
    a = login(live, 'marc')
    b = login(live, 'lucie')
    c = login(live, 'sophie')
    for t in (a, b, c):
        t.send('c')
        t.wait('Chat: main')
    a.line('/create comite')
    a.wait('Chat: comite')
    c.line('/join comite')
    c.wait('Room comite is for invited members only')
    a.line('/invite lucie')
    a.wait('Sent to lucie')
    b.wait('marc invites you to chat room comite')
    b.send('\x10')
    b.wait('Invitation to chat')
    b.key('enter')
    b.wait('Chat: comite')
    a.wait('lucie joins comite')
    a.line('entre nous')
    b.wait('<marc> entre nous')
    c.settle(quiet=0.5)
    assert 'entre nous' not in c.text()
    for t in (a, b, c):
        t.close()


def test_page_reaches_the_status_line(live):
    a = login(live, 'marc')
    b = login(live, 'lucie')
    b.send('f')             # lucie is busy elsewhere
    b.settle()
    a.send('w')
    a.wait(' lucie ')
    # The list is by handle: lucie is the first row, selected.
    assert a.text().splitlines()[3].startswith(' lucie')
    a.send('p')
    a.wait('Page lucie')
    a.line('Tu as deux minutes ?')
    a.wait('Sent to lucie')
    b.wait('Page from marc: Tu as deux minutes \\?')
    assert b.screen.display[0].startswith(' Page from marc')
    # Ctrl-P answers, from wherever lucie is.
    b.send('\x10')
    b.wait('Your answer')
    b.line('Oui, appelle-moi')
    a.wait('Page from lucie: Oui, appelle-moi')
    b.wait_gone('Page from marc')
    # Do not disturb: pages are refused with a clear reply.
    b.key('esc')
    b.wait('Main menu')
    b.send('s')
    b.wait('Do not disturb')
    b.send('d')
    b.wait('pages and private lines are refused')
    assert live.query("SELECT dnd FROM users WHERE handle = 'lucie'")[0][0] \
        == 1
    a.send('\x10')
    a.wait('Your answer')
    a.line('Encore moi')
    a.wait('lucie does not want to be disturbed')
    b.settle(quiet=0.5)
    assert 'Encore moi' not in b.text()
    a.close()
    b.close()


def test_dropped_session_leaves_presence(live):
    watcher = login(live, 'ginette')
    watcher.send('w')
    a = login(live, 'marc')
    b = login(live, 'lucie')
    watcher.wait(r"Who's online \(3\)")
    a.send('c')
    a.wait('Chat: main')
    watcher.wait(' marc .*Chat')
    # A killed interface is gone at once, with a leave notice.
    c = login(live, 'sophie')
    c.send('c')
    c.wait('You are in room main')
    watcher.wait(r"Who's online \(4\)")
    os.kill(ui_pid(live, 'marc'), signal.SIGKILL)
    watcher.wait(r"Who's online \(3\)", timeout=3)
    assert ' marc ' not in watcher.text()
    c.wait('marc left main', timeout=3)
    # A dropped connection too.
    b.transport.close()
    watcher.wait(r"Who's online \(2\)", timeout=3)
    assert ' lucie ' not in watcher.text()
    assert 'lucie' not in who(live, 'luc')
    watcher.close()
    c.close()


def test_hub_restart_is_one_notice(live):
    a = login(live, 'marc')
    b = login(live, 'lucie')
    a.send('c')
    a.wait('Chat: main')
    b.send('w')
    b.wait(' marc ')
    old = hub_pid(live)
    os.kill(old, signal.SIGKILL)
    notice = 'Chat and who.s online were restarted'
    a.wait(notice, timeout=8)
    b.wait(notice, timeout=8)
    new = hub_pid(live)
    assert new != old
    # One line, once: not a message per attempt.
    b.settle(quiet=1.0)
    assert b.text().count('restarted') == 1
    assert bytes(b.raw).count(b'restarted') == 1
    # Presence is back, with marc still in the chat.
    b.key('r')
    b.wait(' marc .*Chat', timeout=5)
    # marc is back in main without a word: lines still flow.
    b.key('esc')
    b.send('c')
    b.wait('Chat: main')
    a.line('toujours là')
    b.wait('<marc> toujours là')
    a.wait('<marc> toujours là')
    assert a.text().count('marc joins main') <= 1
    a.close()
    b.close()


def test_exec_who_without_hub(live):
    pid = hub_pid(live)
    os.kill(pid, signal.SIGSTOP)
    try:
        code, out, err = exec_paramiko(live, 'marc', 'who',
                                       password=PASSWORDS['marc'])
    finally:
        os.kill(pid, signal.SIGCONT)
    assert code == 1
    assert b'not available right now' in err
    assert out == b''


def test_email_never_shown_without_consent(live):
    a = login(live, 'marc')
    b = login(live, 'lucie')
    c = login(live, 'ginette')
    c.send('w')
    c.wait('marc')
    for _ in range(3):
        c.key('down')
        c.settle(quiet=0.2)
        assert 'marc@example.org' not in c.text()
    c.key('enter')
    c.wait('Organisation')
    assert '@example.org' not in c.text()
    for cmd in ('who', 'help', 'areas'):
        for h in ('ginette', 'lucie', 'sophie'):
            code, out, err = exec_paramiko(live, h, cmd,
                                           password=PASSWORDS[h])
            assert b'marc@example.org' not in out + err
            assert b'sophie@example.org' not in out + err
    a.close()
    b.close()
    c.close()


def test_chat_history_setting_and_cleaning(live):
    # Lines of main are kept (a week by default) and come back as
    # scrollback after a hub restart; what others wrote is cleaned.
    a = login(live, 'marc')
    a.send('c')
    a.wait('Chat: main')
    a.line('ligne gardée')
    a.wait('<marc> ligne gardée')
    assert tuple(live.query("SELECT handle, text FROM chat_lines "
                            "WHERE room = 'main'")[0]) == \
        ('marc', 'ligne gardée')
    con = live.db()
    con.execute("INSERT INTO chat_lines (room, user_id, handle, kind, text,"
                " at) VALUES ('main', NULL, 'x', 0, ?, strftime('%s'))",
                ('\x1b]0;owned\x07\x1b[2Jpiège\x1b[31m rouge',))
    con.commit()
    con.close()
    a.key('esc')
    a.wait('Main menu')
    os.kill(hub_pid(live), signal.SIGKILL)
    a.wait('restarted', timeout=8)
    b = login(live, 'lucie')
    b.send('c')
    b.wait('<marc> ligne gardée')
    b.wait('piège')
    # The escapes were taken out before reaching the terminal.
    assert b'\x1b]0;owned' not in bytes(b.raw)
    assert b'\x1b[31m rouge' not in bytes(b.raw)
    out = live.cmd('chat', 'list').stdout
    assert 'main' in out and '7d' in out
    out = live.cmd('chat', 'set', 'main', 'history', 'off').stdout
    assert 'no history' in out
    assert live.query("SELECT count(*) FROM chat_lines")[0][0] == 0
    b.line('plus gardée')
    b.wait('<lucie> plus gardée')
    assert live.query("SELECT count(*) FROM chat_lines")[0][0] == 0
    live.cmd('chat', 'set', 'intervenants', 'history', 'on', '30')
    out = live.cmd('chat', 'list').stdout
    assert 'intervenants' in out and '30d' in out
    r = live.cmd('chat', 'set', 'Bad Name', 'history', 'on', check=False)
    assert r.returncode == 1
    a.close()
    b.close()


def test_group_forum_is_a_private_area_to_outsiders(live):
    luc = login(live, 'luc')
    luc.send('f')
    luc.wait('Front-line workers')
    luc.key('end')
    luc.key('enter')
    luc.wait(r'^ Front-line workers')
    # sophie is not in the group: she never learns the forum's name.
    sophie = login(live, 'sophie')
    sophie.send('w')
    sophie.wait(' luc .*Forums: private')
    sophie.wait('Forums: private area; online')     # luc is selected
    assert 'Front-line' not in sophie.text()
    out = who(live, 'sophie')
    row = [l for l in out.splitlines() if l.startswith('luc\t')][0]
    assert row.split('\t')[3] == 'Forums: private area'
    assert 'Front-line' not in out
    # lucie is in the group: she sees where luc is.
    lucie = login(live, 'lucie')
    lucie.send('w')
    lucie.wait('Forums: Front-line workers; online')
    out = who(live, 'lucie')
    row = [l for l in out.splitlines() if l.startswith('luc\t')][0]
    assert row.split('\t')[3] == 'Forums: Front-line workers'
    # Back in the main menu, nothing more is said of the forum.
    luc.key('esc')
    luc.key('esc')
    luc.wait('Main menu')
    sophie.wait(' luc .*Main menu')
    for t in (luc, sophie, lucie):
        t.close()


def test_hub_takes_a_burst_of_connections(server):
    """Members arriving together must all reach the hub (none refused
    because its listen backlog was full)."""
    import errno
    import socket as so
    path = str(server.datadir / 'hub.sock')
    deadline = time.monotonic() + 10
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.05)
    socks, refused = [], 0
    try:
        for _ in range(300):
            s = so.socket(so.AF_UNIX, so.SOCK_STREAM)
            s.setblocking(False)
            try:
                s.connect(path)
                socks.append(s)
            except BlockingIOError:
                refused += 1
                s.close()
            except OSError as e:
                assert e.errno == errno.EAGAIN, e
                refused += 1
                s.close()
    finally:
        for s in socks:
            s.close()
    assert refused == 0, '%d of 300 connections refused' % refused
