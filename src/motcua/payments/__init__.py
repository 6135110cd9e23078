"""Fees and their payment: the quote from the procedure, the national payment gateway, receipts."""
