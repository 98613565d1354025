from django.contrib import admin

from samverkan.notifications.models import Notification, ReminderRun


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "email_status"]
    list_filter = ["kind", "email_status"]
    search_fields = ["subject", "key", "recipient__name", "recipient__email"]
    raw_id_fields = ["recipient", "network"]
    readonly_fields = ["created_at", "claimed_at", "emailed_at", "email_attempts", "last_error"]


@admin.register(ReminderRun)
class ReminderRunAdmin(admin.ModelAdmin):
    list_display = ["day", "finished_at", "errors"]
