"""Fixtures shared by the lab tests."""

from tests.core.lab.test_lab_flow import lab  # noqa: F401 (a fixture: a living lab open for intake)
