#!/usr/bin/env bash
# Installs what Parley needs to build, run and test, when it is missing.
# Debian/Ubuntu: installs the packages with apt-get (through sudo when not root).
# Elsewhere: prints exactly what to install and exits non-zero.
# Usage: .ci/deps.sh build|test|figures|package
set -euo pipefail
want=${1:-build}

# Fyne's GLFW driver is cgo: a C compiler plus the X11 and OpenGL headers.
build_pkgs="gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev"
# The window smoke test: a virtual X server with software GL, screenshots, window lookup;
# xmllint for the REFI-QDA schema check.
test_pkgs="xvfb xauth libgl1-mesa-dri imagemagick x11-utils xdotool libxml2-utils"

# make figures: SQLite's shell, to compare search with its FTS5 on the same
# data, and GNU time for each command's peak memory.
figures_pkgs="sqlite3 time"

# make package: the Windows cross-compiler and xz for the Linux archive.
package_pkgs="gcc-mingw-w64-x86-64 xz-utils"

pkgs=$build_pkgs
[ "$want" = test ] && pkgs="$build_pkgs $test_pkgs"
[ "$want" = package ] && pkgs="$build_pkgs $package_pkgs"
[ "$want" = figures ] && pkgs="$build_pkgs $test_pkgs $figures_pkgs"

if ! command -v go >/dev/null 2>&1; then
	echo "Go is missing: install Go 1.26 or newer from https://go.dev/dl/ and put it on PATH." >&2
	exit 1
fi

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	missing=""
	for p in $pkgs; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			missing="$missing $p"
		fi
	done
	if [ -n "$missing" ]; then
		echo "Installing:$missing"
		sudo=""
		if [ "$(id -u)" != 0 ]; then
			command -v sudo >/dev/null 2>&1 || { echo "Not root and no sudo: run as root: apt-get install -y$missing" >&2; exit 1; }
			sudo="sudo"
		fi
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
	fi
	exit 0
fi

case "$(uname -s)" in
Darwin)
	if ! xcode-select -p >/dev/null 2>&1; then
		echo "Install the Xcode command line tools first: xcode-select --install" >&2
		exit 1
	fi
	if [ "$want" = test ]; then
		command -v xmllint >/dev/null 2>&1 || echo "note: the schema check needs xmllint (it ships with macOS)."
		echo "note: the X11 window smoke test runs on Linux only; on macOS 'make test' skips it."
	fi
	exit 0
	;;
esac

# Not Debian: say exactly what is needed and stop.
cat >&2 <<MSG
This set-up installs packages on Debian and Ubuntu only. On this system install:
  Fedora/RHEL: sudo dnf install gcc pkgconf-pkg-config libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel mesa-libGL-devel xorg-x11-server-Xvfb xorg-x11-xauth mesa-dri-drivers ImageMagick xorg-x11-utils xdotool libxml2
  Arch:        sudo pacman -S --needed gcc pkgconf libx11 libxcursor libxrandr libxinerama libxi libxxf86vm mesa xorg-server-xvfb xorg-xauth imagemagick xorg-xwininfo xdotool libxml2
  openSUSE:    sudo zypper install gcc pkg-config libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel Mesa-libGL-devel xvfb-run xauth Mesa-dri ImageMagick xwininfo xdotool libxml2-tools
  Windows:     a 64-bit gcc (MSYS2: pacman -S mingw-w64-x86_64-toolchain), then 'go build'.
Then run the make target again with SKIP_DEPS=1.
MSG
exit 1
