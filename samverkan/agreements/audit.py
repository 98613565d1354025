from auditlog.registry import auditlog

from samverkan.agreements import models

auditlog.register(models.Agreement)
auditlog.register(models.AgreementVersion)
auditlog.register(models.Chairmanship)
auditlog.register(models.ChairMunicipality)
auditlog.register(models.BusinessPlan)
auditlog.register(models.FocusArea, m2m_fields={"municipalities"})
auditlog.register(models.WorkingGroup, m2m_fields={"members"})
auditlog.register(models.Matter, m2m_fields={"concerned", "organisations"})
auditlog.register(models.Mandate, m2m_fields={"people", "represents"})
# reminded_on is the daily reminder's own bookkeeping, set in bulk (agreements/reminders.py);
# the reminder itself is a notice in the outbox.
auditlog.register(models.OnboardingTask, exclude_fields=["reminded_on"])
auditlog.register(models.AgreementReview)
