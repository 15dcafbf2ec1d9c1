using System.Diagnostics;
using System.Net.Sockets;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>
/// Debian's aiosmtpd (<c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT</c>) on a free port, storing what it receives in a
/// Maildir of its own (which the handler creates); eng/test.sh installs python3-aiosmtpd.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TemporaryDirectory _mail;

    private SmtpTestServer(Process process, TemporaryDirectory mail, int port)
    {
        _process = process;
        _mail = mail;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Every message received so far, whole (headers and body).</summary>
    public IReadOnlyList<string> Messages()
    {
        var folder = Path.Combine(_mail.Path, "maildir", "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(File.ReadAllText).ToList() : [];
    }

    public static async Task<SmtpTestServer> StartAsync()
    {
        var mail = new TemporaryDirectory("smtp");
        var port = FreePort.Next();
        var start = new ProcessStartInfo(PythonWithModule.Find("aiosmtpd", "python3-aiosmtpd"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(mail.Path, "maildir") })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpTestServer(process, mail, port);
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {process.ExitCode}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "aiosmtpd to listen");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _mail.Dispose();
    }
}
