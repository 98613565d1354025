from django.urls import path

from samverkan.reports import views

app_name = "reports"

urlpatterns = [
    path("deltagande/", views.matrix, name="matrix"),
    path("deltagande.<str:fmt>", views.matrix_export, name="matrix_export"),
    path("arsrapport/", views.yearly, name="yearly_current"),
    path("arsrapport/<int:year>/", views.yearly, name="yearly"),
    path("arsrapport/<int:year>.pdf", views.yearly_pdf, name="yearly_pdf"),
    path("arsrapport/<int:year>/skicka/", views.yearly_send, name="yearly_send"),
]
