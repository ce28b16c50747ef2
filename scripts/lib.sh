# Shared by scripts/run and scripts/test: dependency install and the build.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${IMP_BUILD_DIR:-$ROOT/build}"

# Debian 12 packages; see ../shared/ENVIRONMENT.md.
IMP_PACKAGES=(
  cmake ninja-build g++ pkg-config qt6-base-dev qt6-declarative-dev qt6-tools-dev
  qt6-l10n-tools qt6-qpa-plugins qml6-module-qtquick qml6-module-qtquick-controls
  qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qttest qtkeychain-qt6-dev libspdlog-dev libgtest-dev
  libssl-dev libsqlite3-dev libgl-dev libxkbcommon-dev fonts-noto-cjk xvfb xauth
  libsecret-1-0 gnome-keyring dbus dbus-x11 python3 openssl prosody lua-unbound
  python3-slixmpp python3-aiohttp
)

imp_install_deps() {
  local missing=()
  for p in "${IMP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# imp_build [TARGET...]: configure and build (everything when no target is named).
imp_build() {
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${IMP_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$BUILD_DIR" -j "$(nproc)" "${targets[@]}"
}
