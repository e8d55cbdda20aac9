from django.urls import path

from . import views

app_name = "satisfaction"
urlpatterns = [
    path("tevredenheid/opmerkingen/", views.comments, name="comments"),
    path("tevredenheid/bedankt/", views.thanks, name="thanks"),
    path("tevredenheid/<str:token>/", views.survey, name="survey"),
    path("klacht/<uuid:token>/tevredenheid/", views.survey_from_status, name="from_status"),
]
