using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// Makes the token of a new run, which the run store writes in the same transaction as the run. Auth's
/// <c>ApiKeyIssuer</c> is the implementation: the store does not know how keys are made.
/// </summary>
public interface IRunTokenIssuer
{
    IssuedKey NewRunToken(Run run);
}
