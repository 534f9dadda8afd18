#!/usr/bin/env bash
# Debian's SoftHSM2 for the PKCS#11 tests (tests/FileFlow.Pkcs11.Tests): installs it when missing, keeps its tokens in a folder of
# their own under a temporary directory (its own SOFTHSM2_CONF), initialises one token for demos and the tests, and makes a missing
# module a test failure instead of a skip. Source it from .ci/run before `dotnet test`.
set -euo pipefail
if ! command -v softhsm2-util >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2
fi
# The module's path as the package installed it (Debian ships it under /usr/lib/softhsm and the multiarch folder).
FILEFLOW_TEST_PKCS11_MODULE=$(dpkg -L libsofthsm2 softhsm2 2>/dev/null | grep -m1 '/libsofthsm2\.so$' || true)
if [ -z "$FILEFLOW_TEST_PKCS11_MODULE" ] && [ -e /usr/lib/softhsm/libsofthsm2.so ]; then
  FILEFLOW_TEST_PKCS11_MODULE=/usr/lib/softhsm/libsofthsm2.so
fi
if [ -z "$FILEFLOW_TEST_PKCS11_MODULE" ] || [ ! -e "$FILEFLOW_TEST_PKCS11_MODULE" ]; then
  echo "softhsm.sh: libsofthsm2.so not found after installing softhsm2" >&2
  exit 1
fi
export FILEFLOW_TEST_PKCS11_MODULE

softhsm_home=$(mktemp -d "${TMPDIR:-/tmp}/fileflow-softhsm.XXXXXX")
mkdir -p "$softhsm_home/tokens"
cat >"$softhsm_home/softhsm2.conf" <<CONF
directories.tokendir = $softhsm_home/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$softhsm_home/softhsm2.conf"

# One token for demos (and a test that signs in to it); the tests initialise further tokens of their own in the free slot.
export FILEFLOW_TEST_PKCS11_TOKEN=fileflow-ci FILEFLOW_TEST_PKCS11_PIN=123456 FILEFLOW_TEST_PKCS11_SO_PIN=12345678
softhsm2-util --init-token --free --label "$FILEFLOW_TEST_PKCS11_TOKEN" --pin "$FILEFLOW_TEST_PKCS11_PIN" --so-pin "$FILEFLOW_TEST_PKCS11_SO_PIN" >/dev/null
softhsm_slots=$(softhsm2-util --show-slots)
grep -q "Label:.*$FILEFLOW_TEST_PKCS11_TOKEN" <<<"$softhsm_slots" || { echo "softhsm.sh: the token was not initialised" >&2; exit 1; }
echo "SoftHSM2 $(softhsm2-util --version): $FILEFLOW_TEST_PKCS11_MODULE, tokens in $softhsm_home/tokens"
export FILEFLOW_REQUIRE_PKCS11=1
