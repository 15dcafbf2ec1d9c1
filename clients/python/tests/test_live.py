"""Tests against a real server: set EXPERIMENTHUB_TEST_URL and EXPERIMENTHUB_TEST_KEY (an admin key).

The .NET test project ExperimentHub.Client.Tests starts a server and runs this suite as a child process.
"""

import http.server
import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest
import urllib.error
import urllib.request
import uuid

import experimenthub
from experimenthub._http import ExperimentHubError, Http, decode_float

URL = os.environ.get("EXPERIMENTHUB_TEST_URL")
KEY = os.environ.get("EXPERIMENTHUB_TEST_KEY")
CLIENT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class LostFinishAnswerProxy:
    """Forwards every request to the server, but answers the first finish with 502 after the server stored it: its
    answer is lost on the way back, as when a connection breaks, and the client sends it again."""

    def __init__(self, target):
        proxy = self
        self.finishes = []  # the server's status for each finish that went through

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else None
                req = urllib.request.Request(target.rstrip("/") + self.path, data=data, method=self.command)
                for name in ("Authorization", "Content-Type", "Accept"):
                    if self.headers.get(name):
                        req.add_header(name, self.headers[name])
                try:
                    with urllib.request.urlopen(req, timeout=30) as resp:
                        status, body, kind = resp.status, resp.read(), resp.headers.get("Content-Type")
                except urllib.error.HTTPError as err:
                    status, body, kind = err.code, err.read(), err.headers.get("Content-Type")
                if self.command == "POST" and self.path.endswith("/finish"):
                    proxy.finishes.append(status)
                    if len(proxy.finishes) == 1:
                        status, body, kind = 502, b"", None
                self.send_response(status)
                if kind:
                    self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _forward

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()


@unittest.skipUnless(URL and KEY, "EXPERIMENTHUB_TEST_URL and EXPERIMENTHUB_TEST_KEY name no server")
class LiveTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = Http(URL, KEY, retries=0)
        cls.project = "py-" + uuid.uuid4().hex[:12]
        cls.admin.request("POST", "/api/v1/projects", {"key": cls.project, "name": "Python client tests"})

    def tearDown(self):
        experimenthub.finish()

    def series(self, run_id, key):
        got = self.admin.request("GET", "/api/v1/runs/%s/metrics/%s?maxPoints=10000" % (run_id, key))
        return [(p["step"], decode_float(p["value"])) for p in got["points"]]

    def run_info(self, run_id):
        return self.admin.request("GET", "/api/v1/runs/%s" % run_id)

    def script(self, body, env=None):
        """Runs `body` in a fresh interpreter with this client importable; returns the completed process."""
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("EXPERIMENTHUB_")}
        full_env["PYTHONPATH"] = CLIENT_DIR
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-c", textwrap.dedent(body)], env=full_env,
                              capture_output=True, text=True, timeout=60)

    def test_init_log_finish_round_trip_with_nan_and_infinities(self):
        run = experimenthub.init(project=self.project, name="roundtrip", params={"lr": 0.01}, api_url=URL, api_key=KEY)
        self.assertEqual(run.params, {"lr": 0.01})
        experimenthub.log({"loss": 0.5}, step=0)
        experimenthub.log({"loss": float("nan")}, step=1)
        experimenthub.log({"loss": float("inf")}, step=2)
        experimenthub.log({"loss": float("-inf")}, step=3)
        experimenthub.finish(summary={"accuracy": 0.97})

        points = self.series(run.id, "loss")
        self.assertEqual([s for s, _ in points], [0, 1, 2, 3])
        self.assertEqual(points[0][1], 0.5)
        self.assertTrue(math.isnan(points[1][1]))
        self.assertEqual(points[2][1], float("inf"))
        self.assertEqual(points[3][1], float("-inf"))
        info = self.run_info(run.id)
        self.assertEqual(info["status"], "completed")
        self.assertEqual(info["summary"]["accuracy"], 0.97)
        self.assertEqual(info["params"], {"lr": 0.01})

    def test_steps_count_up_per_metric_when_omitted(self):
        run = experimenthub.init(project=self.project, api_url=URL, api_key=KEY)
        for i in range(3):
            experimenthub.log({"loss": 1.0 / (i + 1)})
        experimenthub.log({"acc": 0.1})
        run.flush()
        self.assertEqual([s for s, _ in self.series(run.id, "loss")], [0, 1, 2])
        self.assertEqual([s for s, _ in self.series(run.id, "acc")], [0])

    def test_artifact_upload_downloads_the_same_bytes(self):
        run = experimenthub.init(project=self.project, api_url=URL, api_key=KEY)
        data = os.urandom(200_000)
        with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
            f.write(data)
        try:
            experimenthub.save(f.name, name="models/best model.bin")
        finally:
            os.unlink(f.name)
        got = self.admin.request("GET", "/api/v1/runs/%s/artifacts/models/best%%20model.bin" % run.id, raw=True)
        self.assertEqual(got, data)

    def test_bad_artifact_paths_are_refused_naming_the_path_and_nothing_is_stored(self):
        run = experimenthub.init(project=self.project, api_url=URL, api_key=KEY)
        with tempfile.NamedTemporaryFile(delete=False) as f:
            f.write(b"x")
        try:
            for bad in ("a/../b.txt", "./b.txt", "/etc/b.txt", "a//b.txt", "a\\b.txt", "b\0.txt"):
                with self.assertRaises(ValueError) as ctx:
                    run.save(f.name, name=bad)
                self.assertIn(repr(bad), str(ctx.exception))
        finally:
            os.unlink(f.name)
        with self.assertRaises(ExperimentHubError) as missing:
            self.admin.request("GET", "/api/v1/runs/%s/artifacts/b.txt" % run.id, raw=True)
        self.assertEqual(missing.exception.status, 404)

    def test_init_creates_a_project_the_server_does_not_have_yet(self):
        key = "new-" + uuid.uuid4().hex[:8]
        run = experimenthub.init(project=key, name="first", api_url=URL, api_key=KEY)
        experimenthub.finish()
        self.assertEqual(self.admin.request("GET", "/api/v1/projects/%s" % key)["key"], key)
        self.assertEqual(self.run_info(run.id)["status"], "completed")

    def test_an_invalid_project_key_is_an_error_naming_the_key_once(self):
        with self.assertRaises(ExperimentHubError) as ctx:
            experimenthub.init(project="Not A Key!", api_url=URL, api_key=KEY)
        message = str(ctx.exception)
        self.assertEqual(ctx.exception.status, 400)
        self.assertIn("key", message)
        reason = message.split(": ", 1)[1]
        self.assertEqual(message.count(reason), 1, message)
        self.assertEqual(len(set(reason.split("; "))), len(reason.split("; ")), message)

    def test_wrong_api_key_is_refused(self):
        with self.assertRaises(ExperimentHubError) as ctx:
            experimenthub.init(project=self.project, api_url=URL, api_key="ehk_wrong")
        self.assertEqual(ctx.exception.status, 401)

    def test_init_without_a_key_says_what_is_missing(self):
        env = dict(os.environ)
        os.environ.pop("EXPERIMENTHUB_API_KEY", None)
        try:
            with self.assertRaises(ExperimentHubError) as ctx:
                experimenthub.init(project=self.project, api_url=URL)
        finally:
            os.environ.clear()
            os.environ.update(env)
        self.assertIn("EXPERIMENTHUB_API_KEY", str(ctx.exception))

    def test_background_batches_are_flushed_when_the_script_exits(self):
        proc = self.script("""
            import experimenthub as eh
            run = eh.init(project=%r, name="exits", flush_interval=600)
            print(run.id, flush=True)
            for step in range(2500):
                eh.log({"loss": 1.0 / (step + 1), "acc": step / 2500.0}, step=step)
            # No finish(): the interpreter's exit flushes and finishes the run.
        """ % self.project, {"EXPERIMENTHUB_API_URL": URL, "EXPERIMENTHUB_API_KEY": KEY})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        run_id = int(proc.stdout.split()[0])
        self.assertEqual(len(self.series(run_id, "loss")), 2500)
        self.assertEqual(len(self.series(run_id, "acc")), 2500)
        self.assertEqual(self.run_info(run_id)["status"], "completed")

    def test_uncaught_exception_marks_the_run_failed(self):
        proc = self.script("""
            import experimenthub as eh
            run = eh.init(project=%r, name="crashes")
            print(run.id, flush=True)
            eh.log({"loss": 0.9}, step=0)
            raise RuntimeError("diverged")
        """ % self.project, {"EXPERIMENTHUB_API_URL": URL, "EXPERIMENTHUB_API_KEY": KEY})
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("diverged", proc.stderr)
        run_id = int(proc.stdout.split()[0])
        info = self.run_info(run_id)
        self.assertEqual(info["status"], "failed")
        self.assertEqual(self.series(run_id, "loss"), [(0, 0.9)])
        # The reason is on the run, as Python printed it: the traceback's frames and the exception last.
        self.assertTrue(info["error"].startswith("Traceback (most recent call last):"), info["error"])
        self.assertTrue(info["error"].endswith("RuntimeError: diverged"), info["error"])

    def test_a_with_block_that_raises_fails_the_run_with_the_traceback_and_lets_the_exception_through(self):
        def train(run):
            run.log({"loss": 0.4}, step=0)
            return {"a": 1}["missing"]

        with self.assertRaises(KeyError):
            with experimenthub.init(project=self.project, name="with-block", api_url=URL, api_key=KEY) as run:
                train(run)
        info = self.run_info(run.id)
        self.assertEqual(info["status"], "failed")
        self.assertIn("in train", info["error"])
        self.assertTrue(info["error"].endswith("KeyError: 'missing'"), info["error"])
        self.assertIsNone(experimenthub.current_run())
        self.assertEqual(self.series(run.id, "loss"), [(0, 0.4)])

    def test_a_with_block_that_ends_normally_completes_the_run_without_an_error(self):
        with experimenthub.init(project=self.project, name="with-ok", api_url=URL, api_key=KEY) as run:
            run.log({"loss": 0.1}, step=0)
        info = self.run_info(run.id)
        self.assertEqual(info["status"], "completed")
        self.assertIsNone(info["error"])

    def test_a_long_traceback_keeps_its_end(self):
        run = experimenthub.init(project=self.project, name="long-error", api_url=URL, api_key=KEY)
        experimenthub.finish("failed", error="x" * 20000 + "ValueError: the cause")
        error = self.run_info(run.id)["error"]
        self.assertLessEqual(len(error), 8 * 1024)
        self.assertTrue(error.endswith("ValueError: the cause"))

    def test_under_an_agent_the_run_and_params_come_from_the_environment(self):
        created = self.admin.request("POST", "/api/v1/projects/%s/runs" % self.project,
                                     {"name": "trial", "params": {"lr": 0.1, "optimizer": "adam"}})
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"lr": 0.1, "optimizer": "adam"}, f)
        try:
            proc = self.script("""
                import json, experimenthub as eh
                run = eh.init()
                print(json.dumps(run.params, sort_keys=True), flush=True)
                eh.log({"val_loss": 0.25}, step=7)
            """, {
                "EXPERIMENTHUB_API_URL": URL,
                "EXPERIMENTHUB_RUN_ID": str(created["id"]),
                "EXPERIMENTHUB_TOKEN": created["token"],
                "EXPERIMENTHUB_PARAMS_FILE": f.name,
            })
        finally:
            os.unlink(f.name)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(json.loads(proc.stdout), {"lr": 0.1, "optimizer": "adam"})
        self.assertEqual(self.series(created["id"], "val_loss"), [(7, 0.25)])
        self.assertEqual(self.run_info(created["id"])["status"], "completed")

    def test_a_new_run_records_its_dataset_and_code_version(self):
        run = experimenthub.init(project=self.project, name="provenance", api_url=URL, api_key=KEY,
                                 dataset="mnist-v3", code_version="1f2e3d4c")
        info = self.run_info(run.id)
        self.assertEqual(info["dataset"], "mnist-v3")
        self.assertEqual(info["codeVersion"], "1f2e3d4c")

    def test_a_run_token_may_not_write_to_another_run(self):
        mine = self.admin.request("POST", "/api/v1/projects/%s/runs" % self.project, {"name": "mine"})
        other = self.admin.request("POST", "/api/v1/projects/%s/runs" % self.project, {"name": "other"})
        with self.assertRaises(ExperimentHubError) as ctx:
            Http(URL, mine["token"], retries=0).request(
                "POST", "/api/v1/runs/%s/metrics" % other["id"], {"points": [{"key": "loss", "value": 1, "step": 0}]})
        self.assertEqual(ctx.exception.status, 403)

    def test_a_finish_sent_again_after_its_answer_was_lost_took_effect_and_does_not_fail_the_script(self):
        proxy = LostFinishAnswerProxy(URL)
        try:
            run = experimenthub.init(project=self.project, name="lost-answer", api_url=proxy.url, api_key=KEY)
            experimenthub.log({"loss": 0.5}, step=0)
            experimenthub.finish("completed", summary={"best_loss": 0.5})
        finally:
            proxy.close()
        # The first finish was stored; the second found the run's token dead with the run, and the run completed.
        self.assertEqual(proxy.finishes, [200, 401])
        info = self.run_info(run.id)
        self.assertEqual(info["status"], "completed")
        self.assertEqual(decode_float(info["summary"]["best_loss"]), 0.5)

    def test_a_finish_sent_again_fails_when_the_run_ended_otherwise(self):
        run = experimenthub.init(project=self.project, name="ended-otherwise", api_url=URL, api_key=KEY)
        self.admin.request("POST", "/api/v1/runs/%s/finish" % run.id, {"status": "stopped"})
        with self.assertRaises(ExperimentHubError) as ctx:
            run.finish("completed")
        self.assertEqual(ctx.exception.status, 401)
        self.assertIn("has ended (stopped)", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
