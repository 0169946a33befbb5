#!/usr/bin/env bash
# Installs the Debian 12 packages Fieldline needs to build, test and run; does nothing when all are present.
# Works as root or through sudo. Usage: tools/install-deps.sh
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ clang ccache pkg-config git dpkg-dev file
    # libraries
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6opengl6-dev
    qt6-translations-l10n qt6-charts-dev qt6-websockets-dev qt6-httpserver-dev libqt6sql6-sqlite libqt6sql6-psql
    libsodium-dev libsqlite3-dev qtkeychain-qt6-dev libzxcvbn-dev libphonenumber-dev
    # calling hours in the called person's time: the system's time-zone database
    tzdata
    # the dialer's SIP engine (the tests run two instances on loopback)
    baresip-core
    # benchmark peer
    libsqlcipher-dev
    # tests: display, keychain, fonts for screenshots
    xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools fonts-noto-cjk
    # tests: certificates for the TLS test
    openssl
    # tests: throwaway PostgreSQL clusters (initdb, postgres) for the server's PostgreSQL backend
    postgresql
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
