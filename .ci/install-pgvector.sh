#!/usr/bin/env bash
# Builds pgvector from Debian's source package of the next release (bookworm has no binary
# package) against the installed PostgreSQL major, then makes sure the cluster is running.
set -euo pipefail

major=$(ls /etc/postgresql | sort -n | tail -1)
pg_config="/usr/lib/postgresql/${major}/bin/pg_config"

ensure_running() {
  pg_ctlcluster --skip-systemctl-redirect "$major" main start 2>/dev/null || true
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  echo "PostgreSQL ${major} did not come up on 127.0.0.1:5432" >&2
  return 1
}

if [ -f "$("$pg_config" --sharedir)/extension/vector.control" ]; then
  echo "pgvector already installed for PostgreSQL ${major}"
  ensure_running
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
src_list=/etc/apt/sources.list.d/trixie-src.sources
if [ ! -f "$src_list" ]; then
  # Same mirror and keyring as the system's own entry, as a deb-src for the next release.
  awk 'BEGIN{RS=""; ORS="\n\n"} /Suites:[^\n]*bookworm( |$|\n)/ && !/security/ {print; exit}' \
    /etc/apt/sources.list.d/debian.sources \
    | sed -e 's/^Types:.*/Types: deb-src/' -e 's/^Suites:.*/Suites: trixie/' > "$src_list"
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends build-essential "postgresql-server-dev-${major}" dpkg-dev >/dev/null

work=$(mktemp -d)
(cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1)
src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
make -s -C "$src" PG_CONFIG="$pg_config" OPTFLAGS="" >/dev/null
make -s -C "$src" PG_CONFIG="$pg_config" install >/dev/null
rm -rf "$work"
echo "pgvector built and installed for PostgreSQL ${major}"
ensure_running
