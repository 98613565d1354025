from auditlog.registry import auditlog

from samverkan.meetings import models

auditlog.register(models.Meeting, exclude_fields=["updated_at"])
auditlog.register(models.AgendaItem)
auditlog.register(models.Minutes, exclude_fields=["version", "updated_at"])
auditlog.register(models.Attachment)
auditlog.register(models.Attendance)
auditlog.register(models.CalendarFeed, exclude_fields=["token_hash"])
