"""Runs Odoo with --test-enable and counts what unittest itself reports.

Odoo 11 prints no total of the tests it ran, so this wraps its command line: every
TextTestRunner Odoo creates gets a result class that counts each test's outcome, and a
logging handler counts ERROR records logged outside any test (a module that fails to load,
a broken view). At exit the counts are written as JSON to the path in GC_TEST_RESULTS.

    python odoo_test_runner.py ODOO-ARGS...
"""
import atexit
import json
import logging
import os
import unittest

import odoo.cli
from odoo.modules import module as odoo_module

RESULTS = {'passed': 0, 'failed': 0, 'skipped': 0, 'problems': []}


class CountingResult(unittest.TextTestResult):
    def addSuccess(self, test):
        super().addSuccess(test)
        RESULTS['passed'] += 1

    def addFailure(self, test, err):
        super().addFailure(test, err)
        RESULTS['failed'] += 1
        RESULTS['problems'].append('FAIL: %s' % test)

    def addError(self, test, err):
        super().addError(test, err)
        RESULTS['failed'] += 1
        RESULTS['problems'].append('ERROR: %s' % test)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        RESULTS['skipped'] += 1
        RESULTS['problems'].append('SKIPPED: %s (%s)' % (test, reason))

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        RESULTS['passed'] += 1

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        RESULTS['failed'] += 1
        RESULTS['problems'].append('UNEXPECTED SUCCESS: %s' % test)


class CountingRunner(unittest.TextTestRunner):
    resultclass = CountingResult


class OutsideTestErrors(logging.Handler):
    """Errors logged while no test runs mean the modules themselves are broken."""

    def __init__(self):
        super().__init__(level=logging.ERROR)

    def emit(self, record):
        # Odoo's own summary of failed tests is not a failure of its own.
        if record.getMessage().startswith('At least one test failed'):
            return
        if odoo_module.current_test is None:
            RESULTS['failed'] += 1
            RESULTS['problems'].append('LOGGED ERROR: %s: %s' % (record.name, record.getMessage()[:300]))


def _write_results():
    path = os.environ.get('GC_TEST_RESULTS')
    if path:
        with open(path, 'w') as f:
            json.dump(RESULTS, f, indent=1)


if __name__ == '__main__':
    unittest.TextTestRunner = CountingRunner
    # Odoo configures logging itself; the handler goes on the root logger after that.
    _init_logger = odoo.netsvc.init_logger

    def init_logger():
        _init_logger()
        logging.getLogger().addHandler(OutsideTestErrors())
    odoo.netsvc.init_logger = init_logger
    atexit.register(_write_results)
    odoo.cli.main()
