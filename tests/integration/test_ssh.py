"""The SSH side: authentication, keys, exec commands, limits, clients."""
import socket
import subprocess
import time

import paramiko
import pexpect
import pytest

from relaistest import (connect, exec_paramiko, make_key, openssh_args,
                        Term)


def auth_fails(server, user, password):
    t0 = time.monotonic()
    with pytest.raises(paramiko.AuthenticationException) as e:
        connect(server, user, password=password)
    return time.monotonic() - t0, str(e.value)


def test_wrong_password_and_unknown_user_look_the_same(server):
    server.useradd('marie', 'bonjour123')
    t_wrong, msg_wrong = auth_fails(server, 'marie', 'mauvais123')
    t_unknown, msg_unknown = auth_fails(server, 'personne', 'mauvais123')
    assert msg_wrong == msg_unknown
    # Same work on both paths (argon2id + the failure delay).
    assert abs(t_wrong - t_unknown) < 0.25, (t_wrong, t_unknown)
    rows = server.query('SELECT handle, ok FROM login_log ORDER BY id')
    assert [tuple(r) for r in rows] == [('marie', 0), ('personne', 0)]


def test_max_auth_tries_disconnects(server):
    server.useradd('marie', 'bonjour123')
    sock = socket.create_connection(('127.0.0.1', server.port), timeout=10)
    t = paramiko.Transport(sock)
    t.start_client(timeout=10)
    attempts = 0
    with pytest.raises((paramiko.SSHException, EOFError, OSError)):
        for attempts in range(1, 7):
            try:
                t.auth_password('marie', 'mauvais%d' % attempts)
            except paramiko.AuthenticationException:
                pass
    t.close()
    # The server checked exactly 3 guesses (the default max_auth_tries)
    # and closed the connection; a request already on its way when the
    # limit was reached may be refused unchecked.
    assert attempts in (4, 5)
    rows = server.query('SELECT ok FROM login_log')
    assert [r[0] for r in rows] == [0, 0, 0]


def test_password_login_with_openssh_client(server):
    server.useradd('marie', 'bonjour123')
    child = pexpect.spawn(' '.join(openssh_args(server) + [
        '-t', 'marie@127.0.0.1']), env={'TERM': 'xterm', 'PATH':
                                         '/usr/bin:/bin'},
        dimensions=(24, 80), timeout=15)
    try:
        child.expect('password:')
        child.sendline('bonjour123')
        child.expect('Menu principal')
    finally:
        child.terminate(force=True)


def test_key_added_by_exec_then_key_login(server, tmp_path):
    server.useradd('marie', 'bonjour123')
    key = make_key(tmp_path / 'id_ed25519')
    pub = (tmp_path / 'id_ed25519.pub').read_bytes()
    status, out, err = exec_paramiko(server, 'marie', 'keys add',
                                     password='bonjour123', stdin=pub)
    assert status == 0, err
    assert b'SHA256:' in out
    # OpenSSH's own client, key only, batch mode.
    r = subprocess.run(openssh_args(server, key) + [
        'marie@127.0.0.1', 'keys', 'list'], capture_output=True,
        timeout=30)
    assert r.returncode == 0, r.stderr
    assert b'ssh-ed25519' in r.stdout and b'test key' in r.stdout
    # Adding it again is refused with a reason and a non-zero status.
    status, out, err = exec_paramiko(server, 'marie', 'keys add', key=key,
                                     stdin=pub)
    assert status == 1 and 'déjà enregistrée'.encode() in err
    # A key that is not registered does not open the account.
    other = make_key(tmp_path / 'other')
    r = subprocess.run(openssh_args(server, other) + [
        'marie@127.0.0.1', 'keys', 'list'], capture_output=True,
        timeout=30)
    assert r.returncode == 255
    # Garbage is refused.
    status, out, err = exec_paramiko(server, 'marie', 'keys add', key=key,
                                     stdin=b'ssh-ed25519 AAAAnotbase64 x\n')
    assert status == 1 and b'OpenSSH' in err and b'ligne 1' in err


def test_plink_password_exec(server):
    server.useradd('marie', 'bonjour123')
    r = subprocess.run(['plink', '-ssh', '-batch', '-P', str(server.port),
                        '-hostkey', server.hostkey_fingerprint(),
                        '-pw', 'bonjour123', 'marie@127.0.0.1', 'help'],
                       capture_output=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    assert b'keys' in r.stdout


def test_exec_errors(server):
    server.useradd('marie', 'bonjour123')
    status, out, err = exec_paramiko(server, 'marie', 'frobnicate',
                                     password='bonjour123')
    assert status == 1 and b'commande inconnue' in err
    # Quotes are ordinary characters on the server side.
    status, out, err = exec_paramiko(server, 'marie', 'keys "list"',
                                     password='bonjour123')
    assert status == 2 and b'keys add | keys list' in err
    # scp's legacy protocol is not a shell either.
    status, out, err = exec_paramiko(server, 'marie', 'scp -f /etc/passwd',
                                     password='bonjour123')
    assert status == 1 and out == b''
    # Registration names cannot run commands.
    status, out, err = exec_paramiko(server, 'new', 'help')
    assert status == 1 and b'ssh -p %d ' % server.port in err


def test_shell_without_pty_is_refused(server):
    server.useradd('marie', 'bonjour123')
    t = connect(server, 'marie', password='bonjour123')
    try:
        chan = t.open_session()
        chan.settimeout(10)
        chan.invoke_shell()
        status = chan.recv_exit_status()
        err = chan.recv_stderr(4096)
        assert status == 1 and b'ssh -t' in err
    finally:
        t.close()


def test_sessions_per_account_limit(make_server):
    s = make_server(extra='limits = { max_per_account = 1; };').start()
    s.useradd('marie', 'bonjour123')
    first = Term(s, 'marie', password='bonjour123')
    try:
        first.wait('Menu principal')
        status, out, err = exec_paramiko(s, 'marie', 'help',
                                         password='bonjour123')
        assert status == 1 and 'a déjà 1 session ouverte'.encode() in err
    finally:
        first.close()
    # Once the first session has gone, the account may log in again.
    deadline = time.monotonic() + 10
    while True:
        status, out, err = exec_paramiko(s, 'marie', 'help',
                                         password='bonjour123')
        if status == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 0, err


def test_sessions_per_address_limit(make_server):
    s = make_server(extra='limits = { max_per_address = 2; };').start()
    held = [socket.create_connection(('127.0.0.1', s.port), timeout=5)
            for _ in range(2)]
    try:
        for h in held:
            assert h.recv(64).startswith(b'SSH-2.0-relais')
        third = socket.create_connection(('127.0.0.1', s.port), timeout=5)
        third.settimeout(5)
        assert third.recv(64) == b''       # closed at once
        third.close()
    finally:
        for h in held:
            h.close()


def test_idle_preauth_connection_is_dropped(make_server):
    s = make_server(extra='limits = { login_grace = 5; };').start()
    sock = socket.create_connection(('127.0.0.1', s.port), timeout=15)
    sock.settimeout(15)
    t0 = time.monotonic()
    data = sock.recv(256)
    assert data.startswith(b'SSH-2.0-relais')
    while data:
        data = sock.recv(256)
    assert time.monotonic() - t0 < 12
    sock.close()


def test_compression_offered(server):
    server.useradd('marie', 'bonjour123')
    r = subprocess.run(openssh_args(server) + [
        '-v', '-C', '-o', 'BatchMode=yes', '-o',
        'PreferredAuthentications=none', 'marie@127.0.0.1', 'true'],
        capture_output=True, text=True, timeout=30)
    assert 'compression: zlib@openssh.com' in r.stderr


def test_sftp_subsystem_not_yet_served(server):
    server.useradd('marie', 'bonjour123')
    t = connect(server, 'marie', password='bonjour123')
    try:
        with pytest.raises(paramiko.SSHException):
            paramiko.SFTPClient.from_transport(t)
    finally:
        t.close()
