namespace ExperimentHub.Core.Specs;

/// <summary>
/// The code a sweep's trials run (<c>code: {repo, ref, dir, install}</c>): each agent fetches <see cref="Repo"/> at
/// <see cref="Ref"/> with git into a workspace of its own for the sweep, runs <see cref="Install"/> there once, and
/// starts every trial in <see cref="Dir"/> of that checkout.
/// </summary>
/// <param name="Repo">A URL git can fetch (https, ssh, <c>file://</c>) or a local path (relative paths start at the agent's work folder).</param>
/// <param name="Ref">A branch, tag or commit; null for the repository's default branch (its HEAD).</param>
/// <param name="Dir">The folder inside the checkout where install and trials run; null for the checkout's root.</param>
/// <param name="Install">The argument list run once per agent and sweep before the first trial (no shell); empty for none.</param>
public sealed record CodeSpec(string Repo, string? Ref, string? Dir, IReadOnlyList<string> Install)
{
    public bool Equals(CodeSpec? other) =>
        other is not null && Repo == other.Repo && Ref == other.Ref && Dir == other.Dir && Install.SequenceEqual(other.Install);

    public override int GetHashCode() => HashCode.Combine(Repo, Ref, Dir, Install.Count);
}
