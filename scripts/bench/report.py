"""Prints the benchmark table from Locust's CSV statistics: requests per second, p50/p95/p99
per operation, failures, and each of our operations against its stock counterpart.

    report.py var/bench  (reads the *_stats.csv of each scenario and the *_logins.json with its CPU)"""
import csv
import json
import os
import sys

CORES = os.cpu_count() or 1

PAIRS = {  # our operation -> the stock operation it is compared with
    'ours: back-office application list': 'stock: back-office contact list',
    'ours: back-office application form': 'stock: back-office contact form',
    'ours: back-office library pivot': 'stock: back-office contact list',
    'ours: back-office approve/return': 'stock: back-office contact form',
    'ours: back-office member search': 'stock: back-office contact list',
    'ours: portal applications list': 'stock: portal /my/home',
    'ours: portal application page': 'stock: portal /my/home',
    'ours: portal reports list': 'stock: portal /my/home',
    'ours: portal report form': 'stock: portal /my/home',
    'ours: portal report save': 'stock: portal /my/home',
    'ours: portal report submit': 'stock: portal /my/home',
}
GOAL_MS = {'ours: back-office Excel roster': 1000}


def read(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {row['Name']: row for row in csv.DictReader(f)}


def num(row, key):
    try:
        return float(row.get(key) or 0)
    except ValueError:
        return 0.0


def table(title, rows, goal_p95=None):
    lines = ['', '### ' + title, '',
             '| operation | requests | failed | req/s | p50 ms | p95 ms | p99 ms | p95 vs stock | goal |',
             '|---|---:|---:|---:|---:|---:|---:|---:|---|']
    failures = 0
    for name in sorted(n for n in rows if n != 'Aggregated'):
        row = rows[name]
        stock = rows.get(PAIRS.get(name, ''), {})
        ratio = '%.2f×' % (num(row, '95%') / num(stock, '95%')) if stock and num(stock, '95%') else ''
        goal = ''
        if goal_p95 is not None and name.startswith('ours:'):
            limit = GOAL_MS.get(name, goal_p95)
            goal = ('ok ≤ %d' if num(row, '95%') <= limit else 'MISSED > %d') % limit
        failures += int(num(row, 'Failure Count'))
        lines.append('| %s | %d | %d | %.1f | %d | %d | %d | %s | %s |' % (
            name, num(row, 'Request Count'), num(row, 'Failure Count'), num(row, 'Requests/s'),
            num(row, '50%'), num(row, '95%'), num(row, '99%'), ratio, goal))
    total = rows.get('Aggregated', {})
    lines.append('| **all** | %d | %d | %.1f | %d | %d | %d | | |' % (
        num(total, 'Request Count'), num(total, 'Failure Count'), num(total, 'Requests/s'),
        num(total, '50%'), num(total, '95%'), num(total, '99%')))
    return lines, failures


def main(folder):
    out = []
    realistic = read(os.path.join(folder, 'realistic_stats.csv'))
    saturation = read(os.path.join(folder, 'saturation_stats.csv'))
    lines, failed_r = table('Realistic: 100 users, 1–3 s think time, 2,000 idle sessions alive', realistic, goal_p95=300)
    out += lines
    lines, failed_s = table('Saturation: 100 users, no think time', saturation)
    out += lines
    control = read(os.path.join(folder, 'control_stats.csv'))
    stats = {'realistic': realistic, 'saturation': saturation, 'control': control}
    if control:
        lines, _failed = table('Control: the same 100 users, 1–3 s think time, stock operations only '
                               '(no idle sessions)', control, goal_p95=300)
        out += lines
    steps = sorted(int(name[5:-10]) for name in os.listdir(folder)
                   if name.startswith('step_') and name.endswith('_stats.csv'))
    if steps:
        out += ['', '### Capacity: the realistic mix at fewer users (1–3 s think time, no idle sessions)', '',
                '| users | req/s | p50 ms | p95 ms | p99 ms | failed | slowest operation (p95) | '
                'every operation within its goal |', '|---:|---:|---:|---:|---:|---:|---|---|']
        for users in steps:
            rows = read(os.path.join(folder, 'step_%d_stats.csv' % users))
            total = rows.get('Aggregated', {})
            measured = {n: r for n, r in rows.items() if n != 'Aggregated' and not n.startswith('login:')}
            if not measured:
                continue
            slowest = max(measured, key=lambda n: num(measured[n], '95%'))
            within = all(num(r, '95%') <= GOAL_MS.get(n, 300) for n, r in measured.items())
            out.append('| %d | %.1f | %d | %d | %d | %d | %s (%d ms) | %s |' % (
                users, num(total, 'Requests/s'), num(total, '50%'), num(total, '95%'), num(total, '99%'),
                num(total, 'Failure Count'), slowest, num(measured[slowest], '95%'), 'yes' if within else 'no'))
            stats['step_%d' % users] = rows
    ours = read(os.path.join(folder, 'probe_ours_stats.csv')).get('ours: back-office application list', {})
    stock = read(os.path.join(folder, 'probe_stock_stats.csv')).get('stock: back-office contact list', {})
    if ours and stock:
        ratio = num(ours, 'Requests/s') / num(stock, 'Requests/s') if num(stock, 'Requests/s') else 0
        out += ['', '### Saturation throughput, each list alone (50 users, no think time)', '',
                '| list | req/s | p50 ms | p95 ms | failed |', '|---|---:|---:|---:|---:|',
                '| ours: application list | %.1f | %d | %d | %d |' % (num(ours, 'Requests/s'), num(ours, '50%'),
                                                                    num(ours, '95%'), num(ours, 'Failure Count')),
                '| stock: contact list | %.1f | %d | %d | %d |' % (num(stock, 'Requests/s'), num(stock, '50%'),
                                                                  num(stock, '95%'), num(stock, 'Failure Count')),
                '', 'ours / stock throughput: **%.0f %%** (goal ≥ 50 %%)' % (ratio * 100)]
    portrait = os.path.join(folder, 'portrait.txt')
    if os.path.exists(portrait):
        out += ['', '### Batch portrait evaluation', '', '```', open(portrait).read().strip(), '```']
    logins, cpu_lines = [], []
    for name in ['realistic', 'saturation', 'control'] + ['step_%d' % u for u in steps] + ['probe_ours', 'probe_stock']:
        path = os.path.join(folder, '%s_logins.json' % name)
        if not os.path.exists(path):
            continue
        data = json.load(open(path))
        logins.append('%s %d/%d' % (name, data['attempted'] - data['failed'], data['attempted']))
        failed_r += data['failed'] if name == 'realistic' else 0
        failed_s += data['failed'] if name == 'saturation' else 0
        cpu, requests = data.get('cpu'), num(stats.get(name, {}).get('Aggregated', {}), 'Request Count')
        if cpu and requests:
            busy = sum(cpu[part] for part in ('odoo', 'postgresql', 'nginx', 'locust'))
            cpu_lines.append('| %s | %.0f | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f |' % (
                name, cpu['wall'], requests, 1000 * cpu['odoo'] / requests, 1000 * cpu['postgresql'] / requests,
                1000 * cpu['nginx'] / requests, 1000 * cpu['locust'] / requests, 1000 * busy / requests,
                100 * busy / (cpu['wall'] * CORES), cpu['other']))
    if cpu_lines:
        out += ['', '### CPU per request (measured part of each scenario, %d cores)' % CORES, '',
                '| scenario | seconds | requests | Odoo ms | PostgreSQL ms | nginx ms | Locust ms | all ms | '
                'machine busy % | other processes s |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'] + cpu_lines
    out += ['', 'logins that succeeded: ' + ', '.join(logins),
            'failed requests (logins included): realistic %d, saturation %d' % (failed_r, failed_s)]
    text = '\n'.join(out) + '\n'
    with open(os.path.join(folder, 'results.md'), 'w') as f:
        f.write(text)
    print(text)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'var/bench')
