"""What one emulated workspace holds: the campaigns (`campaigns`, the record and its seeding),
the store whose methods are named after API operations (`store`), the ledger of applied actions
(`ledger`) and the request statistics (`stats`)."""
