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

# npm packages: the front-end assets and the test tools (s3rver).
for dir in wwwroot-assets eng/test-tools; do
  if [ -f "$dir/package.json" ]; then
    (cd "$dir" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi)
  fi
done

dotnet build ExperimentHub.sln -c Release -warnaserror
dotnet test ExperimentHub.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
