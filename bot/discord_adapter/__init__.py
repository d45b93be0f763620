"""The Discord door: a thin adapter that turns interactions into `Request`s, calls the services
and renders their replies. Nothing outside this package imports discord."""
