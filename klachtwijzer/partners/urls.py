from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("cijfers-aanleveren/", views.upload, name="upload"),
    path("<int:pk>/", views.partner, name="partner"),
    path("<int:pk>/gesprek/", views.conversation, name="conversation"),
]
