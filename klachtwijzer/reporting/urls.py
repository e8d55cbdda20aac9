from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.report, name="report"),
    path("<int:year>/teksten/", views.report_texts, name="texts"),
    path("<int:year>/definitief/", views.report_finalise, name="finalise"),
    path("<int:year>/concept.<str:fmt>", views.report_download, name="download"),
    path("<int:year>/maken/<str:fmt>/", views.report_make, name="make"),
    path("<int:year>/taken/<int:pk>/", views.job, name="job"),
    path("<int:year>/taken/<int:pk>/bestand", views.job_download, name="job_download"),
    path("<int:year>/versie/<int:number>/", views.version, name="version"),
    path("<int:year>/versie/<int:number>/vastgesteld/", views.version_adopt, name="adopt"),
    path("<int:year>/versie/<int:number>/<str:name>", views.version_download, name="version_download"),
]
