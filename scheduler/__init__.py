"""APScheduler 3.x wiring (`wiring.build_scheduler`) and the jobs (`jobs`): plain coroutines
that call the services. Imported only by the doors that run a clock (Discord runner, demo)."""
