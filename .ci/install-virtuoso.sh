#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source for the `server` tests. Idempotent: does nothing when
# virtuoso-t is already on the PATH. The package's system service is never used (and is stopped if
# the package started it): the test fixture runs its own instance on free ports.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then
    echo "virtuoso-t already installed: $(command -v virtuoso-t)"
    exit 0
fi

start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# The package asks for a DBA password through debconf; an empty answer keeps the default (dba).
echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password" | debconf-set-selections
echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
# Where init scripts run (not in most containers), the package starts a system instance on the
# default ports; stop it so it cannot clash with the fixture's own instance.
if command -v service >/dev/null 2>&1; then
    service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
fi
echo "installed virtuoso-opensource in $(($(date +%s) - start)) s"
