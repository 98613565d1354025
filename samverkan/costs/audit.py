from auditlog.registry import auditlog

from samverkan.costs import models

auditlog.register(models.Cost)
auditlog.register(models.Allocation)
