from django.shortcuts import render

from pasok.accounts import permissions


def home(request):
    return render(request, "shell/home.html", {
        "may_search": permissions.may_search_suppliers(request.user),
    })
