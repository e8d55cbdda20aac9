from django.urls import path

from . import dashboard_views

app_name = "dashboard"
urlpatterns = [
    path("", dashboard_views.dashboard, name="index"),
    path("export.<str:fmt>", dashboard_views.dashboard_export, name="export"),
]
