"""A stand-in payment service (do not edit: the tests use their own copy)."""


def charge(order_id, amount):
    print(f"CHARGED {order_id} {amount}")
