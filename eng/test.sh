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

# PostgreSQL 15 (Debian's) for the store, API and dispatch suites' PostgreSQL pass: the tests start a throw-away
# cluster of their own in a temporary folder (tests/ExperimentHub.Testing/Databases/PostgresCluster.cs).
if [ ! -x /usr/lib/postgresql/15/bin/initdb ] && ! command -v initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  else
    echo "test.sh: PostgreSQL 15 is missing (Debian: postgresql) and apt-get is not available" >&2
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

# The store, API and dispatch suites again, with the same assertions, on PostgreSQL, and on SQL Server where one is
# given (tests/ExperimentHub.Testing/Databases/TestDatabase.cs). Tests of SQLite itself carry Category=SqliteOnly.
db_suites="FullyQualifiedName~ExperimentHub.Server.Tests.Data|FullyQualifiedName~ExperimentHub.Server.Tests.Api"
db_suites="$db_suites|FullyQualifiedName~ExperimentHub.Server.Tests.Dispatch|FullyQualifiedName~ExperimentHub.Server.Tests.Sweeps"
db_suites="$db_suites|FullyQualifiedName~ExperimentHub.Server.Tests.Hubs"
echo "test.sh: the store, API and dispatch suites on PostgreSQL 15"
EXPERIMENTHUB_TEST_PROVIDER=postgres dotnet test tests/ExperimentHub.Server.Tests -c Release --no-build \
  --logger "console;verbosity=normal" --filter "($db_suites)&Category!=SqliteOnly"
if [ -n "${EXPERIMENTHUB_TEST_SQLSERVER:-}" ]; then
  echo "test.sh: the store, API and dispatch suites on SQL Server (EXPERIMENTHUB_TEST_SQLSERVER)"
  EXPERIMENTHUB_TEST_PROVIDER=sqlserver dotnet test tests/ExperimentHub.Server.Tests -c Release --no-build \
    --logger "console;verbosity=normal" --filter "($db_suites)&Category!=SqliteOnly"
else
  echo "test.sh: LEFT OUT: the store, API and dispatch suites on SQL Server (no server here; set EXPERIMENTHUB_TEST_SQLSERVER to a connection string to run them)"
fi
