"""The contract register as stored: contracts, their parties, tariff lines and
bestedingsruimte (a Django app over the pure :mod:`passend.contracting.register`)."""
