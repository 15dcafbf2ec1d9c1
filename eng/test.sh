#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium for the browser tests (Debian's; Playwright never downloads its own here).
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: chromium is missing and apt-get is not available" >&2
    exit 1
  fi
fi

# scikit-learn for the hyperparameter detector's corpus: Debian's, seen by /usr/bin/python3 (the tests look there
# when the python3 on the PATH, a pyenv or venv one, does not import it).
if ! python3 -c "import sklearn" >/dev/null 2>&1 && ! /usr/bin/python3 -c "import sklearn" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-sklearn >/dev/null
  else
    echo "test.sh: scikit-learn is missing (Debian: python3-sklearn) and apt-get is not available" >&2
    exit 1
  fi
fi

# npm packages: the front-end assets and the test tools (s3rver).
for dir in wwwroot-assets eng/test-tools; do
  if [ -f "$dir/package.json" ]; then
    (cd "$dir" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi)
  fi
done

# dotnet-ef (./dotnet-tools.json): the migrations and scripts under db/ are made with it (eng/db-migration.sh).
dotnet tool restore >/dev/null

dotnet build ExperimentHub.sln -c Release -warnaserror
dotnet test ExperimentHub.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
