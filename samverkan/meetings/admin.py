"""The admin, for the secretariat's rare repairs; every change lands in the history."""

from django.contrib import admin

from samverkan.meetings import models


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    extra = 0
    raw_id_fields = ["person", "recorded_by"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["network", "starts_at", "place", "host", "status", "sequence"]
    list_filter = ["status", "network"]
    date_hierarchy = "starts_at"
    readonly_fields = ["uid", "sequence"]
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(models.Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "state", "approved_by", "approved_at"]
    list_filter = ["state"]
    raw_id_fields = ["approved_by"]


@admin.register(models.CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Only a hash of a feed's secret is kept (issue 13): here the secretariat sees whose feed
    it is and may revoke it or set its last day; the address itself is nowhere to be seen."""

    list_display = ["person", "network", "created_at", "expires_on", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    exclude = ["token_hash"]
    raw_id_fields = ["person"]
