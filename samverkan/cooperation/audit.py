from auditlog.registry import auditlog

from samverkan.cooperation import models

auditlog.register(models.Cooperation)
auditlog.register(models.Area)
auditlog.register(models.DevelopmentPlan)
auditlog.register(models.DevelopmentArea)
auditlog.register(models.Municipality)
auditlog.register(models.PopulationFigure)
auditlog.register(models.Organisation)
auditlog.register(models.ManagementContact)
auditlog.register(models.AccessibilityStatement)
auditlog.register(models.AccessibilityReport)
