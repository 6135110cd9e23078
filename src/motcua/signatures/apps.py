from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "motcua.signatures"
    label = "signatures"
    verbose_name = "Chữ ký số, chứng thư số"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Certificate, TrustAnchor
        from .selectors import forget_fetch_urls
        from .truststore import bump_stamp

        # The addresses validation may fetch from are derived from these two tables.
        for model in (TrustAnchor, Certificate):
            name = model.__name__
            post_save.connect(forget_fetch_urls, sender=model, dispatch_uid=f"fetch-urls-save-{name}")
            post_delete.connect(forget_fetch_urls, sender=model, dispatch_uid=f"fetch-urls-delete-{name}")
        # Every change to the trust store writes a new stamp in its own transaction.
        post_save.connect(bump_stamp, sender=TrustAnchor, dispatch_uid="trust-store-stamp-save")
        post_delete.connect(bump_stamp, sender=TrustAnchor, dispatch_uid="trust-store-stamp-delete")
