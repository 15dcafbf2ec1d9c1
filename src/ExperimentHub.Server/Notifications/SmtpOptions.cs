namespace ExperimentHub.Server.Notifications;

/// <summary>The <c>ExperimentHub:Notifications:Smtp</c> settings; email notifications need <see cref="Host"/>.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary><c>none</c>, <c>starttls</c> (upgrade after connecting) or <c>ssl</c> (TLS from the start, port 465).</summary>
    public string Security { get; set; } = "starttls";

    /// <summary>Empty: no authentication.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "ExperimentHub <experimenthub@localhost>";
}
