"""History for the round and its questionnaire only. Invitations and responses are never
registered: a history entry's timestamp would tell when a person answered (SPEC §6)."""

from auditlog.registry import auditlog

from samverkan.surveys import models

auditlog.register(models.SurveyRound)
auditlog.register(models.Question)
auditlog.register(models.DirectorsGroupMember)
