#!/usr/bin/env bash
# Set up SkillDesk on this machine, then open it or run the test suite.
#
#   bash bootstrap.sh run     set up, then open the application (on a virtual display if there is no screen)
#   bash bootstrap.sh test    set up, then run the whole test suite headless (what CI runs)
#   bash bootstrap.sh setup   set up only
#
# "Set up" means: the Debian/Ubuntu packages Qt, the tests and the installer need (installed
# when missing if we are root or have password-less sudo; otherwise the exact command to run
# is printed), a virtual environment in .venv, and the project installed into it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
MODE="${1:-run}"
shift || true
VENV="${SKILLDESK_VENV:-.venv}"

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# What Qt's widgets need (offscreen and on a real X display), then what only the tests and the
# installer build need. Names are Debian 12 / Ubuntu 22.04+ package names.
RUNTIME_PACKAGES=(
  libglib2.0-0 libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
)
DISPLAY_PACKAGES=(xvfb xauth)
TEST_PACKAGES=(postgresql poppler-utils zbar-tools imagemagick binutils openssl)

missing_debian_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      printf '%s ' "$pkg"
    fi
  done
}

install_system_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "Not a Debian/Ubuntu system: install Qt 6's runtime libraries (EGL, GL, xkbcommon, fontconfig, dbus, xcb-cursor), Xvfb and PostgreSQL with your package manager."
    return 0
  fi
  local wanted=("${RUNTIME_PACKAGES[@]}")
  if [ "$MODE" = "test" ]; then
    wanted+=("${DISPLAY_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
  elif [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    wanted+=("${DISPLAY_PACKAGES[@]}")
  fi
  if [ "$MODE" = "test" ] && [[ "$PYTHON" == /usr/bin/* ]]; then
    # The installer tests run PyInstaller, which needs Debian's Python as a shared library
    # (libpython3.11 on Debian 12); a machine that happens to have it hides the missing step.
    wanted+=("libpython$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
  fi
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
  fi
  local missing
  missing="$(missing_debian_packages "${wanted[@]}")"
  [ -z "$missing" ] && return 0
  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo apt-get)
    else
      die "These system packages are missing. Please run, then start this command again:
    sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing"
    fi
  fi
  say "Installing system packages: $missing"
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
}

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      PYTHON="$(command -v "$candidate")"
      return 0
    fi
  done
  die "Python 3.11 or newer is needed. On Debian/Ubuntu: sudo apt-get install -y python3 python3-venv"
}

install_python_packages() {
  local stamp="$VENV/.skilldesk-installed" want
  want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the virtual environment $VENV"
    "$PYTHON" -m venv "$VENV" || die "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install -y python3-venv"
  fi
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "Installing SkillDesk and its Python packages into $VENV (first time: a few minutes)"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[test,installer]"
  echo "$want" > "$stamp"
}

setup() {
  find_python
  install_system_packages
  install_python_packages
}

case "$MODE" in
  setup)
    setup
    say "Set up. Open SkillDesk with: $VENV/bin/skilldesk"
    ;;
  run)
    setup
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      say "No screen found: opening SkillDesk on a virtual display (Xvfb). Close it with Ctrl+C."
      exec xvfb-run -a -s "-screen 0 1280x800x24" "$VENV/bin/skilldesk" gui "$@"
    fi
    exec "$VENV/bin/skilldesk" gui "$@"
    ;;
  test)
    setup
    export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
    say "Running the test suite"
    # One worker per core (pytest-xdist); the PyInstaller bundle is still built once (file lock).
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$VENV/bin/python" -m pytest -n auto "$@"
    ;;
  *)
    die "Unknown mode '$MODE'. Use: bash bootstrap.sh run | test | setup"
    ;;
esac
