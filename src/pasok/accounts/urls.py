from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("confirm/resend/", views.resend_confirmation, name="resend-confirmation"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("sign-in-pauses/", views.sign_in_pauses, name="sign-in-pauses"),
    path("sign-in-pauses/<int:pk>/unlock/", views.sign_in_unlock, name="sign-in-unlock"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/reinvite/", views.person_reinvite, name="person-reinvite"),
    path("notifications/", views.notifications, name="notifications"),
    path("verification/", views.verification_queue, name="verification"),
    path("verification/<int:pk>/", views.verify, name="verify"),
    path("organisations/<int:pk>/nib-document/", views.nib_document, name="nib-document"),
    path("organisations/<int:pk>/nib-document/upload/", views.nib_document_upload,
         name="nib-document-upload"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password-reset-done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordSetView.as_view(
        success_url=reverse_lazy("accounts:login")), name="password-reset-confirm"),
]
