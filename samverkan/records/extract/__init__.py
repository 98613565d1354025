"""Issue 15: see samverkan/records/__init__.py."""
