"""Worked inputs shared by several test modules."""

# The worksheet of docs/interfaces.md (`pasok tkdn compute`), exactly as printed there: TKDN 48.18%
# under Permenperin 35/2025.
INTERFACES_WORKSHEET = {
    "regime": "permenperin-35-2025",
    "product": "Blok rem besi cor tipe K",
    "materials": [{"name": "Besi kasar (pig iron)", "quantity": 6.2, "unit_price": 9500,
                   "domestic_percent": 0},
                  {"name": "Scrap baja lokal", "quantity": 5.1, "unit_price": 6200,
                   "domestic_percent": 100},
                  {"name": "Pelat punggung baja", "quantity": 1, "unit_price": 7000,
                   "domestic_percent": 48.5}],
    "labour": [{"name": "Operator cor", "cost": 14000, "domestic_percent": 100}],
    "overhead": [{"name": "Listrik tungku induksi", "cost": 9000, "domestic_percent": 100},
                 {"name": "Penyusutan mesin impor", "cost": 3000, "domestic_percent": 0}],
}
