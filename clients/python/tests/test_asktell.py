"""Ask/tell against a real server (set EXPERIMENTHUB_TEST_URL and EXPERIMENTHUB_TEST_KEY): a whole search driven from Python."""

import math
import os
import unittest
import uuid

import experimenthub
from experimenthub._http import ExperimentHubError

URL = os.environ.get("EXPERIMENTHUB_TEST_URL")
KEY = os.environ.get("EXPERIMENTHUB_TEST_KEY")

BRANIN_MINIMUM = 0.397887


def branin(x, y):
    a, b, c, r, s, t = 1.0, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    return a * (y - b * x ** 2 + c * x - r) ** 2 + s * (1 - t) * math.cos(x) + s


@unittest.skipUnless(URL and KEY, "EXPERIMENTHUB_TEST_URL and EXPERIMENTHUB_TEST_KEY name no server")
class AskTellTests(unittest.TestCase):
    def setUp(self):
        self.project = "py-asktell-" + uuid.uuid4().hex[:10]

    def test_a_bayes_search_driven_by_ask_and_tell_finds_the_branin_minimum(self):
        spec = """
            name: branin-ask-tell
            method: bayes
            objectives:
              - {metric: value, goal: minimize}
            parameters:
              x: {type: float, min: -5, max: 10}
              y: {type: float, min: 0, max: 15}
            budget: {trials: 30, parallel: 1}
            seed: 3
            """
        sweep = experimenthub.sweep(spec, project=self.project, api_url=URL, api_key=KEY)
        told = 0
        while True:
            trial = sweep.ask()
            if trial is None:
                break
            trial.log({"value": 1e6}, step=0)  # an intermediate metric, through the trial's own token
            sweep.tell(trial, branin(trial.params["x"], trial.params["y"]))
            told += 1
        self.assertEqual(told, 30)
        params, metrics = sweep.best()
        self.assertLess(metrics["value"] - BRANIN_MINIMUM, 0.05, "best %r at %r" % (metrics, params))
        self.assertAlmostEqual(metrics["value"], branin(params["x"], params["y"]), places=9)

    def test_parallel_asks_with_a_dict_spec_and_failures_complete_the_sweep(self):
        spec = {
            "name": "quadratic-parallel",
            "method": "tpe",
            "objectives": [{"metric": "loss", "goal": "minimize"}],
            "parameters": {"x": {"type": "float", "min": -3, "max": 3}, "opt": {"values": ["sgd", "adam"]}},
            "budget": {"trials": 12, "parallel": 3},
            "seed": 5,
        }
        sweep = experimenthub.sweep(spec, project=self.project, api_url=URL, api_key=KEY)
        batch = [sweep.ask() for _ in range(3)]
        self.assertEqual(len({repr(sorted(t.params.items())) for t in batch}), 3)
        with self.assertRaises(ExperimentHubError) as ctx:
            sweep.ask()
        self.assertEqual(ctx.exception.status, 409)
        self.assertEqual(ctx.exception.problem.get("code"), "parallel")

        sweep.tell(batch[0], failed="out of memory")
        for trial in batch[1:]:
            sweep.tell(trial, {"loss": trial.params["x"] ** 2})
        with self.assertRaises(ExperimentHubError) as ctx:
            sweep.tell(batch[1], {"loss": 0.0})
        self.assertEqual(ctx.exception.status, 409)

        def objective(params):
            if params["opt"] == "sgd" and params["x"] > 2.5:
                raise ValueError("diverged")
            return (params["x"] - 1) ** 2

        params, metrics = sweep.optimize(objective)
        self.assertLess(metrics["loss"], 1.0)
        self.assertIsNone(sweep.ask())
        info = sweep.info()
        self.assertEqual(info["trialsTotal"], 12)
        self.assertGreaterEqual(info["trialsFailed"], 1)


if __name__ == "__main__":
    unittest.main()
