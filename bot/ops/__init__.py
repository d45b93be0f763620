"""The operator's door: `labbot doctor` (the set-up checked against Discord's REST API and the
host), JSON log lines, and the rendering of `labbot status`. Checks are plain functions over
data fetched by a small REST client, so tests feed them directly or through the fake Discord."""
