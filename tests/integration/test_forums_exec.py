"""Forums from exec commands: areas, post, read; and group confidentiality."""
import subprocess

from relaistest import exec_paramiko, make_key, openssh_args

SUBJECT = "L'été à Rimouski"
BODY = 'Bonjour à tous,\nça va? Les « ateliers » reprennent.\n'


def setup_members(server):
    for h in ('marie', 'luc', 'sophie'):
        server.useradd(h, 'bonjour123')
    server.cmd('group', 'add', 'intervenants', 'luc')


def run(server, user, command, stdin=b''):
    return exec_paramiko(server, user, command, password='bonjour123',
                         stdin=stdin)


def test_group_command(server):
    setup_members(server)
    out = server.cmd('group', 'list').stdout
    assert 'intervenants\tIntervenants de première ligne / ' \
        'Front-line workers: luc\n' in out
    r = server.cmd('group', 'add', 'intervenants', 'luc', check=False)
    assert r.returncode == 1 and 'already in' in r.stderr
    r = server.cmd('group', 'add', 'nope', 'luc', check=False)
    assert r.returncode == 1 and 'no group nope' in r.stderr
    r = server.cmd('group', 'remove', 'intervenants', 'marie', check=False)
    assert r.returncode == 1 and 'not in' in r.stderr


def test_post_with_openssh_and_read(server, tmp_path):
    setup_members(server)
    key = make_key(tmp_path / 'id')
    st, out, err = run(server, 'marie', 'keys add',
                       (tmp_path / 'id.pub').read_bytes())
    assert st == 0, err
    # The member's own shell removes the quotes; ssh joins the words.
    r = subprocess.run(openssh_args(server, key) + [
        'marie@127.0.0.1', 'post', 'general', '--subject', SUBJECT],
        input=BODY.encode(), capture_output=True, timeout=30)
    assert r.returncode == 0, r.stderr
    msg_id = int(r.stdout.strip())
    st, out, err = run(server, 'luc', 'areas')
    assert st == 0
    line = [l for l in out.decode().splitlines() if ' general ' in
            ' %s ' % l][0]
    assert line.split()[:3] == ['*', 'general', '1']
    st, out, err = run(server, 'luc', 'read general --new')
    assert st == 0, err
    text = out.decode()
    assert 'Message %d' % msg_id in text
    assert 'Sujet : ' + SUBJECT in text
    assert BODY in text
    # Read once: nothing new the second time, and the count is zero.
    st, out, err = run(server, 'luc', 'read general --new')
    assert st == 0 and 'Message' not in out.decode()
    st, out, err = run(server, 'luc', 'areas')
    line = [l for l in out.decode().splitlines() if ' general ' in
            ' %s ' % l][0]
    assert line.split()[:3] == ['*', 'general', '0']


def test_post_errors(server):
    setup_members(server)
    st, out, err = run(server, 'marie', 'post general --subject', b'x')
    assert st == 1 and out == b''
    st, out, err = run(server, 'marie', 'post general --subject Vide',
                       b' \n\t\n')
    assert st == 1 and out == b''
    st, out, err = run(server, 'marie', 'post general --subject ' +
                       'x' * 121, b'corps')
    assert st == 1 and out == b''
    st, out, err = run(server, 'marie', 'post general --subject Mal',
                       b'\xff\xfe invalid')
    assert st == 1 and out == b''
    # Only animators write in Announcements.
    st, out, err = run(server, 'marie', 'post annonces --subject Hop', b'x')
    assert st == 1 and out == b''
    assert server.query('SELECT count(*) FROM messages')[0][0] == 0


def test_group_area_invisible_to_outsiders(server):
    setup_members(server)
    st, out, err = run(server, 'luc', 'post intervenants --subject '
                       'Cas difficile confidentiel', b'Un cas delicat.\n')
    assert st == 0, err
    # luc sees it; sophie (not in the group) sees nothing of it anywhere.
    st, out, err = run(server, 'luc', 'areas')
    assert b'intervenants' in out
    st, out, err = run(server, 'sophie', 'areas')
    assert st == 0 and b'intervenants' not in out
    st, out1, err1 = run(server, 'sophie', 'read intervenants')
    st2, out2, err2 = run(server, 'sophie', 'read nosuchthing')
    assert st == st2 == 1
    assert err1.replace(b'intervenants', b'X') == \
        err2.replace(b'nosuchthing', b'X')
    assert b'confidentiel' not in out1 + err1
    st, out, err = run(server, 'sophie', 'post intervenants --subject Hop',
                       b'x')
    st2, out2, err2 = run(server, 'sophie', 'post nosuchthing --subject '
                          'Hop', b'x')
    assert st == st2 == 1
    assert err.replace(b'intervenants', b'X') == \
        err2.replace(b'nosuchthing', b'X')
    assert server.query('SELECT count(*) FROM messages')[0][0] == 1
