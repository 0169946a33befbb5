#!/usr/bin/env bash
# Exit 0 when the fieldline-server on 127.0.0.1:PORT answers /healthz with {"status":"ok",...}, else 1.
# Plain HTTP over bash's /dev/tcp, so no curl is needed. Usage: tools/healthz.sh PORT
# The server keeps the connection open, so this reads up to the end of the JSON body ("}") with a timeout instead
# of waiting for the connection to close.
set -uo pipefail
port="${1:?usage: $0 PORT}"
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&3
IFS= read -r -t 2 -d '}' reply <&3 || true
[[ ${reply:-} == *'"status":"ok"'* ]]
