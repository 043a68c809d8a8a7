"""Benchmarks: `python -m tests.bench [NAME ...]`. Each prints our time, a raw baseline measured in
the same run, and the ratio. Benchmarks are not tests: nothing in the test suite asserts a time."""
