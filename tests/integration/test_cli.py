"""relaisd's command line: help, errors, useradd, passwd, check, backup."""
import os
import socket
import sqlite3
import stat
import subprocess

import pexpect

from relaistest import RELAISD, Server, exec_paramiko


def run(*args, input=None):
    return subprocess.run([str(RELAISD)] + list(args), input=input,
                          capture_output=True, text=True, timeout=60)


def test_help_and_version():
    r = run('--help')
    assert r.returncode == 0
    for word in ('serve', 'useradd', 'passwd', 'check', 'backup', '-c FILE',
                 '-D DATADIR'):
        assert word in r.stdout
    r = run('--version')
    assert r.returncode == 0 and r.stdout.startswith('relais ')


def test_bad_option_and_command():
    r = run('--bogus')
    assert r.returncode == 1
    assert r.stderr == 'relaisd: unknown option --bogus (try relaisd --help)\n'
    r = run('-x', 'check')
    assert r.returncode == 1
    assert r.stderr == 'relaisd: unknown option -x (try relaisd --help)\n'
    r = run('check', '-c')
    assert r.returncode == 1
    r = run('-c')
    assert r.stderr == 'relaisd: option -c needs an argument ' \
        '(try relaisd --help)\n'
    r = run('frobnicate')
    assert r.returncode == 1
    assert r.stderr == 'relaisd: unknown command frobnicate ' \
        '(try relaisd --help)\n'
    r = run('useradd')
    assert r.returncode == 1 and 'wrong number of arguments' in r.stderr


def test_bad_config_gives_file_and_line(tmp_path):
    conf = tmp_path / 'bad.conf'
    conf.write_text('bbs_name = "x";\nlisten = ( { port = 22 } \n')
    r = run('-c', str(conf), 'check')
    assert r.returncode == 1
    assert r.stderr.startswith('relaisd: %s:' % conf)
    assert len(r.stderr.strip().splitlines()) == 1
    conf.write_text('bbs_name = "x";\nidle_timout = 5;\n')
    r = run('-c', str(conf), 'check')
    assert r.returncode == 1
    assert r.stderr.startswith('relaisd: %s:2:' % conf)
    assert 'idle_timout' in r.stderr
    r = run('-c', str(tmp_path / 'missing.conf'), 'check')
    assert r.returncode == 1 and 'missing.conf' in r.stderr


def test_check_prints_effective_values(tmp_path):
    r = run('check')
    assert r.returncode == 0
    assert 'port = 2222' in r.stdout
    assert 'registration = "approval"' in r.stdout
    assert 'language = "fr"' in r.stdout
    conf = tmp_path / 'r.conf'
    conf.write_text('language = "en";\nbbs_id = "rurale";\n')
    r = run('-c', str(conf), 'check')
    assert r.returncode == 0
    assert 'language = "en"' in r.stdout and '"RURALE"' in r.stdout
    # What check prints is itself a valid configuration.
    again = tmp_path / 'again.conf'
    again.write_text(r.stdout)
    r2 = run('-c', str(again), 'check')
    assert r2.returncode == 0
    assert r2.stdout.splitlines()[1:] == r.stdout.splitlines()[1:]


def test_unwritable_datadir(tmp_path):
    if os.geteuid() == 0:
        # root writes anywhere: use a path under a regular file instead
        blocker = tmp_path / 'file'
        blocker.write_text('')
        r = run('-D', str(blocker / 'var'), 'serve')
    else:
        ro = tmp_path / 'ro'
        ro.mkdir()
        ro.chmod(0o500)
        r = run('-D', str(ro / 'var'), 'serve')
    assert r.returncode == 1
    assert r.stderr.startswith('relaisd: ')
    assert 'data directory' in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_port_in_use(tmp_path):
    s = Server(tmp_path)
    with socket.socket() as blocker:
        blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        blocker.bind(('127.0.0.1', s.port))
        blocker.listen(1)
        r = subprocess.run([str(RELAISD), '-c', str(s.conf), '-D',
                            str(s.datadir), 'serve'], capture_output=True,
                           text=True, timeout=30)
    assert r.returncode == 1
    assert r.stderr == ('relaisd: cannot listen on 127.0.0.1 port %d: '
                        'Address already in use\n' % s.port)


def test_useradd_passwd_and_modes(tmp_path):
    s = Server(tmp_path)
    r = s.useradd('Ginette', 'motdepasse1', role='sysop')
    assert r.returncode == 0, r.stderr
    assert 'created Ginette (sysop)' in r.stdout
    rows = s.query('SELECT handle, role, status FROM users')
    assert [tuple(x) for x in rows] == [('Ginette', 'sysop', 'active')]
    # Same handle in another case: refused.
    r = s.cmd('useradd', 'ginette', input='autrepasse1\n', check=False)
    assert r.returncode == 1 and 'already taken' in r.stderr
    # Short password and bad handle: refused with a reason.
    r = s.cmd('useradd', 'bob', input='court\n', check=False)
    assert r.returncode == 1 and 'too short' in r.stderr
    r = s.cmd('useradd', 'b@d', input='longenough1\n', check=False)
    assert r.returncode == 1 and 'handle' in r.stderr
    r = s.cmd('useradd', 'new', input='longenough1\n', check=False)
    assert r.returncode == 1
    r = s.cmd('useradd', 'x', '--role', 'king', input='longenough1\n',
              check=False)
    assert r.returncode == 1 and 'unknown role' in r.stderr
    # passwd changes the hash.
    before = s.query('SELECT pwhash FROM users')[0][0]
    r = s.cmd('passwd', 'GINETTE', input='nouveaupasse2\n')
    assert r.returncode == 0
    after = s.query('SELECT pwhash FROM users')[0][0]
    assert before != after and after.startswith('$argon2id$')
    r = s.cmd('passwd', 'nobody', input='nouveaupasse2\n', check=False)
    assert r.returncode == 1 and 'no account' in r.stderr
    # Files are private.
    assert stat.S_IMODE(os.stat(s.datadir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(s.datadir / 'relais.db').st_mode) == 0o600


def test_serve_prints_how_to_connect_and_keeps_host_key(make_server):
    s = make_server()
    s.start()
    s.stop()
    assert 'ssh -p %d new@localhost' % s.port in s.stdout
    assert 'useradd NAME --role sysop' in s.stdout
    key = s.datadir / 'ssh_host_ed25519_key'
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    first = s.hostkey_fingerprint()
    s.useradd('ginette', 'motdepasse1', role='sysop')
    s.start()
    s.stop()
    assert s.hostkey_fingerprint() == first
    assert 'no sysop yet' not in s.stdout


def test_backup_while_serving(server, tmp_path):
    server.useradd('ginette', 'motdepasse1', role='sysop')
    dest = tmp_path / 'copy.db'
    r = server.cmd('backup', str(dest))
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    con = sqlite3.connect(str(dest))
    try:
        assert con.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
        assert con.execute('SELECT handle FROM users').fetchall() == \
            [('ginette',)]
    finally:
        con.close()
    # The server still serves after the backup.
    status, out, err = exec_paramiko(server, 'ginette', 'help',
                                     password='motdepasse1')
    assert status == 0, err


def test_useradd_prompts_twice_on_a_terminal(tmp_path):
    s = Server(tmp_path)
    child = pexpect.spawn(str(RELAISD), ['-c', str(s.conf), '-D',
                                         str(s.datadir), 'useradd', 'lea',
                                         '--role', 'animator'],
                          timeout=20, encoding='utf-8')
    child.expect('Password: ')
    child.sendline('motdepasse1')
    child.expect('Again: ')
    child.sendline('autrechose1')
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert 'differ' in child.before
    child = pexpect.spawn(str(RELAISD), ['-c', str(s.conf), '-D',
                                         str(s.datadir), 'useradd', 'lea',
                                         '--role', 'animator'],
                          timeout=20, encoding='utf-8')
    child.expect('Password: ')
    child.sendline('motdepasse1')
    child.expect('Again: ')
    child.sendline('motdepasse1')
    child.expect('created lea')
    child.expect(pexpect.EOF)
    # Nothing typed was echoed.
    assert 'motdepasse1' not in child.before
    rows = s.query('SELECT role FROM users WHERE handle = ?', 'lea')
    assert rows[0][0] == 'animator'
