using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ExperimentHub.Server.Data;

/// <summary>Applies <see cref="SqlitePragmas"/> to every connection EF opens.</summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqlitePragmas.Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SqlitePragmas.ApplyAsync(connection, cancellationToken);
}
