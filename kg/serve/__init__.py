"""`kg serve`: a SPARQL 1.1 endpoint and a browser explorer over a kg store (Starlette on uvicorn).

    kg.serve.app(store_path, ...)    the ASGI application (for tests, or another server)
    kg.serve.serve(store_path, ...)  run it with uvicorn until interrupted
"""

from kg.serve.app import app, serve

__all__ = ["app", "serve"]
