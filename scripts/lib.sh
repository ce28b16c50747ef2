# Shared by scripts/run, scripts/test and scripts/fresh-check: dependency install and the build.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${IMP_BUILD_DIR:-$ROOT/build}"

# Every Debian 12 package the build, the app, the scripts and the tests use; see
# ../shared/ENVIRONMENT.md. The `setup` test (tests/setup) fails when something the build found
# or a test starts comes from a package that is not here (or not pulled in by one that is).
IMP_PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-l10n-tools qt6-qpa-plugins
  qtkeychain-qt6-dev libphonenumber-dev libprotobuf-dev libspdlog-dev libgtest-dev libbenchmark-dev
  libssl-dev libsqlite3-dev libgl-dev libxkbcommon-dev
  libopus-dev libopusenc-dev libopusfile-dev libogg-dev qt6-multimedia-dev
  # QML modules the app and its tests import at run time
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-window
  qml6-module-qtqml-workerscript qml6-module-qtquick-templates qml6-module-qtquick-layouts
  qml6-module-qttest qml6-module-qtquick-dialogs
  # packaging: the .deb, its checks and the desktop metadata
  dpkg-dev file fakeroot lintian appstream desktop-file-utils librsvg2-bin
  # run time and tests
  fonts-noto-cjk xvfb xauth libsecret-1-0 gnome-keyring dbus dbus-x11 python3 openssl
  prosody lua5.4 lua-unbound python3-slixmpp python3-aiohttp python3-dbus python3-gi
  # voice messages in the tests: speech to record, format conversion, an AAC peer's .m4a, and
  # a private sound server with a virtual microphone (tests/support/virtual_audio.py)
  espeak-ng sox gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-libav pulseaudio pulseaudio-utils gstreamer1.0-pulseaudio
)

# Installs what is missing. A package apt cannot get stops here, named, before any build.
imp_install_deps() {
  local missing=()
  for p in "${IMP_PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] ||
      missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || echo "warning: apt-get update failed; trying the lists already here" >&2
  local unavailable=()
  local policy
  for p in "${missing[@]}"; do
    # Read whole first: `grep -q` closing the pipe early would fail the pipeline (pipefail).
    policy="$(apt-cache policy "$p" 2>/dev/null || true)"
    [[ "$policy" == *"Candidate: "[!\(]* ]] || unavailable+=("$p")
  done
  if [ ${#unavailable[@]} -ne 0 ]; then
    echo "error: apt cannot find these required packages: ${unavailable[*]}" >&2
    echo "       (check /etc/apt/sources.list; IMpTech needs Debian 12 'bookworm' main)" >&2
    return 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    echo "error: installing failed for: ${missing[*]}" >&2
    return 1
  fi
}

# imp_build [TARGET...]: configure and build (everything when no target is named).
imp_build() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${IMP_BUILD_TYPE:-RelWithDebInfo}" \
    "${launcher[@]}" >/dev/null
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$BUILD_DIR" -j "$(nproc)" "${targets[@]}"
}
