"""The dashboard (对账与查缺补漏): reconciliation and gap follow-up."""
