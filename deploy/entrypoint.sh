#!/bin/sh
# Expands the environment into the production configuration (no secret is baked into the
# image), then runs Odoo. Extra arguments go to Odoo (e.g. "-i gradient_cultivation").
set -eu
: "${ODOO_MASTER_PASSWORD:?set ODOO_MASTER_PASSWORD to a long random secret}"
python -c 'import os,sys; sys.stdout.write(os.path.expandvars(open("/opt/gradient/config/odoo-prod.conf").read()))' > /var/lib/odoo/odoo.conf
chmod 600 /var/lib/odoo/odoo.conf
exec python /opt/gradient/scripts/odoo-bin -c /var/lib/odoo/odoo.conf "$@"
