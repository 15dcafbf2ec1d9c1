"""Ask/tell: drive a sweep without a command from Python, one trial at a time or several in parallel."""

import json
import os

from ._http import ExperimentHubError, Http, decode_float, encode_float, quote_path

__all__ = ["Sweep", "Trial", "sweep"]


class Trial:
    """An asked trial: its id (also its run id), parameters, and a token that may log intermediate metrics to it."""

    def __init__(self, sweep, payload):
        self.sweep = sweep
        self.id = int(payload["trialId"])
        self.run_id = int(payload["runId"])
        self.number = int(payload["trialNumber"])
        self.params = payload["params"]
        self.token = payload["token"]
        self.expires_at = payload.get("expiresAt")

    def log(self, metrics, step):
        """Logs intermediate metrics (learning curves) to the trial's run with its own token."""
        points = [{"key": k, "value": encode_float(v), "step": int(step)} for k, v in metrics.items()]
        Http(self.sweep.http.base_url, self.token).request("POST", "/api/v1/runs/%d/metrics" % self.run_id, {"points": points})

    def __repr__(self):
        return "Trial(id=%d, number=%d, params=%r)" % (self.id, self.number, self.params)


class Sweep:
    """A sweep on the server, driven by ask() and tell()."""

    def __init__(self, http, payload):
        self.http = http
        self.id = int(payload["id"])
        self.name = payload.get("name")
        self.objectives = [o["metric"] for o in payload.get("objectives") or []]

    def ask(self):
        """The next trial to evaluate, or None when the sweep will hand out no more (its budget is spent)."""
        try:
            return Trial(self, self.http.request("POST", "/api/v1/sweeps/%d/ask" % self.id))
        except ExperimentHubError as err:
            if err.status == 409 and err.problem.get("code") == "done":
                return None
            raise

    def tell(self, trial, values=None, failed=None):
        """Reports a trial's outcome: `values` (a dict of objective values, or one number for a single objective),
        or `failed="why"` for a trial that could not be evaluated."""
        trial_id = trial.id if isinstance(trial, Trial) else int(trial)
        if failed is not None:
            if values is not None:
                raise ValueError("tell() takes values or failed=, not both")
            body = {"status": "failed", "reason": str(failed)}
        else:
            if values is None:
                raise ValueError("tell() needs values (or failed='reason')")
            if not isinstance(values, dict):
                if len(self.objectives) != 1:
                    raise ValueError("sweep %d has %d objectives: tell a dict of values" % (self.id, len(self.objectives)))
                values = {self.objectives[0]: values}
            body = {"values": {k: encode_float(v) for k, v in values.items()}}
        return self.http.request("POST", "/api/v1/trials/%d/tell" % trial_id, body)

    def info(self):
        """The sweep's state as the server has it: status, counts, best trial or Pareto set."""
        return self.http.request("GET", "/api/v1/sweeps/%d" % self.id)

    def best(self):
        """The best trial so far as (params, metrics), or None before any completed."""
        best = self.info().get("best")
        if not best:
            return None
        return best["params"], {k: decode_float(v) for k, v in best["metrics"].items()}

    def optimize(self, objective, max_trials=None):
        """Asks, evaluates `objective(params)` (a number or a dict of values; an exception tells a failure) and
        tells, until the sweep is done or `max_trials` were run. Returns best()."""
        done = 0
        while max_trials is None or done < max_trials:
            trial = self.ask()
            if trial is None:
                break
            try:
                values = objective(trial.params)
            except Exception as err:  # the trial failed; the search goes on
                self.tell(trial, failed="%s: %s" % (type(err).__name__, err))
            else:
                self.tell(trial, values)
            done += 1
        return self.best()


def sweep(spec, project, api_url=None, api_key=None):
    """Submits `spec` (a dict, or the YAML text of a spec without a command) to `project` (made when missing) and
    returns the Sweep to drive with ask() and tell()."""
    api_url = api_url or os.environ.get("EXPERIMENTHUB_API_URL") or "http://127.0.0.1:5000"
    key = api_key or os.environ.get("EXPERIMENTHUB_API_KEY")
    if not key:
        raise ExperimentHubError("sweep() needs an API key: api_key= or EXPERIMENTHUB_API_KEY")
    http = Http(api_url, key)
    if isinstance(spec, dict):
        body, content_type = json.dumps(spec, allow_nan=False).encode("utf-8"), "application/json"
    elif isinstance(spec, str):
        body, content_type = spec.encode("utf-8"), "application/yaml"
    else:
        raise TypeError("sweep() takes the spec as a dict or a YAML string, not %s" % type(spec).__name__)
    path = "/api/v1/projects/%s/sweeps" % quote_path(project)
    try:
        created = http.request("POST", path, body, content_type=content_type)
    except ExperimentHubError as err:
        if err.status != 404 or "project" not in (err.problem.get("errors") or {}):
            raise
        try:
            http.request("POST", "/api/v1/projects", {"key": project, "name": project})
        except ExperimentHubError as again:
            if again.status != 409:  # another process created it meanwhile
                raise
        created = http.request("POST", path, body, content_type=content_type)
    return Sweep(http, created)
