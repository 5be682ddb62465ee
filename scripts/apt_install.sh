#!/usr/bin/env bash
# apt_install PACKAGE WHY: install one of Debian's packages for the test suite, as root or
# through sudo; without either, say the command to run and fail. Sourced by ensure_*.sh.
apt_install() {
  local package="$1" why="$2" sudo=""
  echo "Installing Debian's $package for $why..."
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$package is missing: run 'apt-get install $package' as root, then 'make test' again" >&2
      exit 1
    fi
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "$package" >/dev/null
}
