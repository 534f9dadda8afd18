#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser test (tests/FileFlow.WebTests) when they are missing,
# and makes a missing browser a test failure instead of a skip. Source it from .ci/run before `dotnet test`.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
/usr/bin/chromium --version
/usr/bin/chromedriver --version
export FILEFLOW_REQUIRE_BROWSER=1
