#!/usr/bin/env bash
# Installs what is missing, builds Fieldline (dev preset) and starts the client.
# Usage: tools/run.sh [fieldline arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target fieldline
# Without a display the client says so in one line and points to the screenshot tour (docs/screenshots/).
exec build/dev/app/fieldline "$@"
