"""A prefork Odoo server (two HTTP workers) on the test database, beside the test server, for the
tests that need workers: fault recovery and the in-place restore."""
import contextlib
import os
import signal
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
# The Odoo virtualenv of scripts/common.sh (GC_VENV), .venv of the checkout by default.
PYTHON = os.path.join(os.environ.get('GC_VENV') or os.path.join(ROOT, '.venv'), 'bin', 'python')
DB = os.environ.get('GC_DB_NAME', 'gradient_test')


@contextlib.contextmanager
def prefork_server(port, log_name):
    """Runs the server on ``port`` (long polling on ``port`` + 3), logging to var/test/``log_name``,
    and stops it on leaving, whatever happened."""
    server = subprocess.Popen(
        [PYTHON, os.path.join(ROOT, 'scripts', 'odoo-bin'), '-c', os.path.join(ROOT, 'var', 'odoo-test.conf'),
         '-d', DB, '--workers=2', '--max-cron-threads=0', '--http-port=%d' % port,
         '--longpolling-port=%d' % (port + 3), '--logfile=%s' % os.path.join(ROOT, 'var', 'test', log_name)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
