from django.urls import path

from . import views

app_name = "ombudsman"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/documenten/", views.add_documents, name="add_documents"),
    path("documenten/<int:pk>/", views.document, name="document"),
    path("<int:pk>/<slug:slug>/", views.change, name="change"),
    path("aanbevelingen/<int:pk>/", views.respond, name="respond"),
    path("termijnen/<int:pk>/", views.deadline_done, name="deadline_done"),
    path("klachten/<str:reference>/nieuw/", views.open_case, name="open"),
]
