#!/usr/bin/env bash
# Install Debian's chromium and chromedriver for the `browser` tests (Selenium drives /usr/bin/chromium through
# /usr/bin/chromedriver). Idempotent: does nothing when both are there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version)"
    exit 0
fi

start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
echo "installed chromium and chromium-driver in $(($(date +%s) - start)) s"
