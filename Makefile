# 工业企业梯度培育 / Gradient cultivation: the commands. See README.md.
.PHONY: run test lint stop shell setup logs i18n mail psql backup restore bench bench-portrait help

help:  ## list the targets
	@grep -E '^[a-z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run:  ## install what is missing, create the demo database once (FRESH=1: again), serve Odoo on :8069
	@scripts/run.sh

test:  ## lint + every test (Odoo tests of the four addons + browser tests); ADDONS=a,b: only their Odoo tests
	@ADDONS="$(ADDONS)" scripts/test.sh

lint:  ## pylint-odoo and the OCA module checks over addons/ (.pylintrc, .oca_hooks.cfg)
	@scripts/lint.sh

stop:  ## stop Odoo and the embedded PostgreSQL
	@scripts/stop.sh

shell:  ## Odoo Python shell on the demo database
	@scripts/shell.sh

setup:  ## only install what is missing (Debian packages, virtualenvs, lessc)
	@scripts/setup.sh

logs:  ## follow the Odoo log
	@tail -f var/log/odoo.log

i18n:  ## regenerate the addons' i18n/zh_CN.po from the source
	@scripts/i18n.sh

backup:  ## back up the database and filestore into var/backups (DB=, DEST= to change)
	@scripts/backup.sh

restore:  ## restore a backup: make restore FILE=var/backups/<name>.dump.zip [DB=name] [FORCE=1]
	@scripts/restore.sh

mail:  ## show the last mails Odoo sent in development (the local SMTP server's var/mail/dev); N=20 for more
	@scripts/mail.sh show dev $(or $(N),10)

psql:  ## psql on the demo database
	@bash -c 'source scripts/common.sh && gc_psql -d "$$GC_DB"'

bench:  ## load benchmark: realistic and saturation scenarios with Locust behind nginx (BENCH_FRESH=1 rebuilds its databases)
	@scripts/bench.sh

bench-portrait:  ## time the batch portrait evaluation of 10,000 enterprises x 20 indicators (on the test database)
	@bash -c 'source scripts/common.sh && scripts/pg.sh start >/dev/null && "$$GC_VENV/bin/python" scripts/bench_portrait.py -c "$$(gc_render_conf test)" -d "$$GC_TEST_DB"'
