"""APScheduler 3.x wiring: jobs are plain functions that call the services (see jobs.py)."""
