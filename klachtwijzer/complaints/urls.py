from django.urls import path

from . import access_log_views, retention_views, subject_access_views, views

app_name = "complaints"
urlpatterns = [
    path("", views.home, name="home"),
    path("klachten/", views.complaint_list, name="list"),
    path("klachten/export.<str:fmt>", views.complaint_list_export, name="list_export"),
    path("klachten/registreren/", views.register, name="register"),
    path("klachten/<str:reference>/", views.detail, name="detail"),
    path("klachten/<str:reference>/stap/<slug:slug>/", views.take_step, name="step"),
    path(
        "klachten/<str:reference>/onderdelen/<int:element_id>/beoordelen/",
        views.judge_element,
        name="judge_element",
    ),
    path("privacy/inzagelog/", access_log_views.access_log, name="access_log"),
    path("privacy/inzageverzoek/", subject_access_views.subject_access_page, name="subject_access"),
    path("bewaren/", retention_views.overview, name="retention"),
    path("bewaren/voorstellen/", retention_views.propose, name="retention_propose"),
    path("bewaren/lijsten/<int:pk>/", retention_views.destruction_list, name="retention_list"),
    path("bewaren/lijsten/<int:pk>/goedkeuren/", retention_views.approve, name="retention_approve"),
    path("bewaren/lijsten/<int:pk>/uitvoeren/", retention_views.carry_out, name="retention_carry_out"),
    path("bewaren/bewaarplicht/", retention_views.place_hold, name="retention_hold"),
    path("bewaren/bewaarplicht/<int:pk>/opheffen/", retention_views.lift_hold, name="retention_lift"),
    path("klachten/<str:reference>/bijlagen/<int:attachment_id>/", views.attachment, name="attachment"),
]
