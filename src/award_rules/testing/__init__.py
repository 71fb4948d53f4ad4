"""Tools for testing criteria: hypothesis strategies and property checks.

``award_rules.testing.strategies`` and ``award_rules.testing.properties`` need
hypothesis, which award-rules itself does not; import them explicitly.
"""
