from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "motcua.exchange"
    label = "exchange"
    verbose_name = "Gửi, nhận văn bản điện tử (edXML)"
