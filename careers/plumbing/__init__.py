"""Request plumbing that knows nothing of the domain: middleware, rate limits, logging, error
pages, sessions, the shared cache and the health check. Anything may use it; it
uses nothing of careers but itself."""
