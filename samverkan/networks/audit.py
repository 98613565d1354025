from auditlog.registry import auditlog

from samverkan.networks import models

auditlog.register(models.Network, exclude_fields=["search_text"])
auditlog.register(models.Participation)
auditlog.register(models.Membership)
auditlog.register(
    models.YearPlan, exclude_fields=["version", "updated_at"], m2m_fields={"development_areas"}
)
auditlog.register(models.ParticipationRequest)
auditlog.register(models.Material)
auditlog.register(models.Question)
auditlog.register(models.QuestionMessage)
auditlog.register(models.YearPlanComment)
