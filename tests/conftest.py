"""Test configuration shared by the suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Machines differ in speed (CI shares its cores): properties are about results,
# not time, so no example may fail for taking long. Speed is measured in benchmarks/.
settings.register_profile(
    "quoteprov",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
# QUOTEPROV_EXAMPLES=1000 python -m pytest: a longer hunt than the default 100 examples.
settings.register_profile(
    "thorough",
    parent=settings.get_profile("quoteprov"),
    max_examples=int(os.environ.get("QUOTEPROV_EXAMPLES", "100")),
)
settings.load_profile("thorough" if "QUOTEPROV_EXAMPLES" in os.environ else "quoteprov")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession (two cores) for every test marked ``spark``."""
    from quoteprov.spark import session

    spark = session("local[2]", app="quoteprov-tests", partitions=2)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()
