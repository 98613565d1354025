from auditlog.registry import auditlog

from samverkan.records import models

auditlog.register(models.RetentionPolicy)
auditlog.register(models.PersonEnding)
auditlog.register(models.RetentionRemoval)
