"""The benchmark tools work: a small population, then loadgen with five
members for a few seconds against a real relaisd.

Only that it ran: no error of any kind, every member logged in, keys were
measured, and the JSON it wrote is whole. No timing is asserted here; the
figures come from bench/run (README, Performance).
"""
import json
import subprocess

from relaistest import BUILD, Server

POPULATE = BUILD / 'bench' / 'populate'
LOADGEN = BUILD / 'bench' / 'loadgen'
DBBENCH = BUILD / 'bench' / 'dbbench'


def populated_server(tmp_path, members=12, start=True):
    srv = Server(tmp_path / 'srv', language='en', extra=(
        'limits = { max_per_address = 100; max_per_account = 5;'
        ' idle_timeout = 3600; };'))
    out = subprocess.run(
        [str(POPULATE), '-D', str(srv.datadir), '-K', str(tmp_path / 'keys'),
         '-u', str(members), '-m', '300', '-q', '50'],
        capture_output=True, text=True, timeout=120, check=True)
    meta = json.loads(out.stdout)
    assert meta['members'] == members and meta['messages'] == 300
    return srv.start() if start else srv


def test_loadgen_five_members(tmp_path):
    assert LOADGEN.exists(), '%s is missing: build first' % LOADGEN
    srv = populated_server(tmp_path)
    try:
        report = tmp_path / 'loadgen.json'
        # Chat is left out: members arriving in a burst sometimes find
        # the hub unavailable (README, Performance); bench/run reports it.
        r = subprocess.run(
            [str(LOADGEN), '-p', str(srv.port), '-K', str(tmp_path / 'keys'),
             '-n', '5', '-t', '4', '-T', '100-300', '-x', 'chat',
             '-B', str(BUILD / 'relais-ui'), '-S', str(srv.proc.pid),
             '-o', str(report)],
            capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr
        res = json.loads(report.read_text())
        assert res['mode'] == 'interactive'
        assert res['errors'] == 0, res['error_kinds']
        assert res['logins'] == 5
        assert res['login_ms']['n'] == 5
        assert res['keystroke_ms']['n'] > 0
        assert res['first_menu_bytes']['n'] == 5
        assert res['server']['steady_sessions'] == 5
        assert not res['scenarios']['chat']['available']
        assert 'login to main menu' in r.stdout
    finally:
        srv.stop()
    assert 'database is locked' not in srv.log_text()


def test_loadgen_login_and_exec_modes(tmp_path):
    srv = populated_server(tmp_path)
    try:
        keys = str(tmp_path / 'keys')
        report = tmp_path / 'login.json'
        r = subprocess.run(
            [str(LOADGEN), '-p', str(srv.port), '-K', keys, '-m', 'login',
             '-n', '2', '-c', '6', '-P', '4', '-o', str(report)],
            capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr
        res = json.loads(report.read_text())
        assert res['errors'] == 0 and res['logins'] == 6

        body = tmp_path / 'body.txt'
        body.write_text('Un message du banc d\'essai.\n')
        report = tmp_path / 'exec.json'
        r = subprocess.run(
            [str(LOADGEN), '-p', str(srv.port), '-K', keys, '-m', 'exec',
             '-n', '2', '-c', '4', '-f', '3', '-e',
             'post general --subject Essai', '-i', str(body),
             '-o', str(report)],
            capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout + r.stderr
        res = json.loads(report.read_text())
        assert res['errors'] == 0 and res['commands'] == 4
    finally:
        srv.stop()
    rows = srv.query("SELECT count(*) AS n FROM messages"
                     " WHERE subject = 'Essai'")
    assert rows[0]['n'] == 4


def test_dbbench(tmp_path):
    srv = populated_server(tmp_path, start=False)   # the files alone
    r = subprocess.run([str(DBBENCH), 'search', '-D', str(srv.datadir),
                        '-n', '20', '-u', 'bench0001'],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res['queries'] == 20 and res['errors'] == 0
    r = subprocess.run([str(DBBENCH), 'post', '-D', str(srv.datadir),
                        '-w', '3', '-t', '1', '-u', '2'],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    res = json.loads(r.stdout)
    assert res['posts'] > 0 and res['errors'] == 0 and res['busy'] == 0
