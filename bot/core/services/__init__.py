"""Domain services, one module each. They take plain `Request`s and return plain data."""
