from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "motcua.news"
    label = "news"
    verbose_name = "Tin tức, bình luận, liên hệ"
