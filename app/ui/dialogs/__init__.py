"""Dialogs: customer, invoice, payment, settings; and the customer card."""
