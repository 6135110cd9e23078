"""The citizen's account pages, under /tai-khoan/; the namespace stays `accounts`."""

from django.urls import path

from .views import account as views
from .views import phone

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("dang-ky/", views.register_view, name="register"),
    path("thong-tin/", views.profile_view, name="profile"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("quen-mat-khau/", views.password_reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_done, name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("quen-mat-khau/tin-nhan/", phone.recover_ask, name="sms_recover"),
    path("quen-mat-khau/tin-nhan/nhap-ma/", phone.recover_code, name="sms_recover_code"),
    path("dang-ky/tin-nhan/", phone.register_ask, name="sms_register"),
    path("dang-ky/tin-nhan/nhap-ma/", phone.register_code, name="sms_register_code"),
    path("dat-lai-mat-khau/xong/", views.password_reset_complete, name="password_reset_complete"),
]
