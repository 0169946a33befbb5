#!/usr/bin/env bash
# Installs what is missing, builds Fieldline (dev preset), starts a local tenant server with the demo tenant and
# then the client, whose sign-in form is filled in for it (password: agent-demo-1).
# Usage: tools/run.sh [fieldline arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target fieldline fieldline-server

port="${FIELDLINE_DEMO_PORT:-8443}"
data="${XDG_DATA_HOME:-$HOME/.local/share}/fieldline-server-demo"
log="$data/server.log"
mkdir -p "$data"

healthy() { tools/healthz.sh "$port"; }

server_pid=""
if healthy; then
    echo "A Fieldline server already answers on 127.0.0.1:$port; using it."
else
    build/dev/server/fieldline-server --demo --data "$data" --listen "127.0.0.1:$port" >"$log" 2>&1 &
    server_pid=$!
    trap 'kill "$server_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do
        healthy && break
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "fieldline-server did not start; its log ($log) says:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        sleep 0.5
    done
    healthy || { echo "fieldline-server did not answer within 60 s; see $log" >&2; exit 1; }
    echo "Demo tenant server on http://127.0.0.1:$port (log: $log). Sign in as agent / agent-demo-1."
fi

# Without a display the client says so in one line and points to the screenshot tour (docs/screenshots/).
build/dev/ui/fieldline --server "http://127.0.0.1:$port" --tenant demo --user agent "$@"
