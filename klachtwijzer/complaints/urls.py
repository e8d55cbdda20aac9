from django.urls import path

from . import views

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
    path("klachten/<str:reference>/bijlagen/<int:attachment_id>/", views.attachment, name="attachment"),
]
