#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for browser tests, poppler for reading PDFs,
# SoftHSM for PKCS#11 signing, Noto fonts for Vietnamese in screenshots, pg_dump/pg_restore for
# backup and restore on PostgreSQL, npm to fetch axe-core (accessibility audits of the browser tests),
# ClamAV's daemon and sigtool for the virus-scanning tests (they start their own clamd on a signature
# database they build: freshclam is never run, the public database is neither needed nor fetched).
# With --bench, also what the benchmarks use: wrk, the HTTP load generator of bench/http.py.
set -euo pipefail
PACKAGES=(chromium fonts-noto-core fonts-dejavu-core poppler-utils softhsm2 postgresql-client npm clamav-daemon clamav)
if [ "${1:-}" = --bench ]; then
    PACKAGES+=(wrk)
fi

missing=()
for package in "${PACKAGES[@]}"; do
    if [ "$package" = postgresql-client ] && command -v pg_dump >/dev/null && command -v pg_restore >/dev/null; then
        continue  # a versioned client (postgresql-client-15) is as good as the metapackage
    fi
    if [ "$package" = npm ] && command -v npm >/dev/null; then
        continue  # npm from Node.js's own installer is as good (it fetches axe-core for the browser tests)
    fi
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "The tests need these Debian packages. Install them with:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
