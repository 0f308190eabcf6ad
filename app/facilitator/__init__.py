"""The facilitator's side: sessions, the live board, results (issue 4, in progress)."""
