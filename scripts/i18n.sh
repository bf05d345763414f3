#!/usr/bin/env bash
# `make i18n`: regenerates each addon's i18n/zh_CN.po from its current source (new terms come
# with an empty msgstr to translate, removed ones go). Uses a scratch database gc_i18n.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
"$GC_ROOT/scripts/setup.sh"
"$GC_ROOT/scripts/pg.sh" start
export PATH="$GC_ROOT/node_modules/.bin:$PATH"
conf=$(gc_render_conf test)
DB=gc_i18n
if gc_db_exists "$DB"; then mode=(-u "$GC_ADDONS" --i18n-overwrite); else mode=(-i "$GC_ADDONS" --load-language=zh_CN); fi
gc_odoo -c "$conf" -d "$DB" "${mode[@]}" --stop-after-init --logfile="$GC_VAR/log/i18n.log" \
    || die "Updating the scratch database failed: see var/log/i18n.log."
for addon in ${GC_ADDONS//,/ }; do
    gc_odoo -c "$conf" -d "$DB" -l zh_CN --modules="$addon" --i18n-export="addons/$addon/i18n/zh_CN.po" \
        --stop-after-init --logfile="$GC_VAR/log/i18n.log"
    untranslated=$("$GC_VENV/bin/python" -c "import polib,sys; print(len(polib.pofile(sys.argv[1]).untranslated_entries()))" "addons/$addon/i18n/zh_CN.po")
    say "$addon: $untranslated untranslated"
done
