"""Helpers of the tests and the benchmarks (not part of the package)."""
