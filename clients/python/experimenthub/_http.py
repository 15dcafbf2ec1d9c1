"""A small JSON-over-HTTP helper: bearer auth, problem-details errors, retries on transient failures."""

import json
import math
import time
import urllib.error
import urllib.parse
import urllib.request

_RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class ExperimentHubError(Exception):
    """The server refused a request; `status` and `problem` (RFC 7807 details) say why."""

    def __init__(self, message, status=None, problem=None):
        super().__init__(message)
        self.status = status
        self.problem = problem or {}


def encode_float(value):
    """JSON has no NaN: the server's convention is the strings "NaN", "Infinity", "-Infinity"."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def decode_float(value):
    if isinstance(value, str):
        return float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(value, value))
    return float(value)


class Http:
    def __init__(self, base_url, token, timeout=30.0, retries=5, backoff=0.5):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    def url(self, path):
        return self.base_url + path

    def request(self, method, path, body=None, content_type="application/json", raw=False):
        """Sends a request and returns the decoded JSON (or bytes when raw); retries transient failures."""
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, bytearray)) else json.dumps(body, allow_nan=False).encode("utf-8")
        attempt = 0
        while True:
            req = urllib.request.Request(self.url(path), data=data, method=method)
            req.add_header("Accept", "application/json")
            if self.token:
                req.add_header("Authorization", "Bearer " + self.token)
            if data is not None:
                req.add_header("Content-Type", content_type)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    payload = resp.read()
                    if raw:
                        return payload
                    return json.loads(payload) if payload else None
            except urllib.error.HTTPError as err:
                if err.code in _RETRY_STATUSES and attempt < self.retries:
                    attempt += 1
                    time.sleep(self._delay(attempt))
                    continue
                raise _problem(err) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
                if attempt < self.retries:
                    attempt += 1
                    time.sleep(self._delay(attempt))
                    continue
                raise ExperimentHubError("cannot reach %s: %s" % (self.base_url, getattr(err, "reason", err))) from None

    def upload(self, path, file_path, content_type="application/octet-stream"):
        """Streams a file as the request body (urllib sends a file object in chunks)."""
        import os

        size = os.path.getsize(file_path)
        with open(file_path, "rb") as f:
            req = urllib.request.Request(self.url(path), data=f, method="PUT")
            req.add_header("Content-Type", content_type)
            req.add_header("Content-Length", str(size))
            if self.token:
                req.add_header("Authorization", "Bearer " + self.token)
            try:
                with urllib.request.urlopen(req, timeout=max(self.timeout, 300.0)) as resp:
                    payload = resp.read()
                    return json.loads(payload) if payload else None
            except urllib.error.HTTPError as err:
                raise _problem(err) from None

    def _delay(self, attempt):
        return min(self.backoff * (2 ** (attempt - 1)), 10.0)


def _problem(err):
    problem = {}
    try:
        problem = json.loads(err.read() or b"{}")
    except ValueError:
        pass
    return ExperimentHubError("HTTP %d: %s" % (err.code, describe_problem(problem, err.reason)), err.code, problem)


def describe_problem(problem, fallback):
    """The reason once: each field error as "field: message", and the detail only where it says more than those."""
    errors = problem.get("errors") if isinstance(problem, dict) else None
    lines = []
    if isinstance(errors, dict):
        lines = ["%s: %s" % (k, ", ".join(str(m) for m in v) if isinstance(v, list) else v) for k, v in errors.items()]
    summary = problem.get("detail") or (None if lines else problem.get("title")) if isinstance(problem, dict) else None
    if summary and not any(summary in line or line in summary for line in lines):
        lines.insert(0, summary)
    return "; ".join(lines) or str(fallback)


def quote_path(path):
    return "/".join(urllib.parse.quote(part, safe="") for part in path.split("/"))
