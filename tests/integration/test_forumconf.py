"""Groups and areas from the configuration file (keys groups and areas)."""
import subprocess

from relaistest import RELAISD, exec_paramiko

FORUMS = '''
groups = (
  { tag = "nord"; name_fr = "Région Nord"; name_en = "North region";
    desc_fr = "Organismes du Nord"; desc_en = "Northern organisations"; }
);
areas = (
  { tag = "general"; name_fr = "Discussions générales";
    name_en = "General talk"; desc_fr = "Ouvert à tous";
    desc_en = "Open to all"; position = 20; },
  { tag = "regional"; name_fr = "Régional Nord"; name_en = "North news";
    read = "groups"; write = "groups"; groups = [ "nord" ];
    position = 25; },
  { tag = "pratiques"; name_fr = "Pratiques"; name_en = "Practices";
    desc_fr = "Nos façons de faire : réussites, difficultés, trucs du terrain";
    desc_en = "How we work: successes, difficulties, tips from the field";
    moderated = true; position = 30; }
);
'''


def run(server, user, command, stdin=b''):
    return exec_paramiko(server, user, command, password='bonjour123',
                         stdin=stdin)


def area_lines(server, user):
    st, out, err = run(server, user, 'areas')
    assert st == 0, err
    return {l.split()[1]: l for l in out.decode().splitlines()
            if len(l.split()) > 2}


def test_forums_from_configuration(make_server):
    server = make_server(language='en', extra=FORUMS)
    for h in ('marie', 'luc'):
        server.useradd(h, 'bonjour123')
    server.start()
    log = server.log_text()
    assert 'group nord created from the configuration' in log
    assert 'area regional created from the configuration' in log
    assert 'area general updated from the configuration' in log
    assert 'area pratiques updated from the configuration' in log
    for tag in ('annonces', 'financement', 'formation', 'outils', 'admins',
                'intervenants', 'psychosocial'):
        assert 'area %s is not in the configuration; kept as it is' % tag \
            in log
    for tag in ('admins', 'intervenants', 'psychosocial'):
        assert 'group %s is not in the configuration; kept as it is' % tag \
            in log

    # The new group exists for the command line too.
    r = server.cmd('group', 'add', 'nord', 'luc')
    assert 'luc added to nord' in r.stdout

    # marie sees the new name and not the area of a group she is not in.
    areas = area_lines(server, 'marie')
    assert 'General talk' in areas['general']
    assert 'regional' not in areas
    st, out, err = run(server, 'marie', 'read regional')
    assert st == 1 and b'North news' not in out + err
    # luc, in nord, sees it and may post there.
    areas = area_lines(server, 'luc')
    assert 'North news' in areas['regional']
    st, out, err = run(server, 'luc', 'post regional --subject Bonjour',
                       b'Du nord.\n')
    assert st == 0, err

    # pratiques is moderated: the post waits for an animator.
    st, out, err = run(server, 'marie', 'post pratiques --subject Atelier',
                       b'Une idee.\n')
    assert st == 0, err
    assert "waiting for an animator's approval" in out.decode()
    rows = server.query(
        "SELECT m.status FROM messages m JOIN areas a ON a.id = m.area_id"
        " WHERE a.tag = 'pratiques'")
    assert [r[0] for r in rows] == ['pending']

    # relaisd check prints the lists, and what it prints reads back.
    out = server.cmd('check').stdout
    assert '    tag = "regional";\n' in out
    assert '    groups = [ "nord" ];\n' in out
    assert '    moderated = true;\n' in out
    printed = server.workdir / 'printed.conf'
    printed.write_text(out)
    again = subprocess.run([str(RELAISD), '-c', str(printed), 'check'],
                           capture_output=True, text=True, timeout=30)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split('\n', 1)[1] == out.split('\n', 1)[1]

    # Restart without the keys: everything stays as the file left it.
    server.stop()
    server.conf.write_text(server.conf.read_text().replace(FORUMS, ''))
    before = len(server.log_text())
    server.start()
    log = server.log_text()[before:]
    assert 'from the configuration' not in log
    assert 'kept as it is' not in log
    areas = area_lines(server, 'luc')
    assert 'General talk' in areas['general']
    assert 'North news' in areas['regional']
    assert 'regional' not in area_lines(server, 'marie')
    row = server.query("SELECT moderated, name_fr FROM areas"
                       " WHERE tag = 'pratiques'")[0]
    assert row[0] == 1
    assert server.query('SELECT count(*) FROM messages')[0][0] == 2
    assert 'nord\tRégion Nord / North region: luc\n' in \
        server.cmd('group', 'list').stdout


def test_unknown_group_stops_relaisd(make_server):
    extra = '''
areas = (
  { tag = "general"; name_fr = "Autre nom";
    read = "groups"; groups = [ "sud" ]; }
);
'''
    server = make_server(extra=extra)
    server.cmd('group', 'list')         # creates the database
    before = server.query('SELECT name_fr, read_acl FROM areas'
                          " WHERE tag = 'general'")[0]
    r = subprocess.run(
        [str(RELAISD), '-c', str(server.conf), '-D', str(server.datadir),
         'serve'], capture_output=True, text=True, timeout=30,
        stdin=subprocess.DEVNULL)
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    want = ('relaisd: %s:7: areas[0]: group sud of area general is neither'
            ' in the groups key nor in the database' % server.conf)
    assert want in lines
    assert lines[-1] == want
    assert 'is listening' not in r.stdout
    after = server.query('SELECT name_fr, read_acl FROM areas'
                         " WHERE tag = 'general'")[0]
    assert tuple(after) == tuple(before) == ('Général', 'all')


def test_configuration_error_has_its_line(make_server):
    extra = '''
areas = (
  { tag = "general"; name_fr = "Général";
    write = "everyone"; }
);
'''
    server = make_server(extra=extra)
    r = server.cmd('check', check=False)
    assert r.returncode == 1
    assert r.stderr == ('relaisd: %s:8: areas[0].write: must be one of '
                        'all, groups, animators\n' % server.conf)
