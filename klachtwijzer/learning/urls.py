from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("afdeling/", views.department, name="department"),
    path("leerpunten/", views.points, name="points"),
    path("leerpunten/<int:pk>/", views.point, name="point"),
    path("leerpunten/<int:pk>/wijzigen/", views.change_point, name="change_point"),
    path("klachten/<str:reference>/leerpunt/", views.record_point, name="record_point"),
    path("maatregelen/", views.actions, name="actions"),
    path("maatregelen/nieuw/", views.new_action, name="new_action"),
    path("maatregelen/<int:pk>/", views.action, name="action"),
    path("maatregelen/<int:pk>/wijzigen/", views.change_action, name="change_action"),
    path("maatregelen/<int:pk>/<slug:slug>/", views.action_step, name="action_step"),
    path("themas/", views.themes, name="themes"),
    path("themas/<int:pk>/", views.theme, name="theme"),
]
