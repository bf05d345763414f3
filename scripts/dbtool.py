"""Back up and restore a database with its filestore, in Odoo's own format (the zip the database
manager makes), from the command line: the scheduled backups and this tool share one dump.

    python dbtool.py -c CONF backup DB DEST_DIR       prints the path of the new backup
    python dbtool.py -c CONF restore FILE DB          DB must not exist
"""
import argparse
import os
import sys
from datetime import datetime

import odoo


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-c', dest='conf', required=True)
    sub = parser.add_subparsers(dest='command')
    backup = sub.add_parser('backup')
    backup.add_argument('db')
    backup.add_argument('dest')
    restore = sub.add_parser('restore')
    restore.add_argument('file')
    restore.add_argument('db')
    args = parser.parse_args()

    odoo.tools.config.parse_config(['-c', args.conf, '--logfile=/dev/null'])
    odoo.modules.module.initialize_sys_path()
    if args.command == 'backup':
        from odoo.addons.gradient_base.models.db_backup import dump_database
        os.makedirs(args.dest, exist_ok=True)
        path = os.path.join(args.dest, '%s_%s.dump.zip' % (args.db, datetime.now().strftime('%Y_%m_%d_%H_%M_%S')))
        with open(path + '.part', 'wb') as stream:
            dump_database(args.db, stream, 'zip')
        os.rename(path + '.part', path)  # a backup file exists only once it is complete
        print(path)
    elif args.command == 'restore':
        if not os.path.isfile(args.file):
            sys.exit('Backup file not found: %s' % args.file)
        if args.db in odoo.service.db.list_dbs(True):
            sys.exit('Database %s exists already: restore into a new name, or drop it first.' % args.db)
        # The restore of the back office (Settings), without the database manager's guard
        # (list_db); a failed restore drops what it made, so no half-restored database is left.
        from odoo.addons.gradient_base.models.db_backup import restore_database
        with odoo.api.Environment.manage():
            restore_database(args.db, args.file, copy=False)
        print('restored %s' % args.db)
    else:
        parser.print_help()
        sys.exit(2)


if __name__ == '__main__':
    main()
