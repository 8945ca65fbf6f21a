#!/usr/bin/env bash
# A backup of the portal's PostgreSQL database in pg_dump's custom format (docs/operations.md, "Backups").
#   db/ops/backup.sh [FILE]            FILE defaults to fritidsportal-<UTC time>.dump
# Connects with MIGRATION_DATABASE_URL (the owner) when set, else DATABASE_URL. Owners and grants are left
# out: a restore is made by whichever role restores it, and the portal grants its application role again
# at its first start (db/roles.ts). The dump holds personal data, encrypted where the schema says so;
# it is useless without ENCRYPTION_KEYS, so keep the keys safe and apart from the dumps.
set -euo pipefail
url="${MIGRATION_DATABASE_URL:-${DATABASE_URL:-}}"
if [[ -z "$url" ]]; then
  echo "backup: set DATABASE_URL (or MIGRATION_DATABASE_URL) to the portal's database" >&2
  exit 2
fi
out="${1:-fritidsportal-$(date -u +%Y%m%dT%H%M%SZ).dump}"
# Written beside the target first, then renamed: a backup that failed half-way never looks complete.
pg_dump --format=custom --no-owner --no-privileges --file "$out.partial" "$url"
mv "$out.partial" "$out"
echo "backup: wrote $out ($(du -h "$out" | cut -f1))"
