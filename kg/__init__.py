"""kg: a knowledge-graph builder for public-policy documents."""

__version__ = "0.8.0"
