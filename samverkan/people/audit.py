from auditlog.registry import auditlog

from samverkan.people import models

auditlog.register(models.Person)
auditlog.register(models.User, include_fields=["email", "is_active", "is_staff", "language"])
