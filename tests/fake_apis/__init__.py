"""Local HTTP servers speaking the HubSpot, Zendesk and Shopify REST APIs' shapes (field
names, pagination, errors as in their public docs), serving contract rows of a test company.
They run on pytest-httpserver: real sockets and real HTTP, so the connectors' retries,
timeouts and paging are exercised as they would be against the real systems."""
