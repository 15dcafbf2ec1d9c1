"""Offline tests: the JSON conventions and argument checks, no server needed."""

import json
import math
import unittest

from experimenthub._http import Http, decode_float, encode_float, quote_path
from experimenthub._run import Run


class EncodingTests(unittest.TestCase):
    def test_non_finite_values_travel_as_strings(self):
        self.assertEqual(encode_float(float("nan")), "NaN")
        self.assertEqual(encode_float(float("inf")), "Infinity")
        self.assertEqual(encode_float(float("-inf")), "-Infinity")
        self.assertEqual(encode_float(3), 3.0)
        # The encoded values are valid strict JSON.
        json.dumps([encode_float(v) for v in (float("nan"), float("inf"), 1.5)], allow_nan=False)

    def test_strings_decode_back_to_non_finite_values(self):
        self.assertTrue(math.isnan(decode_float("NaN")))
        self.assertEqual(decode_float("Infinity"), float("inf"))
        self.assertEqual(decode_float("-Infinity"), float("-inf"))
        self.assertEqual(decode_float(0.25), 0.25)

    def test_artifact_paths_are_escaped_per_segment(self):
        self.assertEqual(quote_path("checkpoints/epoch 3/model.bin"), "checkpoints/epoch%203/model.bin")
        self.assertEqual(quote_path("a?b#c"), "a%3Fb%23c")


class LogArgumentTests(unittest.TestCase):
    def setUp(self):
        # Nothing valid is logged, so the unreachable address is never contacted.
        self.run = Run(Http("http://127.0.0.1:9", None), 1, {})

    def tearDown(self):
        self.run._closed = True

    def test_log_takes_a_dict(self):
        with self.assertRaises(TypeError):
            self.run.log([("loss", 1.0)])

    def test_metric_values_must_be_numbers(self):
        with self.assertRaises(TypeError) as ctx:
            self.run.log({"loss": "low"})
        self.assertIn("loss", str(ctx.exception))
        with self.assertRaises(TypeError):
            self.run.log({"converged": True})

    def test_metric_names_must_be_non_empty(self):
        with self.assertRaises(ValueError):
            self.run.log({"": 1.0})


if __name__ == "__main__":
    unittest.main()
