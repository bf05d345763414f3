"""CPU time used by each part of the benchmark while a scenario runs, read from /proc.

The locustfile calls ``start`` once every user has started (when the statistics are reset) and
``stop`` when the run ends, so the figures cover the same requests as the statistics.

Parts: the Odoo server of the benchmark (master and workers), PostgreSQL backends of the
benchmark database, nginx, Locust and everything else on the machine. A scenario's requests
divided into these seconds give the CPU cost of a request, and so the most a machine can serve."""
import os
import time

HZ = os.sysconf('SC_CLK_TCK')


def part(cmdline, db):
    if 'odoo-bench.conf' in cmdline:
        return 'odoo'
    if cmdline.startswith('postgres:') and (' %s ' % db) in cmdline:
        return 'postgresql'
    if 'nginx' in cmdline:
        return 'nginx'
    if 'locust' in cmdline:
        return 'locust'
    return 'other'


def snapshot(db):
    seen = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                cmdline = f.read().replace(b'\0', b' ').decode('utf-8', 'replace')
            with open('/proc/%s/stat' % pid) as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except (IOError, OSError):
            continue  # the process ended meanwhile
        # utime + stime (a worker Odoo replaces during a run takes its time with it: rare)
        seconds = (int(fields[11]) + int(fields[12])) / HZ
        seen[pid] = (part(cmdline, db), seconds)
    return seen


def start(db):
    return {'time': time.time(), 'processes': snapshot(db)}


def stop(before, db):
    """The CPU seconds of each part since ``before`` (made by ``start``), and the wall time."""
    totals = {'odoo': 0.0, 'postgresql': 0.0, 'nginx': 0.0, 'locust': 0.0, 'other': 0.0}
    for pid, (name, seconds) in snapshot(db).items():
        totals[name] += seconds - before['processes'].get(pid, (name, 0.0))[1]
    totals = {name: round(max(seconds, 0.0), 1) for name, seconds in totals.items()}
    totals['wall'] = round(time.time() - before['time'], 1)
    return totals

