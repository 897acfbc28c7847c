"""Application layer: start-up, services and the command line. Never imports widgets."""
