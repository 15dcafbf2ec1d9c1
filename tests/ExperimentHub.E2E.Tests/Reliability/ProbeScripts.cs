namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>Tiny trial scripts that leave evidence of what ran where, written to a test's temporary folder.</summary>
public static class ProbeScripts
{
    /// <summary>
    /// <c>probe.py LOG SECONDS</c>: appends "start RUN PID" and "end RUN PID" to LOG (O_APPEND, one write per line, so
    /// concurrent trials do not interleave), sleeping between, and reports a score.
    /// </summary>
    public const string Probe = """
        import os, sys, time
        log, seconds = sys.argv[1], float(sys.argv[2])
        run = os.environ["EXPERIMENTHUB_RUN_ID"]
        def note(what):
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(fd, ("%s %s %d %f\n" % (what, run, os.getpid(), time.time())).encode())
            os.close(fd)
        note("start")
        time.sleep(seconds)
        print("EXPERIMENTHUB step=1 score=%s" % (int(run) % 7), flush=True)
        note("end")
        """;

    /// <summary><c>sleeper.py DIR</c>: writes its pid to DIR/RUN.pid and sleeps for two minutes, reporting a step a second.</summary>
    public const string Sleeper = """
        import os, sys, time
        folder = sys.argv[1]
        with open(os.path.join(folder, os.environ["EXPERIMENTHUB_RUN_ID"] + ".pid"), "w") as f:
            f.write(str(os.getpid()))
        for step in range(120):
            print("EXPERIMENTHUB step=%d score=%d" % (step, step), flush=True)
            time.sleep(1)
        """;

    public static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
