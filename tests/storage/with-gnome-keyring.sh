#!/bin/sh
# Runs a command inside a private D-Bus session that has a throwaway, unlocked GNOME keyring (Secret Service),
# so keychain tests use the real thing headless, as root, with no terminal, and never touch a real keyring.
# Usage: with-gnome-keyring.sh COMMAND [ARG...]
set -eu
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fieldline-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -m 700 "$scratch/runtime"
export HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_RUNTIME_DIR="$scratch/runtime"
# No display: nothing may try to show an unlock prompt. No desktop hints: QtKeychain then picks Secret Service.
unset DISPLAY WAYLAND_DISPLAY XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION GNOME_KEYRING_CONTROL
# --unlock reads the login keyring's password from stdin and creates that keyring when missing; it becomes
# the default collection, so storing needs no prompt. The daemon exits with the session bus.
status=0
dbus-run-session -- sh -c '
    printf "fieldline-test\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$@" || status=$?
exit "$status"
