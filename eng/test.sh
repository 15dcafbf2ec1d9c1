#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs a Debian package, once apt-get's lists are fresh, or says what is missing where there is no apt-get.
apt_updated=""
install_debian() { # install_debian PACKAGE WHAT
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: $2 is missing (Debian: $1) and apt-get is not available" >&2
    exit 1
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "$apt_updated" ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1" >/dev/null
}

# A Python module seen by the python3 on the PATH or by Debian's /usr/bin/python3 (the tests look there when the
# PATH's, a pyenv or venv one, does not import it).
has_python_module() { python3 -c "import $1" >/dev/null 2>&1 || /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }

# Chromium for the browser tests (Debian's; Playwright never downloads its own here).
command -v chromium >/dev/null 2>&1 || install_debian chromium chromium

# Slurm for the slurm backend's tests (Debian's slurm-wlm, with munge): the tests start a single-node cluster of their
# own in a temporary folder (slurmctld, slurmd and munged as root), never the system's.
{ command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1; } || install_debian slurm-wlm Slurm

# scikit-learn for the hyperparameter detector's corpus.
has_python_module sklearn || install_debian python3-sklearn scikit-learn

# aiosmtpd, the SMTP server the notification tests send email to (python3 -m aiosmtpd).
has_python_module aiosmtpd || install_debian python3-aiosmtpd aiosmtpd

# PostgreSQL 15 (Debian's) for the store, API and dispatch suites' PostgreSQL pass: the tests start a throw-away
# cluster of their own in a temporary folder (tests/ExperimentHub.Testing/Databases/PostgresCluster.cs).
{ [ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null 2>&1; } || install_debian postgresql "PostgreSQL 15"

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
db_suites="$db_suites|FullyQualifiedName~ExperimentHub.Server.Tests.Hubs|FullyQualifiedName~ExperimentHub.Server.Tests.Jobs"
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
