"""A stand-in for an SDK client (do not edit: the tests use their own copy).

Creating it is slow on purpose, as creating a real client and opening its first
connection are; it prints a line each time so you can count how often it happens."""
import time

PRICES = {"tea": 3.5, "coffee": 4.25, "cake": 5.0}


class CatalogClient:
    def price(self, sku):
        return PRICES.get(sku)


def make_client():
    print("creating client")
    time.sleep(0.6)
    return CatalogClient()
