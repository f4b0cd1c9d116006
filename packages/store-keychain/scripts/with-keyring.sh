#!/bin/sh
# Runs a command inside a private D-Bus session with gnome-keyring unlocked (password "pass")
# and a private temporary HOME (and XDG dirs): the keychain tests never touch a real keyring.
#
#   scripts/with-keyring.sh vitest run
#
# Needs dbus-run-session and dbus-send (Debian: dbus-daemon, dbus-bin), gnome-keyring-daemon
# (gnome-keyring) and secret-tool (libsecret-tools):
#   apt-get install -y gnome-keyring libsecret-tools dbus-x11
# Without them the command runs as it is: the keychain tests then skip with a loud message,
# or fail when CI is set.
set -eu

missing=
for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "with-keyring.sh: missing$missing (apt-get install -y gnome-keyring libsecret-tools dbus-x11): running without a keyring" >&2
  exec "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/home/.local/share" "$tmp/home/.config" "$tmp/home/.cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"
HOME="$tmp/home"
XDG_DATA_HOME="$tmp/home/.local/share"
XDG_CONFIG_HOME="$tmp/home/.config"
XDG_CACHE_HOME="$tmp/home/.cache"
XDG_RUNTIME_DIR="$tmp/runtime"
AUTH_TEST_KEYRING=1
export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR AUTH_TEST_KEYRING

status=0
dbus-run-session -- sh -c '
  printf %s pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # The daemon answers on its control socket before it owns its D-Bus name: wait for the name.
  i=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    i=$((i + 1))
    if [ "$i" -ge 250 ]; then echo "with-keyring.sh: gnome-keyring did not come up" >&2; exit 1; fi
    sleep 0.02
  done
  exec "$@"
' with-keyring "$@" || status=$?
exit "$status"
