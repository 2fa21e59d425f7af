"""Test and benchmark support: factories and synthetic data generators.

Not part of the distributed package (see `pyproject.toml`): the tests and the scripts under
`bench/` import it from a checkout.
"""
