import db

connection = db.connect()


def lambda_handler(event, context):
    sql = "SELECT name, email FROM customers WHERE name = '" + event["name"] + "'"
    rows = connection.execute(sql).fetchall()
    return {"customers": [{"name": name, "email": email} for name, email in rows]}
