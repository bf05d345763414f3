# Production image: CPython 3.7 (Odoo 11 runs on 3.5-3.7 only) with the same pinned requirements
# that scripts/setup.sh installs here. Built and run by docker-compose.yml.
FROM python:3.7-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends wkhtmltopdf fonts-noto-cjk nodejs npm curl postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/gradient
COPY requirements/ requirements/
COPY package.json package-lock.json ./
RUN pip install --no-cache-dir "pip<24" "setuptools<68" wheel \
 && pip install --no-cache-dir -r requirements/python.txt \
 && pip install --no-cache-dir --no-deps -r requirements/odoo.txt \
 && pip install --no-cache-dir --no-deps --pre -r requirements/oca.txt \
 && npm ci --no-audit --no-fund
ENV PATH="/opt/gradient/node_modules/.bin:${PATH}"

COPY addons/ addons/
COPY scripts/odoo-bin scripts/odoo-bin
COPY config/odoo-prod.conf config/odoo-prod.conf
COPY deploy/entrypoint.sh /entrypoint.sh

RUN useradd --system --home /var/lib/odoo odoo && install -d -o odoo /var/lib/odoo /var/backups/odoo
USER odoo
EXPOSE 8069 8072
ENTRYPOINT ["/entrypoint.sh"]
