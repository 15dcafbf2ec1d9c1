#!/usr/bin/env bash
# Adds the EF migration NAME for every provider from the model (src/ExperimentHub.Server/Data) and regenerates each
# provider's idempotent script. Folding a model change in is this one command; review the diff under db/ after it.
#   ./eng/db-migration.sh AddNotifications
# With --scripts-only, regenerates the scripts (db/<provider>/migrate.sql) without adding a migration. A test
# (MigrationScriptTests) fails while a script or a snapshot lags behind the model.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:?usage: eng/db-migration.sh NAME | --scripts-only}
providers=(sqlite:Sqlite postgres:Postgres sqlserver:SqlServer)
ef=(dotnet ef --project src/ExperimentHub.Server --configuration Release --no-build)

dotnet tool restore >/dev/null
dotnet build src/ExperimentHub.Server -c Release -warnaserror -v quiet -nologo
if [ "$name" != "--scripts-only" ]; then
  for p in "${providers[@]}"; do
    dir=${p%%:*}; type=${p##*:}
    "${ef[@]}" migrations add "$name" --context "${type}StoreDb" \
      --output-dir "../../db/$dir/Migrations" --namespace "ExperimentHub.Server.Data.Migrations.$type"
    # dotnet-ef writes the model snapshot beside the project (by namespace) when it is outside it: keep it in db/.
    snapshot="src/ExperimentHub.Server/ExperimentHub/Server/Data/Migrations/$type/${type}StoreDbModelSnapshot.cs"
    if [ -f "$snapshot" ]; then mv -f "$snapshot" "db/$dir/Migrations/"; fi
  done
  rm -rf src/ExperimentHub.Server/ExperimentHub
  # The scripts come from the assembly: build it again with the new migrations in.
  dotnet build src/ExperimentHub.Server -c Release -warnaserror -v quiet -nologo
fi
for p in "${providers[@]}"; do
  dir=${p%%:*}; type=${p##*:}
  # EF cannot write an idempotent script for SQLite (no procedural IF): its script is the whole history from empty.
  idempotent=--idempotent; [ "$dir" = sqlite ] && idempotent=
  "${ef[@]}" migrations script $idempotent --context "${type}StoreDb" --output "db/$dir/migrate.sql"
done
# The scripts are checked in as they come; line endings and the tool's byte-order mark are normalised.
for p in "${providers[@]}"; do
  sed -i '1s/^\xEF\xBB\xBF//; s/\r$//' "db/${p%%:*}/migrate.sql"
done
