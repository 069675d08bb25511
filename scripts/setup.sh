#!/usr/bin/env bash
# Installs everything Wanfeng needs on Debian/Ubuntu with Node 20: system packages, then npm ci.
# Used by the README's quick start and by CI, so both install the same way.
set -euo pipefail
cd "$(dirname "$0")/.."

# socat: pty readers in tests; chromium + CJK fonts: browser tests and screenshots;
# libusb + udev: node-hid and serialport's device listing at run time;
# postgresql: the district backend (tests start their own throwaway cluster, see test/support/).
PACKAGES=(socat chromium fonts-noto-cjk libusb-1.0-0 udev postgresql)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# 20.12: the journal's hash chain uses crypto.hash.
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 12) ? 0 : 1)'; then
  echo "Wanfeng needs Node.js 20.12 or newer (found $(node --version))." >&2
  exit 1
fi

npm ci --no-audit --no-fund
