from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.index, name="index"),
    path("gelezen/", views.mark_read, name="mark_read"),
    path("e-mail/", views.preferences, name="preferences"),
]
