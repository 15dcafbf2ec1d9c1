"""The run a training script logs to, and the module-level functions that act on the current one."""

import atexit
import json
import os
import sys
import threading
import time
import traceback

from ._http import ExperimentHubError, Http, encode_float, quote_path

__all__ = ["ExperimentHubError", "Run", "init", "log", "save", "finish", "current_run"]

_MAX_BATCH = 1000
_MAX_ERROR = 8 * 1024  # characters of a failure's reason the server keeps (FinishRunRequest.MaxErrorLength)
_current = None
_lock = threading.Lock()


class Run:
    """A run on the server. Points are queued and sent in batches by a background thread."""

    def __init__(self, http, run_id, params, flush_interval=1.0):
        self.id = run_id
        self.params = dict(params)
        self._http = http
        self._queue = []
        self._cond = threading.Condition()
        self._flush_interval = flush_interval
        self._closed = False
        self._error = None
        self._sent_through = 0  # points handed to the server, for flush() to wait on
        self._queued = 0
        self._auto_step = {}
        self._thread = threading.Thread(target=self._loop, name="experimenthub-sender", daemon=True)
        self._thread.start()

    # Logging -----------------------------------------------------------------------------------------------

    def log(self, metrics, step=None, timestamp=None):
        """Queues one value per metric at `step` (per key, one past the last logged step when omitted)."""
        if not isinstance(metrics, dict):
            raise TypeError("log() takes a dict of metric name to number")
        ts = time.time() if timestamp is None else float(timestamp)
        iso = _iso(ts)
        points = []
        for key, value in metrics.items():
            if not isinstance(key, str) or not key:
                raise ValueError("metric names must be non-empty strings")
            if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
                raise TypeError("metric %r must be a number, not %s" % (key, type(value).__name__))
            s = self._auto_step.get(key, -1) + 1 if step is None else int(step)
            self._auto_step[key] = s
            points.append({"key": key, "value": encode_float(value), "step": s, "timestamp": iso})
        with self._cond:
            self._raise_if_failed()
            if self._closed:
                raise ExperimentHubError("run %s is finished" % self.id)
            self._queue.extend(points)
            self._queued += len(points)
            if len(self._queue) >= _MAX_BATCH:
                self._cond.notify_all()

    def flush(self, timeout=60.0):
        """Blocks until every queued point is on the server."""
        deadline = time.monotonic() + timeout
        with self._cond:
            target = self._queued
            self._cond.notify_all()
            while self._sent_through < target and self._error is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ExperimentHubError("timed out flushing metrics of run %s" % self.id)
                self._cond.wait(left)
            self._raise_if_failed()

    def save(self, local_path, name=None):
        """Uploads a file as an artifact of this run (streamed); `name` defaults to the file's base name."""
        name = name or os.path.basename(local_path)
        _check_artifact_path(name)
        return self._http.upload("/api/v1/runs/%s/artifacts/%s" % (self.id, quote_path(name)), local_path)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        """Ends the run: completed, or failed with the exception and its traceback as the reason. Never swallows it."""
        if value is None:
            finish_current(self, "completed")
        elif isinstance(value, KeyboardInterrupt):
            finish_current(self, "stopped", error=describe_exception(kind, value, tb))
        else:
            finish_current(self, "failed", error=describe_exception(kind, value, tb))
        return False

    def finish(self, status="completed", summary=None, error=None):
        """Flushes, then records the final status ("completed", "failed", ...), an optional summary and, for a run
        that did not complete, an optional error saying why (the end of a longer one is kept)."""
        with self._cond:
            if self._closed:
                return
        try:
            self.flush()
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()
            self._thread.join(timeout=5)
        body = {"status": status}
        if summary:
            body["summary"] = {k: encode_float(v) for k, v in summary.items()}
        if error:
            body["error"] = error if len(error) <= _MAX_ERROR else "\u2026\n" + error[-(_MAX_ERROR - 2):]
        try:
            self._http.request("POST", "/api/v1/runs/%s/finish" % self.id, body)
        except ExperimentHubError as err:
            # A retry whose first try was stored (its answer lost) finds the run already ended as asked: the refusal
            # (409, or 401 for the run's token, which died with the run) names the run's final status.
            if err.status not in (401, 409) or err.problem.get("runStatus") != status:
                raise

    # Background sender -------------------------------------------------------------------------------------

    def _loop(self):
        while True:
            with self._cond:
                if not self._queue and not self._closed:
                    self._cond.wait(self._flush_interval)
                if not self._queue:
                    if self._closed:
                        return
                    continue
                batch = self._queue[:_MAX_BATCH]
                del self._queue[:_MAX_BATCH]
            try:
                self._http.request("POST", "/api/v1/runs/%s/metrics" % self.id, {"points": batch})
            except ExperimentHubError as err:  # retries are spent, or the server refused the batch
                with self._cond:
                    self._error = err
                    self._cond.notify_all()
                print("experimenthub: metrics of run %s were not saved: %s" % (self.id, err), file=sys.stderr)
                return
            with self._cond:
                self._sent_through += len(batch)
                self._cond.notify_all()

    def _raise_if_failed(self):
        if self._error is not None:
            raise self._error


def init(project=None, name=None, params=None, api_url=None, api_key=None, flush_interval=1.0, dataset=None, code_version=None):
    """Starts (or, under an agent, attaches to) the current run and returns it. `dataset` and `code_version` (a git
    commit, for example) are recorded with a new run as its provenance; under an agent the sweep and the agent give them."""
    global _current
    with _lock:
        if _current is not None:
            return _current
        env = os.environ
        api_url = api_url or env.get("EXPERIMENTHUB_API_URL") or "http://127.0.0.1:5000"
        run_id = env.get("EXPERIMENTHUB_RUN_ID")
        if run_id:
            # Launched by an agent: the run exists and the token may write to it alone.
            http = Http(api_url, env.get("EXPERIMENTHUB_TOKEN"))
            merged = _params_from_env()
            merged.update(params or {})
            run = Run(http, int(run_id), merged, flush_interval)
        else:
            if not project:
                raise ExperimentHubError("init() needs project= outside an agent (EXPERIMENTHUB_RUN_ID is not set)")
            key = api_key or env.get("EXPERIMENTHUB_API_KEY")
            if not key:
                raise ExperimentHubError("init() needs an API key: api_key= or EXPERIMENTHUB_API_KEY")
            created = _create_run(Http(api_url, key), project, name or os.path.basename(sys.argv[0] or "run"), params or {},
                                  dataset, code_version)
            run = Run(Http(api_url, created["token"]), int(created["id"]), params or {}, flush_interval)
        _current = run
        atexit.register(_finish_at_exit)
        _install_excepthook()
        return run


def _create_run(http, project, name, params, dataset=None, code_version=None):
    """Creates the run, and its project first when the server has none of that key (as a first script expects)."""
    path = "/api/v1/projects/%s/runs" % quote_path(project)
    body = {"name": name, "params": params}
    if dataset is not None:
        body["dataset"] = str(dataset)
    if code_version is not None:
        body["codeVersion"] = str(code_version)
    try:
        return http.request("POST", path, body)
    except ExperimentHubError as err:
        if err.status != 404 or "project" not in (err.problem.get("errors") or {}):
            raise
    try:
        http.request("POST", "/api/v1/projects", {"key": project, "name": project})
    except ExperimentHubError as err:
        if err.status != 409:  # 409: another process created it meanwhile
            raise
    return http.request("POST", path, body)


def current_run():
    return _current


def log(metrics, step=None):
    _require().log(metrics, step=step)


def save(local_path, name=None):
    return _require().save(local_path, name)


def finish(status="completed", summary=None, error=None):
    global _current
    run = _current
    if run is None:
        return
    run.finish(status, summary, error)
    _current = None


def finish_current(run, status, error=None):
    """Finishes `run`, and forgets it as the current run when it is the one (a `with` block's end)."""
    global _current
    try:
        run.finish(status, error=error)
    finally:
        if _current is run:
            _current = None


def describe_exception(kind, value, tb):
    """The exception and its traceback as Python prints them."""
    return "".join(traceback.format_exception(kind, value, tb)).rstrip()


def _require():
    if _current is None:
        raise ExperimentHubError("call experimenthub.init() first")
    return _current


def _check_artifact_path(path):
    """Checked here as well as on the server: HTTP servers fold "a/../b" into "b" before the path can be refused."""
    if not isinstance(path, str) or not path:
        raise ValueError("an artifact path is required")
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise ValueError("artifact path %r may not contain control characters" % path)
    if "\\" in path:
        raise ValueError("artifact path %r uses '/' as separator, never '\\'" % path)
    if path.startswith("/"):
        raise ValueError("artifact path %r must be relative" % path)
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise ValueError("artifact path %r may not have empty, '.' or '..' segments" % path)


def _params_from_env():
    text = os.environ.get("EXPERIMENTHUB_PARAMS")
    path = os.environ.get("EXPERIMENTHUB_PARAMS_FILE")
    if not text and path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
    return json.loads(text) if text else {}


_failure = None  # the uncaught exception, as Python printed it


def _install_excepthook():
    previous = sys.excepthook

    def hook(kind, value, tb):
        global _failure
        _failure = describe_exception(kind, value, tb)
        previous(kind, value, tb)

    sys.excepthook = hook


def _finish_at_exit():
    try:
        if _failure is None:
            finish("completed")
        else:
            finish("failed", error=_failure)
    except ExperimentHubError as err:
        print("experimenthub: could not finish the run: %s" % err, file=sys.stderr)


def _iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + ".%03dZ" % int((ts % 1) * 1000)
