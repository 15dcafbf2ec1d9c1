#!/usr/bin/env bash
# Installs `ehub` (src/ExperimentHub.Cli) as a .NET tool from this repository, or updates it.
# Usage: ./eng/install-ehub.sh                 a global tool, in ~/.dotnet/tools
#        ./eng/install-ehub.sh --tool-path DIR  the tool in DIR instead
set -euo pipefail
cd "$(dirname "$0")/.."

packages=$(mktemp -d)
trap 'rm -rf "$packages"' EXIT
# A version of its own for each build, so that a reinstall after `git pull` replaces the tool.
version="0.1.$(( $(date +%s) - 1700000000 ))"
dotnet pack src/ExperimentHub.Cli -c Release -o "$packages" --nologo -v quiet -p:PackageVersion="$version"

where=(--global)
if [ "${1:-}" = "--tool-path" ]; then
  where=(--tool-path "${2:?--tool-path needs a folder}")
fi
# `update` installs the tool when it is missing.
dotnet tool update "${where[@]}" ExperimentHub.Cli --version "$version" --add-source "$packages" --ignore-failed-sources --no-cache >/dev/null
if [ "${where[0]}" = "--global" ]; then
  echo "ehub is installed in ~/.dotnet/tools."
  case ":$PATH:" in
    *":$HOME/.dotnet/tools:"*) ;;
    *) echo "Add it to your PATH: export PATH=\"\$PATH:\$HOME/.dotnet/tools\"" ;;
  esac
else
  echo "ehub is installed in ${where[1]}."
fi
