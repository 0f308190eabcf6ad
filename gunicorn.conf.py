"""gunicorn settings for room mode (`make lan`) and the benchmarks.

Its request limits sit above the app's own (app/__init__.py: 4,096-character addresses,
8,000-character headers), so an over-long request gets the app's translated page, never
gunicorn's English one.
"""
limit_request_line = 8190  # gunicorn's largest
limit_request_field_size = 16380
