#!/usr/bin/env bash
# System packages Marsad needs beyond Python: Arabic fonts and Pango for WeasyPrint (PDFs),
# poppler-utils to read PDFs back in tests, Chromium for the browser tests.
# Installs with apt-get when run as root; otherwise says what to install and goes on.
set -euo pipefail

packages=(fonts-noto-core fonts-hosny-amiri libpango-1.0-0 libpangoft2-1.0-0 poppler-utils chromium)
stamp=".venv/.system-deps"

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "marsad setup: apt-get not found; please install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "marsad setup: not root, skipping system packages. Missing: ${missing[*]}" >&2
  echo "marsad setup: run 'sudo apt-get install ${missing[*]}' for PDFs and browser tests." >&2
  exit 0
fi
echo "marsad setup: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
mkdir -p "$(dirname "$stamp")" && touch "$stamp"
