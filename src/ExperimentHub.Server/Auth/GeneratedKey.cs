namespace ExperimentHub.Server.Auth;

/// <summary>A fresh key: the text to hand out once, and what is stored (display prefix, public id, hash of the secret).</summary>
public sealed record GeneratedKey(string Text, string Prefix, string PublicId, string Hash);
