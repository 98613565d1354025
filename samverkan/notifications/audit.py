from auditlog.registry import auditlog

from samverkan.notifications import models

# Issue 16, point 6: how a person chose to get their notices e-mailed is in their history.
auditlog.register(models.DeliveryChoice, exclude_fields=["changed_at"])
