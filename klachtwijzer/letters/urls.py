from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("klachten/<str:reference>/brieven/", views.complaint_letters, name="complaint_letters"),
    path("klachten/<str:reference>/brieven/nieuw/", views.compose, name="compose"),
    path("klachten/<str:reference>/brieven/<int:pk>/", views.detail, name="detail"),
    path(
        "klachten/<str:reference>/brieven/<int:pk>/verstuurd-per-post/", views.mark_posted, name="mark_posted"
    ),
    path("klachten/<str:reference>/brieven/<int:pk>/opnieuw-versturen/", views.retry, name="retry"),
    path("klachten/<str:reference>/brieven/<int:pk>/<str:fmt>/", views.download, name="download"),
    path("brieven/sjablonen/", views.templates, name="templates"),
    path("brieven/niet-verstuurd/", views.undelivered, name="undelivered"),
    path("brieven/niet-verstuurd/<int:pk>/opnieuw/", views.retry_undelivered, name="retry_undelivered"),
    path("brieven/sjablonen/<str:kind>/", views.edit_template, name="edit_template"),
]
