"""Drive a real relaisd for the integration tests.

Server starts relaisd on a free loopback port with its own configuration
file and data directory, and stops it by its PID. Term is a member at a
terminal: a paramiko SSH session with a pty whose output is fed into a
pyte screen, so tests read what a person would see. Every wait is bounded.
"""
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import paramiko
import pyte

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get('RELAIS_BUILD', ROOT / 'build'))
RELAISD = BUILD / 'relaisd'

KEYS = {
    'enter': '\r', 'esc': '\x1b', 'tab': '\t', 'backspace': '\x7f',
    'up': '\x1b[A', 'down': '\x1b[B', 'right': '\x1b[C', 'left': '\x1b[D',
    'home': '\x1b[H', 'end': '\x1b[F', 'pgup': '\x1b[5~',
    'pgdn': '\x1b[6~', 'ctrl-l': '\x0c',
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workdir, registration='approval', language='fr',
                 extra=''):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.datadir = self.workdir / 'var'
        self.port = free_port()
        self.conf = self.workdir / 'relais.conf'
        self.log = self.workdir / 'relaisd.log'
        self.conf.write_text(
            'listen = ( { address = "127.0.0.1"; port = %d; } );\n'
            'registration = "%s";\n'
            'language = "%s";\n'
            'bbs_name = "Relais Test";\n%s\n'
            % (self.port, registration, language, extra))
        self.proc = None
        self.stdout = ''

    def cmd(self, *args, input=None, check=True):
        """Run a relaisd command (not serve) on this server's data."""
        return subprocess.run(
            [str(RELAISD), '-c', str(self.conf), '-D', str(self.datadir)]
            + list(args), input=input, capture_output=True, text=True,
            timeout=60, check=check)

    def start(self):
        logf = open(self.log, 'ab')
        self.proc = subprocess.Popen(
            [str(RELAISD), '-c', str(self.conf), '-D', str(self.datadir),
             'serve'], stdout=subprocess.PIPE, stderr=logf,
            stdin=subprocess.DEVNULL, text=True)
        logf.close()
        # Wait for the "is listening" line rather than probing the port,
        # so that no extra connection counts against the limits.
        deadline = time.monotonic() + 15
        self.stdout = ''
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready:
                line = self.proc.stdout.readline()
                self.stdout += line
                if ' is listening on ' in line:
                    return self
            if self.proc.poll() is not None:
                raise AssertionError('relaisd exited %d: %s' % (
                    self.proc.returncode, self.log.read_text()))
        raise AssertionError('relaisd did not start listening')

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.stdout += self.proc.stdout.read()
        self.proc.stdout.close()
        self.proc = None

    def useradd(self, handle, password, role='member'):
        return self.cmd('useradd', handle, '--role', role,
                        input=password + '\n')

    def db(self):
        con = sqlite3.connect(str(self.datadir / 'relais.db'), timeout=10)
        con.row_factory = sqlite3.Row
        return con

    def query(self, sql, *params):
        con = self.db()
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def hostkey_fingerprint(self):
        """SHA256 fingerprint of the host key, as plink wants it."""
        pub = subprocess.run(
            ['ssh-keygen', '-y', '-f',
             str(self.datadir / 'ssh_host_ed25519_key')],
            capture_output=True, text=True, check=True).stdout
        path = self.workdir / 'hostkey.pub'
        path.write_text(pub)
        out = subprocess.run(['ssh-keygen', '-l', '-f', str(path)],
                             capture_output=True, text=True,
                             check=True).stdout
        return out.split()[1]

    def log_text(self):
        return self.log.read_text(errors='replace')


def make_key(path):
    """An ed25519 key pair for OpenSSH (path, path.pub)."""
    path = Path(path)
    subprocess.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C',
                    'test key', '-f', str(path)], check=True)
    return path


def connect(server, user, password=None, key=None, timeout=10):
    """An authenticated paramiko Transport (none, password or key)."""
    sock = socket.create_connection(('127.0.0.1', server.port),
                                    timeout=timeout)
    t = paramiko.Transport(sock)
    t.start_client(timeout=timeout)
    if key is not None:
        pkey = paramiko.Ed25519Key.from_private_key_file(str(key))
        t.auth_publickey(user, pkey)
    elif password is not None:
        t.auth_password(user, password)
    else:
        t.auth_none(user)
    return t


class Term:
    """A member at an 80x24 (or other) terminal, seen through pyte."""

    def __init__(self, server, user, password=None, key=None, cols=80,
                 rows=24, term='xterm', env=None):
        self.transport = connect(server, user, password, key)
        self.chan = self.transport.open_session()
        self.chan.get_pty(term=term, width=cols, height=rows)
        for name, value in (env or {}).items():
            self.chan.set_environment_variable(name, value)
        self.chan.invoke_shell()
        self.chan.settimeout(0.0)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def pump(self, wait=0.05):
        """Read whatever has arrived; True if anything did."""
        got = False
        deadline = time.monotonic() + wait
        while True:
            try:
                data = self.chan.recv(65536)
            except socket.timeout:
                data = None
            if data:
                self.raw += data
                self.stream.feed(data)
                got = True
                continue
            if data == b'' or time.monotonic() >= deadline:
                return got
            time.sleep(0.01)

    def text(self):
        return '\n'.join(line.rstrip() for line in self.screen.display)

    def wait(self, pattern, timeout=10):
        """Wait until pattern (a regex) shows on the screen."""
        rx = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            m = rx.search(self.text())
            if m:
                return m
            if time.monotonic() >= deadline:
                raise AssertionError('timed out waiting for %r; screen:\n%s'
                                     % (pattern, self.text()))

    def wait_gone(self, pattern, timeout=10):
        rx = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            if not rx.search(self.text()):
                return
            if time.monotonic() >= deadline:
                raise AssertionError('%r still shown; screen:\n%s'
                                     % (pattern, self.text()))

    def settle(self, quiet=0.3, timeout=10):
        """Wait until no output has arrived for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.pump(quiet):
                return
        raise AssertionError('output never settled')

    def send(self, text):
        self.chan.sendall(text.encode('utf-8'))

    def key(self, *names):
        for name in names:
            self.send(KEYS.get(name, name))

    def line(self, text):
        """Type text and press Enter."""
        self.send(text + '\r')

    def resize(self, cols, rows):
        self.chan.resize_pty(width=cols, height=rows)
        self.screen.resize(rows, cols)

    def wait_exit(self, timeout=10):
        """Wait for the server to end the session; its exit status."""
        deadline = time.monotonic() + timeout
        while not self.chan.exit_status_ready():
            self.pump()
            if time.monotonic() >= deadline:
                raise AssertionError('session did not end; screen:\n%s'
                                     % self.text())
        return self.chan.recv_exit_status()

    def close(self):
        try:
            self.chan.close()
        finally:
            self.transport.close()


def exec_paramiko(server, user, command, password=None, key=None,
                  stdin=b'', timeout=20):
    """Run an exec command; (exit status, stdout, stderr)."""
    t = connect(server, user, password, key)
    try:
        chan = t.open_session()
        chan.settimeout(timeout)
        chan.exec_command(command)
        if stdin:
            chan.sendall(stdin)
        chan.shutdown_write()
        out, err = bytearray(), bytearray()
        deadline = time.monotonic() + timeout
        while True:
            while chan.recv_ready():
                out += chan.recv(65536)
            while chan.recv_stderr_ready():
                err += chan.recv_stderr(65536)
            if chan.exit_status_ready() and not chan.recv_ready() \
                    and not chan.recv_stderr_ready():
                break
            if time.monotonic() >= deadline:
                raise AssertionError('exec %r did not finish' % command)
            time.sleep(0.01)
        return chan.recv_exit_status(), bytes(out), bytes(err)
    finally:
        t.close()


def openssh_args(server, key=None):
    args = ['ssh', '-F', '/dev/null', '-p', str(server.port),
            '-o', 'StrictHostKeyChecking=no',
            '-o', 'UserKnownHostsFile=/dev/null',
            '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=10']
    if key is not None:
        args += ['-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes',
                 '-i', str(key)]
    return args
