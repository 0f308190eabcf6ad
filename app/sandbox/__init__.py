"""The sandbox: a safe practice copy of the M-Paspor booking (issue 3, in progress)."""
