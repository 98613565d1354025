from tests.costs.conftest import sharing  # noqa: F401
