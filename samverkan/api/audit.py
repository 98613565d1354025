from auditlog.registry import auditlog

from samverkan.api import models

# last_used_at changes on every call and key_hash is a secret: neither belongs in the history.
auditlog.register(models.ApiToken, exclude_fields=["key_hash", "last_used_at"])
