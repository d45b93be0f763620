"""Door: a scripted tour on simulated time through the console's operations (`labbot demo`)."""
