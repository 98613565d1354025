from django.urls import path

from samverkan.meetings import feed_views as views_calendar
from samverkan.meetings import views

app_name = "meetings"

N = "natverk/<slug:slug>/moten/"
M = N + "<int:pk>/"

urlpatterns = [
    path("min-sida/kalender/", views_calendar.my_feed, name="my_feed"),
    path("kalender/<str:token>.ics", views_calendar.feed, name="feed"),
    path(N, views.meeting_list, name="list"),
    path(N + "planera/", views.plan_year, name="plan_year"),
    path(N + "nytt/", views.meeting_new, name="new"),
    path(N + "narvaro/", views.attendance_statistics, name="statistics"),
    path(N + "kalender/", views_calendar.network_feed, name="network_feed"),
    path(M, views.meeting_detail, name="detail"),
    path(M + "andra/", views.meeting_edit, name="edit"),
    path(M + "stall-in/", views.meeting_cancel, name="cancel"),
    path(M + "dagordning/", views.agenda_add, name="agenda_add"),
    path(M + "dagordning/<int:item>/", views.agenda_item_action, name="agenda_item"),
    path(M + "bilagor/", views.attachment_add, name="attachment_add"),
    path(M + "bilagor/<int:file>/", views.attachment_download, name="attachment"),
    path(M + "narvaro/", views.attendance, name="attendance"),
    path(M + "min-narvaro/", views.own_attendance, name="own_attendance"),
    path(M + "protokoll/", views.minutes, name="minutes"),
    path(M + "<str:kind>.pdf", views.document_pdf, name="pdf"),
    path(M + "kalender.ics", views.meeting_calendar, name="ics"),
]
