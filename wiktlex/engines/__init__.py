"""Scale-out engines: whole refreshes that read, parse and write on a cluster."""
