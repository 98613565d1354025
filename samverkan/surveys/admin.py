"""Rounds, questions and the directors' group in the admin. Invitations and responses are
left out on purpose: nobody browses who answered or reads single answers (SPEC §6)."""

from django.contrib import admin

from samverkan.surveys.models import DirectorsGroupMember, Question, SurveyRound


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "opens_on", "closes_on", "closed_on"]
    list_filter = ["state"]
    inlines = [QuestionInline]


@admin.register(DirectorsGroupMember)
class DirectorsGroupMemberAdmin(admin.ModelAdmin):
    list_display = ["person", "added_on"]
    autocomplete_fields = ["person"]
