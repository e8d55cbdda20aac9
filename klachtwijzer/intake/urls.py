from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("klacht-indienen/", views.submit, name="submit"),
    path("klacht/<uuid:token>/verzonden/", views.submitted, name="submitted"),
    path("klacht/<uuid:token>/", views.status, name="status"),
    path("klacht/<uuid:token>/aanvullen/", views.add_information, name="add_information"),
    path("klacht/<uuid:token>/brieven/<int:pk>.pdf", views.letter_pdf, name="letter_pdf"),
    path("gemeente/logo/", views.logo, name="logo"),
]
