"""Source backends: each reads one source table into an Arrow table of the contract schema."""
