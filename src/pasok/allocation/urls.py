from django.urls import path

from . import views

app_name = "allocation"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/offers/", views.plan_offers, name="offers"),
    path("<int:pk>/solve/", views.solve, name="solve"),
    path("<int:pk>/what-if/", views.what_if, name="what-if"),
    path("<int:pk>/capacity/", views.capacity, name="capacity"),
    path("<int:pk>/runs/<int:number>/", views.run_detail, name="run"),
    path("<int:pk>/runs/<int:number>/progress/", views.run_progress, name="progress"),
]
