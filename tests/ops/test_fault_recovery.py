"""Faults a production server survives: Odoo in prefork mode (workers) loses a worker, and
PostgreSQL restarts. Runs last in the suite (OPS_ORDER in conftest.py): it stops and starts the test database server."""
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

import requests

from .prefork import ROOT, prefork_server

# Beside the test server's port, so that two checkouts testing at once do not collide.
PORT = int(os.environ.get('GC_FAULT_HTTP_PORT') or int(os.environ.get('GC_TEST_HTTP_PORT', '8169')) + 7)
URL = 'http://127.0.0.1:%d/web/login' % PORT


def get(url=URL, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode('utf-8', 'replace')
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode('utf-8', 'replace')
    except (urllib.error.URLError, ConnectionError, OSError):
        return None, ''


def wait_ok(seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        status, _body = get()
        if status == 200:
            return True
        time.sleep(0.5)
    return False


def workers(master):
    out = subprocess.run(['pgrep', '-P', str(master)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in out]


def pg(action):
    subprocess.run(['bash', os.path.join(ROOT, 'scripts', 'pg.sh'), action], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)


def signed_in(base, login):
    """A requests session of ``login`` (password = login, no second factor) on the server at ``base``."""
    session = requests.Session()
    page = session.get(base + '/web/login', timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = session.post(base + '/web/login', data={'login': login, 'password': login, 'csrf_token': token,
                                                       'redirect': '/my'}, timeout=30, allow_redirects=False)
    assert response.status_code in (302, 303) or 'window.location' in response.text, response.status_code
    return session


def test_prefork_server_survives_a_killed_worker_and_a_database_restart():
    with prefork_server(PORT, 'odoo-prefork.log') as server:
        assert wait_ok(90), 'the prefork server did not start'
        before = workers(server.pid)
        assert len(before) >= 2, before  # two HTTP workers (and the long-polling process)

        # 1. a worker dies: the master replaces it, and the next requests succeed
        os.kill(before[0], signal.SIGKILL)
        statuses = [get()[0] for _ in range(6)]
        assert statuses[-1] == 200 and statuses.count(200) >= 5, statuses
        time.sleep(3)
        assert before[0] not in workers(server.pid) and len(workers(server.pid)) >= len(before)

        # 2. PostgreSQL goes down: requests fail cleanly, in Chinese (issue 19: werkzeug's bare
        #    English "Internal Server Error" was every page), and the signed-in user stays signed in
        base = 'http://127.0.0.1:%d' % PORT
        user = signed_in(base, 'enterprise')
        assert user.get(base + '/my', timeout=30, allow_redirects=False).status_code == 200
        pg('stop')
        try:
            status, body = get()
            assert status == 503, status
            assert 'Traceback' not in body and 'psycopg2' not in body
            assert '服务暂时不可用' in body and 'Internal Server Error' not in body, body[:300]
            page = user.get(base + '/my', timeout=30, allow_redirects=False)
            assert page.status_code == 503 and page.headers.get('Retry-After') == '30', page.status_code
            assert '服务暂时不可用' in page.text
            call = user.post(base + '/web/dataset/call_kw', json={
                'jsonrpc': '2.0', 'method': 'call', 'params': {
                    'model': 'cultivation.application', 'method': 'search', 'args': [[]], 'kwargs': {}}}, timeout=30)
            assert call.status_code == 503 and call.json()['error']['message'] == '服务暂时不可用', call.text[:300]
        finally:
            pg('start')
        # ... and work again once it is back, the user still signed in
        assert wait_ok(60), 'the server did not recover after PostgreSQL came back'
        assert [get()[0] for _ in range(4)] == [200] * 4
        page = user.get(base + '/my', timeout=30, allow_redirects=False)
        assert page.status_code == 200, (page.status_code, page.headers.get('Location'))
