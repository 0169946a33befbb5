#!/bin/bash
# Entry point of the PostgreSQL stand-in image (see postgres-standin.Containerfile). Runs as root, prepares PGDATA,
# then runs everything else as the postgres account.
set -euo pipefail
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }

mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 0700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    chown postgres "$pwfile"
    as_postgres initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    # The init scripts run against a server that only listens on its Unix socket, as in the official image.
    as_postgres pg_ctl --wait --silent -o "-c listen_addresses=''" start
    for script in /docker-entrypoint-initdb.d/*.sh; do
        [ -e "$script" ] || continue
        echo "running $script"
        # Like the official image: executable scripts run, the others are sourced.
        as_postgres env POSTGRES_USER="$POSTGRES_USER" bash -c 'if [ -x "$1" ]; then "$1"; else . "$1"; fi' \
            init "$script"
    done
    as_postgres pg_ctl --wait --silent -m fast stop
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups -- postgres -c listen_addresses='*'
