"""Test configuration shared by the suite."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Machines differ in speed (CI shares its cores): properties are about results,
# not time, so no example may fail for taking long. Speed is measured in benchmarks/.
settings.register_profile(
    "quoteprov",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("quoteprov")
