"""Benchmarks: long runs that measure, kept out of the test suite."""
