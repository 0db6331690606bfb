"""A stand-in orders table (do not edit: the tests use their own copy)."""
ORDERS = {
    "o-1": {"orderId": "o-1", "status": "shipped"},
    "o-2": {"orderId": "o-2", "status": "new"},
}
